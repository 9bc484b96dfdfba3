"""Who may export and anonymise a member's personal data (autodiscovered by ``rules``).

Reading is decided first by ``Member.objects.visible_to`` (outside reach: 404). Exporting: an
officer who edits members at the member's unit or above, or the member themself. Anonymising
(irreversible): the chair of the member's grassroots union or the sector administrator above it.
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import MEMBER_EDITOR_ROLES, Role

ANONYMISER_ROLES = frozenset({Role.SECTOR_ADMIN, Role.GRASSROOTS_CHAIR})


@rules.predicate
def is_the_member(user, member=None):
    return member is not None and user.is_authenticated and member.user_id == user.pk


rules.add_perm("privacy.export_member_data", holds_role(*MEMBER_EDITOR_ROLES) | is_the_member)
rules.add_perm("privacy.anonymise_member", holds_role(*ANONYMISER_ROLES))
