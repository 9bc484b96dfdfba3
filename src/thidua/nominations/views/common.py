"""Helpers shared by the nomination pages."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from thidua.awards.models import AwardType
from thidua.core.scoping import subtree_q
from thidua.nominations.models import Nomination, NominationStatus
from thidua.nominations.rules import SECTOR_ROLES, UNIT_ROLES
from thidua.organizations.models import OrgKind, OrgUnit


def labelled(transitions):
    labels = dict(NominationStatus.choices)
    steps = list(transitions)
    for step in steps:
        step.from_label = labels.get(step.from_state, step.from_state)
        step.to_label = labels.get(step.to_state, step.to_state)
    return steps


def visible_nomination_or_404(user, pk):
    return get_object_or_404(
        Nomination.objects.visible_to(user).select_related(
            "award_type", "org", "member", "member__org", "nominee_org", "submission", "movement"
        ),
        pk=pk,
    )


def proposing_units(user):
    """Active units where the user may propose (their unit, or the sector for its own)."""
    units = OrgUnit.objects.filter(active=True).exclude(kind=OrgKind.UNION_GROUP)
    if user.is_superuser:
        return units
    grassroots = subtree_q("path", user.reach_paths(UNIT_ROLES))
    sector_paths = user.reach_paths(SECTOR_ROLES)
    own = units.filter(
        subtree_q("path", sector_paths),
        kind__in=[OrgKind.SECTOR_UNION, OrgKind.FEDERATION, OrgKind.CONFEDERATION],
    )
    return units.filter(grassroots) | own


def award_types():
    return AwardType.objects.active().order_by("order", "code")


def current_year():
    return timezone.localdate().year
