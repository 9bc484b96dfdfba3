"""Who may replace the document templates of a unit: its sector admin or grassroots chair."""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import Role

can_manage_templates = holds_role(Role.SECTOR_ADMIN, Role.GRASSROOTS_CHAIR)

if not rules.perm_exists("documents.manage_templates"):
    rules.add_perm("documents.manage_templates", can_manage_templates)
