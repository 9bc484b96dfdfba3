"""Object permissions on documents (autodiscovered by ``rules``).

Adding, cancelling and linking documents follows the house rule (a role at the unit or above it).
Issuing and signing consume the unit's own number series and signing key, so they need the role at
the issuing unit itself.
"""

import rules

from thidua.accounts.predicates import holds_role, org_of
from thidua.accounts.roles import STAFF_ROLES, Role

ISSUER_ROLES = frozenset(
    {Role.SECTOR_ADMIN, Role.SECTOR_OFFICER, Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER}
)


@rules.predicate
def issues_at_unit(user, obj=None):
    """The user holds an issuing role at the object's unit itself (not only above it)."""
    if not user.is_authenticated:
        return False
    org = org_of(obj)
    if org is None:
        return user.has_role(*ISSUER_ROLES)
    return any(a.role in ISSUER_ROLES and a.org_id == org.pk for a in user.role_assignments)


rules.add_perm("documents.add_document", holds_role(*ISSUER_ROLES))
rules.add_perm("documents.change_document", holds_role(*ISSUER_ROLES))
rules.add_perm("documents.issue_document", issues_at_unit)
rules.add_perm("documents.sign_document", issues_at_unit)
rules.add_perm("documents.view_document", holds_role(*STAFF_ROLES))
rules.add_perm("documents.view_register", holds_role(*STAFF_ROLES))
rules.add_perm("documents.manage_signing", holds_role(Role.SECTOR_ADMIN))
