"""Object permissions on units, members and officer designations (autodiscovered by ``rules``)."""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import MEMBER_EDITOR_ROLES, OFFICER_DESIGNATOR_ROLES, Role

rules.add_perm("organizations.add_orgunit", holds_role(Role.SECTOR_ADMIN))
rules.add_perm("organizations.change_orgunit", holds_role(Role.SECTOR_ADMIN))
rules.add_perm("organizations.add_member", holds_role(*MEMBER_EDITOR_ROLES))
rules.add_perm("organizations.change_member", holds_role(*MEMBER_EDITOR_ROLES))
rules.add_perm("organizations.import_members", holds_role(*MEMBER_EDITOR_ROLES))
rules.add_perm("organizations.designate_officer", holds_role(*OFFICER_DESIGNATOR_ROLES))
