"""Filters of exemplary models and library entries, declared once for the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.exemplars.models import (
    Exemplar,
    ExemplarSource,
    ExemplarStatus,
    LibraryCategory,
    LibraryDocument,
)
from thidua.organizations.models import OrgUnit


class ExemplarFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ExemplarStatus.choices, label=_("Status"))
    source = django_filters.ChoiceFilter(choices=ExemplarSource.choices, label=_("Source"))
    org = django_filters.NumberFilter(method="filter_org", label=_("Unit"))
    movement = django_filters.NumberFilter(field_name="movement_id", label=_("Movement"))
    member = django_filters.NumberFilter(field_name="member_id", label=_("Member"))

    class Meta:
        model = Exemplar
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_org(self, queryset, name, value):
        """Exemplars recorded in the unit's subtree or whose nominee is in it; an unknown unit
        matches nothing (the queryset is already restricted to the user's reach)."""
        org = OrgUnit.objects.filter(pk=value).only("path").first()
        if org is None:
            return queryset.none()
        return queryset.filter(
            Q(owner_path__startswith=org.path) | Q(nominee_path__startswith=org.path)
        )


class LibraryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    category = django_filters.ChoiceFilter(choices=LibraryCategory.choices, label=_("Category"))

    class Meta:
        model = LibraryDocument
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
