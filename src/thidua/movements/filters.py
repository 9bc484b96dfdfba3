"""Filters of movements, declared once for the list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.movements.models import Movement, MovementKind, MovementStatus, UnitPlan
from thidua.organizations.models import OrgUnit


class MovementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    year = django_filters.NumberFilter(method="filter_year", label=_("Year"))
    status = django_filters.ChoiceFilter(choices=MovementStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=MovementKind.choices, label=_("Kind"))
    org = django_filters.NumberFilter(method="filter_org", label=_("Unit"))

    class Meta:
        model = Movement
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        """Movements running at some time in the year."""
        year = int(value)
        return queryset.filter(starts_on__year__lte=year, ends_on__year__gte=year)

    def filter_org(self, queryset, name, value):
        """Movements launched in the unit's subtree or addressed to a unit in it; an unknown unit
        matches nothing (the queryset is already restricted to the user's reach)."""
        org = OrgUnit.objects.filter(pk=value).only("path").first()
        if org is None:
            return queryset.none()
        addressed = UnitPlan.objects.filter(org__path__startswith=org.path).values("movement_id")
        return queryset.filter(Q(org__path__startswith=org.path) | Q(pk__in=addressed))
