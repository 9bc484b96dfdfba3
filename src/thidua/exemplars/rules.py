"""Object permissions on exemplary models, news and the library (autodiscovered by ``rules``).

Reading is decided by ``visible_to`` (outside reach: 404). Any staff role that acts at a unit
(the sector's admin and officer, the grassroots chair and officer, the inspector) records an
exemplar found at that unit or below it. The sector's admin and officer verify, honour and publish
exemplars, and publish news and library entries for their subtree. A unit's chair and officer (or
the sector above them) record that the unit replicated a model.
"""

import rules

from thidua.accounts.predicates import holds_role
from thidua.accounts.roles import Role

# Roles that record (find or propose) an exemplar at their unit or below it.
FINDER_ROLES = frozenset(
    {
        Role.SECTOR_ADMIN,
        Role.SECTOR_OFFICER,
        Role.GRASSROOTS_CHAIR,
        Role.GRASSROOTS_OFFICER,
        Role.INSPECTOR,
    }
)
# Roles that verify, honour and publish exemplars and publish news and library entries.
SECTOR_ROLES = frozenset({Role.SECTOR_ADMIN, Role.SECTOR_OFFICER})
# Roles that record their unit's replication of a model.
REPLICATOR_ROLES = frozenset(
    {Role.SECTOR_ADMIN, Role.SECTOR_OFFICER, Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER}
)

finds_exemplars = holds_role(*FINDER_ROLES)
manages_exemplars = holds_role(*SECTOR_ROLES)


@rules.predicate
def manages_owner_unit(user, exemplar=None):
    """The sector roles held at the exemplar's recording unit or above it."""
    if exemplar is None:
        return manages_exemplars(user)
    return manages_exemplars(user, exemplar.owner_org)


@rules.predicate
def edits_exemplar(user, exemplar=None):
    """Finder roles at the recording unit or above it (adds evidence to the record)."""
    if exemplar is None:
        return finds_exemplars(user)
    return finds_exemplars(user, exemplar.owner_org)


rules.add_perm("exemplars.add_exemplar", finds_exemplars)
rules.add_perm("exemplars.propose_exemplar", finds_exemplars)
rules.add_perm("exemplars.change_exemplar", edits_exemplar)
rules.add_perm("exemplars.verify_exemplar", manages_owner_unit)
rules.add_perm("exemplars.honor_exemplar", manages_owner_unit)
rules.add_perm("exemplars.publish_exemplar", manages_owner_unit)
rules.add_perm("exemplars.add_replication", holds_role(*REPLICATOR_ROLES))
rules.add_perm("exemplars.publish_news", manages_exemplars)
rules.add_perm("exemplars.manage_library", manages_exemplars)
