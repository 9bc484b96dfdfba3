"""The five indicators of ``GET /kpis`` for a year and a unit's subtree (DOMAIN.md, Indicators).

``indicators(year, org)`` assembles them from one function each: the movement indicators come from
``thidua.movements.indicators``, ``reports_on_time`` from ``thidua.reporting.indicators``.
``officers_trained`` comes from ``thidua.oversight.indicators`` (the training records) and
``direct_worker_nominations`` from the nominations and quotas (below).
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.roles import Role
from thidua.awards.models import UPPER_LEVELS
from thidua.movements.indicators import movements_reviewed, plans_submitted
from thidua.nominations.models import Nomination, NominationStatus, Quota
from thidua.organizations.models import OfficerDesignation, OrgKind
from thidua.oversight import indicators as oversight_indicators
from thidua.reporting.indicators import reports_on_time

MIN_YEAR, MAX_YEAR = 2000, 2100
# Nominations that were never proposed (prepared only, or taken back).
NOT_PROPOSED = (NominationStatus.DRAFT, NominationStatus.WITHDRAWN)
# Messages of the query's refusals (the endpoint answers them as 400 problems).
BAD_YEAR = _("The year must be a number from %(min)d to %(max)d.")
BAD_YEAR_FIELD = _("Enter a year such as 2026.")
BAD_ORG = _("The unit must be given by its id.")
BAD_ORG_FIELD = _("Enter a unit id.")


def direct_worker_nominations(year, org):
    """Nominations for awards of the federation, Confederation or State (plan II.3) in ``year``
    proposed by units in ``org``'s subtree, against the quotas those levels allocated there.

    - A nomination counts once it reached submission: drafts and withdrawn ones do not count,
      every other status does (returned, rejected and upper-rejected ones were proposed).
    - ``proposed``: those whose nominee is a direct worker; ``all_nominations``: all of them
      (collectives included); ``share`` = proposed / all_nominations (0 when there are none).
    - ``quota``: places of those award types held in the subtree, counting only the top-level
      allocations (no parent, or a parent held outside the subtree), so a sub-allocation of
      places already counted is not counted twice.

    Two aggregate queries.
    """
    counts = (
        Nomination.objects.filter(
            year=year,
            org_path__startswith=org.path,
            award_type__issuing_level__in=UPPER_LEVELS,
        )
        .exclude(status__in=NOT_PROPOSED)
        .aggregate(total=Count("pk"), direct=Count("pk", filter=Q(member__is_direct_worker=True)))
    )
    quota = (
        Quota.objects.filter(
            year=year, award_type__issuing_level__in=UPPER_LEVELS, org__path__startswith=org.path
        )
        .filter(Q(parent__isnull=True) | ~Q(parent__org__path__startswith=org.path))
        .aggregate(places=Sum("count"))["places"]
    )
    total, direct = counts["total"], counts["direct"]
    return {
        "proposed": direct,
        "quota": quota or 0,
        "share": round(direct / total, 4) if total else 0.0,
        "all_nominations": total,
    }


def officers_to_train(org):
    """How many people the training indicator counts in ``org``'s subtree: the current
    designated officers of its active grassroots unions, plus the users holding the
    ``sector_officer`` role at a sector union of the subtree (each person once)."""
    designated = OfficerDesignation.objects.filter(
        until__isnull=True,
        org__path__startswith=org.path,
        org__kind=OrgKind.GRASSROOTS_UNION,
        org__active=True,
        member__active=True,
    )
    members = set(designated.values_list("member_id", flat=True))
    designated_users = set(
        designated.filter(member__user__isnull=False).values_list("member__user_id", flat=True)
    )
    sector_officers = set(
        RoleAssignment.objects.filter(
            role=Role.SECTOR_OFFICER,
            org__path__startswith=org.path,
            org__kind=OrgKind.SECTOR_UNION,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    return len(members) + len(sector_officers - designated_users)


def officers_trained(year, org):
    """Designated officers (and sector officers) who attended a counting training in ``year``,
    computed from the training records (``thidua.oversight.indicators``)."""
    return oversight_indicators.officers_trained(year, org)


def indicators(year, org):
    """The five indicators of ``GET /kpis`` for ``year`` and ``org``'s subtree."""
    return {
        "plans_submitted": plans_submitted(year, org),
        "movements_reviewed": movements_reviewed(year, org),
        "direct_worker_nominations": direct_worker_nominations(year, org),
        "officers_trained": officers_trained(year, org),
        "reports_on_time": reports_on_time(year, org),
    }
