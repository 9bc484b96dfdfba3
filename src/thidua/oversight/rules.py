"""Object permissions of inspections and trainings (autodiscovered by ``rules``).

Reading is decided by ``visible_to`` (outside reach: 404); these decide the actions.

- An inspection is planned by the sector's admin, officer or an inspector, at or above the
  inspecting unit. Its findings are recorded, and it is closed, by a member of its team or by the
  sector's admin or officer above the inspected unit.
- The inspected unit's chair or emulation officer answers the recommendations.
- Trainings are organised and their attendance recorded by the emulation roles at the organising
  unit (the sector's admin and officer, a grassroots union's chair and officer).
- The sector's admin and officer set the date by which officers must be trained.
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import Role

INSPECTION_PLANNER_ROLES = frozenset({Role.SECTOR_ADMIN, Role.SECTOR_OFFICER, Role.INSPECTOR})
SECTOR_STAFF_ROLES = frozenset({Role.SECTOR_ADMIN, Role.SECTOR_OFFICER})
# Who may sit on an inspection team.
TEAM_ROLES = INSPECTION_PLANNER_ROLES
RESPONDER_ROLES = frozenset({Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER})
TRAINING_ROLES = frozenset(
    {Role.SECTOR_ADMIN, Role.SECTOR_OFFICER, Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER}
)

plans_inspections = holds_role(*INSPECTION_PLANNER_ROLES)
is_sector_staff = holds_role(*SECTOR_STAFF_ROLES)


@rules.predicate
def is_on_team(user, inspection=None):
    if inspection is None or not user.is_authenticated or not hasattr(inspection, "team"):
        return False
    return inspection.team.filter(pk=user.pk).exists()


@rules.predicate
def answers_for_inspected_unit(user, recommendation=None):
    if recommendation is None:
        return holds_role(*RESPONDER_ROLES)(user)
    return holds_role(*RESPONDER_ROLES)(user, recommendation.inspection.org)


rules.add_perm("oversight.add_inspection", plans_inspections)
rules.add_perm("oversight.add_inspection_plan", plans_inspections)
rules.add_perm("oversight.record_findings", is_on_team | is_sector_staff)
rules.add_perm("oversight.close_inspection", is_on_team | is_sector_staff)
rules.add_perm("oversight.respond_to_recommendation", answers_for_inspected_unit)
rules.add_perm("oversight.add_trainingcourse", holds_role(*TRAINING_ROLES))
rules.add_perm("oversight.record_attendance", holds_role(*TRAINING_ROLES))
rules.add_perm("oversight.set_training_deadline", is_sector_staff)
