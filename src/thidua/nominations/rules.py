"""Object permissions on quotas, nominations and workplace awards (autodiscovered by ``rules``).

Reading is decided by ``visible_to`` (outside reach: 404). Acting:

- a nomination is prepared, submitted and withdrawn by its proposing unit: the grassroots chair or
  emulation officer of that unit (or above it), or the sector's admin and officer for a nomination
  the sector union (or a level above) proposes itself;
- it is returned and appraised by the sector's emulation officer or admin (at the unit or above);
- a quota granted from above is entered by the sector admin of the holder (or above), or by a
  viewer or admin of the granting unit; the sector's admin and officer sub-allocate it;
- workplace awards are recorded by the grassroots chair and emulation officer of the unit.
"""

import rules

from thidua.accounts.predicates import holds_role, org_of
from thidua.accounts.roles import Role
from thidua.organizations.models import OrgKind

UNIT_ROLES = frozenset({Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER})
SECTOR_ROLES = frozenset({Role.SECTOR_ADMIN, Role.SECTOR_OFFICER})
APPRAISER_ROLES = SECTOR_ROLES
# Kinds of unit whose own nominations are made by the sector's roles.
UPPER_KINDS = frozenset({OrgKind.SECTOR_UNION, OrgKind.FEDERATION, OrgKind.CONFEDERATION})

holds_unit_role = holds_role(*UNIT_ROLES)
holds_sector_role = holds_role(*SECTOR_ROLES)


@rules.predicate
def proposes_for(user, obj=None):
    """The user acts for the proposing unit of ``obj`` (a nomination or a unit)."""
    if obj is None:
        return holds_unit_role(user) or holds_sector_role(user)
    org = org_of(obj)
    if holds_unit_role(user, org):
        return True
    return org.kind in UPPER_KINDS and holds_sector_role(user, org)


@rules.predicate
def grants_quota(user, quota=None):
    """The sector admin at the holder (or above), or a viewer/admin of the granting unit."""
    if quota is None:
        return user.has_role(Role.SECTOR_ADMIN, Role.VIEWER)
    if holds_role(Role.SECTOR_ADMIN)(user, quota.org):
        return True
    return holds_role(Role.VIEWER, Role.SECTOR_ADMIN)(user, quota.granted_by_org)


@rules.predicate
def sub_allocates(user, quota=None):
    """The sector's admin or officer at the unit that passes on part of its quota."""
    if quota is None:
        return holds_sector_role(user)
    return holds_sector_role(user, quota.org)


@rules.predicate
def changes_quota(user, quota=None):
    if quota is not None and quota.parent_id is not None:
        return sub_allocates(user, quota.parent)
    return grants_quota(user, quota)


rules.add_perm("nominations.add_nomination", proposes_for)
rules.add_perm("nominations.change_nomination", proposes_for)
rules.add_perm("nominations.submit_nomination", proposes_for)
rules.add_perm("nominations.withdraw_nomination", proposes_for)
rules.add_perm("nominations.return_nomination", holds_role(*APPRAISER_ROLES))
rules.add_perm("nominations.appraise_nomination", holds_role(*APPRAISER_ROLES))
rules.add_perm("nominations.grant_quota", grants_quota)
rules.add_perm("nominations.sub_allocate_quota", sub_allocates)
rules.add_perm("nominations.change_quota", changes_quota)
rules.add_perm("nominations.record_workplace_award", holds_unit_role)
