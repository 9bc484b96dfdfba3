"""Filters declared once for units and members; used by the list pages, the exports and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.text import search_key
from thidua.organizations.models import EmployerType, Gender, Member, OrgKind, OrgUnit


class OrgFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=OrgKind.choices, label=_("Kind"))
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("Parent unit"))
    employer_type = django_filters.ChoiceFilter(
        choices=EmployerType.choices, label=_("Employer type")
    )
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = OrgUnit
        fields = []

    def filter_q(self, queryset, name, value):
        key = search_key(value)
        return queryset.filter(search_key__contains=key) if key else queryset


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=pgettext_lazy("person", "Name"))
    org = django_filters.NumberFilter(method="filter_org", label=_("Unit (with its sub-units)"))
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label=_("Gender"))
    is_direct_worker = django_filters.BooleanFilter(label=_("Direct worker"))
    is_manager = django_filters.BooleanFilter(label=_("Holds a management post"))
    active = django_filters.BooleanFilter(label=_("Active"))
    ordering = django_filters.OrderingFilter(
        fields=(("sort_key", "name"), ("birth_date", "birth_date"), ("id", "id")),
        field_labels={"sort_key": _("Name (Vietnamese order)")},
        label=_("Order by"),
    )

    class Meta:
        model = Member
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_org(self, queryset, name, value):
        """The unit and all its descendants; an unknown or invisible unit matches nothing."""
        org = OrgUnit.objects.filter(pk=value).only("path").first()
        if org is None:
            return queryset.none()
        return queryset.filter(Q(org_path__startswith=org.path))

    @property
    def qs(self):
        queryset = super().qs
        if not self.data.get("ordering"):
            queryset = queryset.in_vietnamese_order()
        return queryset
