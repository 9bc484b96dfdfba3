"""Object permissions of the award catalogue and the records it reads (autodiscovered by ``rules``).

- the catalogue (award types, criteria, eligibility rules, base salaries, reward brackets) is
  edited by the sector admin;
- yearly assessments, discipline records and imported award history are recorded by the member
  editors of the member's unit (grassroots chair and officer, sector admin and officer);
- initiatives are registered by the member editors of the unit and recognised by its council: the
  grassroots chair, or the sector admin or officer at or above the unit;
- an award record is revoked by the sector admin at or above the holder's unit.
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import MEMBER_EDITOR_ROLES, Role

is_sector_admin = holds_role(Role.SECTOR_ADMIN)
is_member_editor = holds_role(*MEMBER_EDITOR_ROLES)
is_initiative_council = holds_role(Role.GRASSROOTS_CHAIR, Role.SECTOR_ADMIN, Role.SECTOR_OFFICER)


@rules.predicate
def is_signed_in(user, obj=None):
    return user.is_authenticated


rules.add_perm("awards.view_catalogue", is_signed_in)
rules.add_perm("awards.change_catalogue", is_sector_admin)
rules.add_perm("awards.add_base_salary", is_sector_admin)
rules.add_perm("awards.record_assessment", is_member_editor)
rules.add_perm("awards.record_discipline", is_member_editor)
rules.add_perm("awards.import_history", is_member_editor)
rules.add_perm("awards.revoke_award", is_sector_admin)
rules.add_perm("awards.add_initiative", is_member_editor)
rules.add_perm("awards.recognize_initiative", is_initiative_council)
