"""Object permissions of periodic reporting (autodiscovered by ``rules``).

Reading is decided by ``visible_to`` (outside reach: 404). Rounds are asked, reports reviewed and
units reminded by the sector's roles at the asking unit or above it; a report is written by its
own grassroots union's officer or chair.
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import Role

SECTOR_ROLES = frozenset({Role.SECTOR_ADMIN, Role.SECTOR_OFFICER})
REPORTER_ROLES = frozenset({Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER})


def _asking_unit(obj):
    """The unit that asks: a round's unit, a report's round's unit, or a unit itself."""
    if obj is None:
        return None
    if hasattr(obj, "round"):
        return obj.round.org
    if hasattr(obj, "period"):
        return obj.org
    return obj


@rules.predicate
def is_sector_at_asking_unit(user, obj=None):
    """The user holds a sector role at the asking unit or above it (anywhere, without an object)."""
    if not user.is_authenticated:
        return False
    org = _asking_unit(obj)
    if org is None:
        return user.has_role(*SECTOR_ROLES)
    return bool(user.roles_at(org) & SECTOR_ROLES)


is_reporter = holds_role(*REPORTER_ROLES)

rules.add_perm("reporting.add_round", is_sector_at_asking_unit)
rules.add_perm("reporting.review_report", is_sector_at_asking_unit)
rules.add_perm("reporting.remind_unit", is_sector_at_asking_unit)
rules.add_perm("reporting.aggregate_round", is_sector_at_asking_unit)
rules.add_perm("reporting.submit_report", is_reporter)
