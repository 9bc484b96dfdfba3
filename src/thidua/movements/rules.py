"""Object permissions on movements, unit plans and pledges (autodiscovered by ``rules``).

Reading is decided by ``visible_to`` (outside reach: 404). A movement is managed (drafted, launched,
amended, closed; its plans accepted or returned) by the emulation roles held at its launching unit
or above: the sector's admin and officer for a sector movement, the grassroots chair and officer for
a grassroots union's own movement addressed to its union groups. A plan is submitted by the chair or
the emulation officer of the answering unit.
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import MEMBER_EDITOR_ROLES, Role

# Roles that run movements at the unit where they hold them.
MANAGER_ROLES = frozenset(
    {Role.SECTOR_ADMIN, Role.SECTOR_OFFICER, Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER}
)
# Roles that submit a unit's plan.
PLAN_SUBMITTER_ROLES = frozenset({Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER})

manages_movement = holds_role(*MANAGER_ROLES)


@rules.predicate
def manages_plan_movement(user, plan=None):
    """The user manages the movement the plan answers (the launching level)."""
    if plan is None:
        return manages_movement(user)
    return manages_movement(user, plan.movement)


rules.add_perm("movements.add_movement", manages_movement)
rules.add_perm("movements.change_movement", manages_movement)
rules.add_perm("movements.launch_movement", manages_movement)
rules.add_perm("movements.close_movement", manages_movement)
rules.add_perm("movements.submit_plan", holds_role(*PLAN_SUBMITTER_ROLES))
rules.add_perm("movements.review_plan", manages_plan_movement)
rules.add_perm("movements.record_pledges", holds_role(*MEMBER_EDITOR_ROLES))
