"""Object permissions of the notice and the council (autodiscovered by ``rules``).

- the sector's admin and emulation officer publish nominations (at the unit or above it); a
  grassroots chair publishes its own unit's grassroots-level awards (checked by the service);
- feedback is resolved by the sector's admin and emulation officer;
- the council's members are kept by the sector admin (or the grassroots chair for its own council);
  sessions and ballots are recorded by the sector's admin and officer (or the grassroots chair).
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import Role

SECTOR_ROLES = frozenset({Role.SECTOR_ADMIN, Role.SECTOR_OFFICER})
PUBLISHER_ROLES = frozenset({*SECTOR_ROLES, Role.GRASSROOTS_CHAIR})
RESOLVER_ROLES = SECTOR_ROLES
COUNCIL_KEEPER_ROLES = frozenset({Role.SECTOR_ADMIN, Role.GRASSROOTS_CHAIR})
SECRETARY_ROLES = frozenset({*SECTOR_ROLES, Role.GRASSROOTS_CHAIR})

rules.add_perm("council.publish_nominations", holds_role(*PUBLISHER_ROLES))
rules.add_perm("council.resolve_feedback", holds_role(*RESOLVER_ROLES))
rules.add_perm("council.manage_members", holds_role(*COUNCIL_KEEPER_ROLES))
rules.add_perm("council.hold_session", holds_role(*SECRETARY_ROLES))
