"""Filters of nominations and quotas, declared once for the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from thidua.nominations.models import Nomination, NominationStatus, Quota
from thidua.organizations.models import OrgUnit


def _subtree(queryset, lookup, value):
    """Records of the unit and its descendants; an unknown unit matches nothing."""
    org = OrgUnit.objects.filter(pk=value).only("path").first()
    if org is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__startswith": org.path})


class NominationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    org = django_filters.NumberFilter(method="filter_org", label=_("Proposing unit"))
    status = django_filters.ChoiceFilter(choices=NominationStatus.choices, label=_("Status"))
    award_type = django_filters.NumberFilter(field_name="award_type_id", label=_("Award type"))
    member = django_filters.NumberFilter(field_name="member_id", label=_("Member"))
    kind = django_filters.CharFilter(field_name="kind", label=_("Kind"))
    direct_worker = django_filters.BooleanFilter(
        field_name="member__is_direct_worker", label=_("Direct worker")
    )

    class Meta:
        model = Nomination
        fields = []

    def filter_org(self, queryset, name, value):
        return _subtree(queryset, "org_path", value)


class QuotaFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    org = django_filters.NumberFilter(method="filter_org", label=_("Holding unit"))
    award_type = django_filters.NumberFilter(field_name="award_type_id", label=_("Award type"))

    class Meta:
        model = Quota
        fields = []

    def filter_org(self, queryset, name, value):
        return _subtree(queryset, "org__path", value)
