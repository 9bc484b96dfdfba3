"""Object permissions of users and roles (autodiscovered by ``rules``)."""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import Role

is_sector_admin = holds_role(Role.SECTOR_ADMIN)

rules.add_perm("accounts.manage_users", is_sector_admin)
rules.add_perm("core.view_audit", is_sector_admin)
