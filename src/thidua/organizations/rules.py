"""Object permissions on units, members and officer designations (autodiscovered by ``rules``).

Reading is decided by ``visible_to`` (outside reach: 404); these decide the actions. Each is asked
with the object (a unit, a member) or, for "anywhere in my reach", without one.
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import (
    MEMBER_EDITOR_ROLES,
    OFFICER_DESIGNATOR_ROLES,
    STAFF_ROLES,
    Role,
)
from thidua.organizations.models import OrgKind


@rules.predicate
def is_union_group(user, obj=None):
    return getattr(obj, "kind", None) == OrgKind.UNION_GROUP


@rules.predicate
def holds_union_groups(user, obj=None):
    """The unit may have union groups under it (a grassroots union or a union group)."""
    return getattr(obj, "kind", None) in (OrgKind.GRASSROOTS_UNION, OrgKind.UNION_GROUP)


is_sector_admin = holds_role(Role.SECTOR_ADMIN)
is_grassroots_chair = holds_role(Role.GRASSROOTS_CHAIR)
is_staff = holds_role(*STAFF_ROLES)
is_member_editor = holds_role(*MEMBER_EDITOR_ROLES)

# The sector admin manages the tree of its reach; a grassroots chair manages the union groups
# inside its own union (adds, edits, moves, deactivates them), not the union itself.
may_add_unit = is_sector_admin | (is_grassroots_chair & holds_union_groups)
may_change_unit = is_sector_admin | (is_grassroots_chair & is_union_group)
rules.add_perm("organizations.add_orgunit", may_add_unit)
rules.add_perm("organizations.change_orgunit", may_change_unit)
rules.add_perm("organizations.view_member_list", is_staff)
rules.add_perm("organizations.export_members", is_staff)
rules.add_perm("organizations.add_member", is_member_editor)
rules.add_perm("organizations.change_member", is_member_editor)
rules.add_perm("organizations.import_members", is_member_editor)
rules.add_perm("organizations.view_officers", is_staff)
rules.add_perm("organizations.designate_officer", holds_role(*OFFICER_DESIGNATOR_ROLES))
