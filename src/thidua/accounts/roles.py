"""The roles of the API contract. A role is held at an org unit and reaches its subtree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECTOR_ADMIN = "sector_admin", _("Sector administrator")
    SECTOR_OFFICER = "sector_officer", _("Sector emulation officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    GRASSROOTS_CHAIR = "grassroots_chair", _("Grassroots union chair")
    GRASSROOTS_OFFICER = "grassroots_officer", _("Grassroots emulation officer")
    INSPECTOR = "inspector", _("Inspector")
    MEMBER = "member", _("Member")
    VIEWER = "viewer", _("Viewer (read-only)")


# Roles that read member lists and unit records of their subtree (everyone but `member`).
STAFF_ROLES = frozenset(r for r in Role.values if r != Role.MEMBER)
# Roles that create and edit members of their subtree.
MEMBER_EDITOR_ROLES = frozenset(
    {Role.SECTOR_ADMIN, Role.SECTOR_OFFICER, Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER}
)
# Roles that designate the emulation officer of a grassroots union.
OFFICER_DESIGNATOR_ROLES = frozenset(
    {Role.SECTOR_ADMIN, Role.SECTOR_OFFICER, Role.GRASSROOTS_CHAIR}
)
