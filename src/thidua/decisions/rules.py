"""Object permissions of decisions (autodiscovered by ``rules``).

- a decision is issued by the sector admin of the issuing unit, or, at a grassroots union (for the
  awards that union gives itself), by its chair; the decision is numbered in the issuing unit's own
  series, so the role must be held at that unit itself;
- the decision's PDF is signed or replaced by a signed scan by the same people;
- an award is revoked by the sector admin at or above the issuing unit.
"""

import rules

from thidua.accounts.predicates import holds_role, org_of
from thidua.accounts.roles import Role
from thidua.organizations.models import OrgKind


@rules.predicate
def decides_at_unit(user, obj=None):
    """Sector admin at a sector union, or grassroots chair at a grassroots union, held there."""
    if not user.is_authenticated:
        return False
    if obj is None:
        return user.has_role(Role.SECTOR_ADMIN, Role.GRASSROOTS_CHAIR)
    org = org_of(obj)
    held = {a.role for a in user.role_assignments if a.org_id == org.pk}
    if org.kind == OrgKind.GRASSROOTS_UNION:
        return Role.GRASSROOTS_CHAIR in held or Role.SECTOR_ADMIN in held
    return Role.SECTOR_ADMIN in held


rules.add_perm("decisions.issue_decision", decides_at_unit)
rules.add_perm("decisions.sign_decision", decides_at_unit)
rules.add_perm("decisions.revoke_award", holds_role(Role.SECTOR_ADMIN))
