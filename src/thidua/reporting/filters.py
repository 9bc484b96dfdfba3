"""Filters of rounds and reports, declared once for the pages and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from thidua.organizations.models import OrgUnit
from thidua.reporting.models import Period, Report, ReportingRound, ReportStatus


def _unit_path(queryset, value):
    """The path of unit ``value`` when it exists (visibility is the queryset's), else None."""
    return OrgUnit.objects.filter(pk=value).values_list("path", flat=True).first()


class RoundFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    period = django_filters.ChoiceFilter(choices=Period.choices, label=_("Period"))
    org = django_filters.NumberFilter(method="filter_org", label=_("Unit (with its sub-units)"))

    class Meta:
        model = ReportingRound
        fields = []

    def filter_org(self, queryset, name, value):
        """Rounds asked by the unit or below it, or in which the unit or a sub-unit reports."""
        path = _unit_path(queryset, value)
        if path is None:
            return queryset.none()
        reporting = Report.objects.filter(round=OuterRef("pk"), org__path__startswith=path)
        return queryset.filter(Q(org__path__startswith=path) | Q(Exists(reporting)))


class ReportFilter(django_filters.FilterSet):
    round = django_filters.NumberFilter(field_name="round_id", label=_("Round"))
    year = django_filters.NumberFilter(field_name="round__year", label=_("Year"))
    period = django_filters.ChoiceFilter(
        field_name="round__period", choices=Period.choices, label=_("Period")
    )
    org = django_filters.NumberFilter(method="filter_org", label=_("Unit (with its sub-units)"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))
    late = django_filters.BooleanFilter(field_name="is_late", label=_("Late"))

    class Meta:
        model = Report
        fields = []

    def filter_org(self, queryset, name, value):
        """Reports of the unit and its sub-units; an unknown unit matches nothing."""
        path = _unit_path(queryset, value)
        if path is None:
            return queryset.none()
        return queryset.filter(org__path__startswith=path)
