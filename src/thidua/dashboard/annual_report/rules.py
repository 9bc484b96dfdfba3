"""Who may generate a unit's annual report: its sector admin or sector officer.

The report is numbered from the unit's own series, so the role must be held at the unit itself,
as ``documents.issue_document`` requires (both roles issue documents); a role above the unit
reaches it for reading only.
"""

import rules

from thidua.accounts.roles import Role

PERMISSION = "dashboard.generate_annual_report"
SECTOR_ROLES = (Role.SECTOR_ADMIN, Role.SECTOR_OFFICER)


@rules.predicate
def holds_sector_role_at_unit(user, org=None):
    """The user holds a sector role at ``org`` itself (anywhere, without a unit)."""
    if not user.is_authenticated:
        return False
    if org is None:
        return user.has_role(*SECTOR_ROLES)
    return any(a.role in SECTOR_ROLES and a.org_id == org.pk for a in user.role_assignments)


if not rules.perm_exists(PERMISSION):
    rules.add_perm(PERMISSION, holds_sector_role_at_unit)
