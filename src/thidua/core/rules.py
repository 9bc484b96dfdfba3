"""Permissions of the core pages (autodiscovered by ``rules``)."""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import Role

rules.add_perm("core.view_task_failures", holds_role(Role.SECTOR_ADMIN))
