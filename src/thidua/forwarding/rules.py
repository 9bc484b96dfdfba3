"""Object permissions of the forwarding app (autodiscovered by ``rules``).

Reading is decided by ``visible_to`` (outside reach: 404). The sector's admin and emulation
officer forward their unit's approved nominations and record what the upper level answered; at an
upper-level installation the same roles held there import packages. A viewer only reads.
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import Role

FORWARDING_ROLES = frozenset({Role.SECTOR_ADMIN, Role.SECTOR_OFFICER})

holds_forwarding_role = holds_role(*FORWARDING_ROLES)

rules.add_perm("forwarding.forward", holds_forwarding_role)
rules.add_perm("forwarding.record_upper_result", holds_forwarding_role)
rules.add_perm("forwarding.import_package", holds_forwarding_role)
