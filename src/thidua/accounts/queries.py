"""Reads of user management: which users, units and members a sector admin reaches.

A sector admin reaches the units under the units where the role is held. A user is in reach when
they hold a role at one of those units or are linked to a member of one of them.
"""

from django.db.models import Exists, OuterRef, Q

from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.roles import Role
from thidua.core.scoping import subtree_q
from thidua.organizations.models import Member, OrgUnit


def admin_paths(by):
    """The org paths where ``by`` manages users (empty for anyone but a sector admin)."""
    return by.reach_paths({Role.SECTOR_ADMIN})


def manageable_users(by):
    """Users that ``by`` sees in user management (all users for a superuser)."""
    if not by.is_authenticated or not by.is_active:
        return User.objects.none()
    if by.is_superuser:
        return User.objects.all()
    paths = admin_paths(by)
    if not paths:
        return User.objects.none()
    in_reach_role = RoleAssignment.objects.filter(user=OuterRef("pk")).filter(
        subtree_q("org__path", paths)
    )
    in_reach_member = Member.objects.filter(user=OuterRef("pk")).filter(
        subtree_q("org_path", paths)
    )
    return User.objects.filter(Q(Exists(in_reach_role)) | Q(Exists(in_reach_member)))


def manageable_orgs(by):
    """Active units where ``by`` may grant roles."""
    units = OrgUnit.objects.filter(active=True)
    if by.is_superuser:
        return units
    return units.filter(subtree_q("path", admin_paths(by)))


def linkable_members(by):
    """Active members in ``by``'s reach that no user account is linked to yet."""
    members = Member.objects.filter(active=True, user__isnull=True).select_related("org")
    if by.is_superuser:
        return members
    return members.filter(subtree_q("org_path", admin_paths(by)))


def is_fully_in_reach(by, user):
    """True when every role and the member record of ``user`` lie in ``by``'s reach.

    Changing a user's name, email, password or active state affects every unit where they hold a
    role, so only an admin who reaches all of those units may do it.
    """
    if by.is_superuser:
        return True
    if user.is_superuser:
        return False
    paths = admin_paths(by)
    for path in [a.org.path for a in user.roles.select_related("org")]:
        if not any(path.startswith(p) for p in paths):
            return False
    member = Member.objects.filter(user=user).first()
    return member is None or any(member.org_path.startswith(p) for p in paths)
