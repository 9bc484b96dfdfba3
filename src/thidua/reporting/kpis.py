"""The five indicators of ``GET /kpis`` for a year and a unit's subtree (DOMAIN.md, Indicators).

``indicators(year, org)`` assembles them from one function each: the movement indicators come from
``thidua.movements.indicators``, ``reports_on_time`` from ``thidua.reporting.indicators``.
``officers_trained`` comes from ``thidua.oversight.indicators`` (the training records). Until the
awards app exists, ``direct_worker_nominations`` is computed from what exists:

- ``direct_worker_nominations``: no nomination or quota is recorded anywhere yet, so nothing is
  proposed against no quota: ``{"proposed": 0, "quota": 0, "share": 0.0}``.

When that app lands, it replaces its function here and the endpoint stays the same.
"""

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment
from thidua.accounts.roles import Role
from thidua.movements.indicators import movements_reviewed, plans_submitted
from thidua.organizations.models import OfficerDesignation, OrgKind
from thidua.oversight import indicators as oversight_indicators
from thidua.reporting.indicators import reports_on_time

MIN_YEAR, MAX_YEAR = 2000, 2100
# Messages of the query's refusals (the endpoint answers them as 400 problems).
BAD_YEAR = _("The year must be a number from %(min)d to %(max)d.")
BAD_YEAR_FIELD = _("Enter a year such as 2026.")
BAD_ORG = _("The unit must be given by its id.")
BAD_ORG_FIELD = _("Enter a unit id.")


def direct_worker_nominations(year, org):
    """Direct-worker nominations for federation, Confederation or State awards in ``year``
    against the quotas allocated (no nominations are recorded yet: all zero)."""
    return {"proposed": 0, "quota": 0, "share": 0.0}


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
