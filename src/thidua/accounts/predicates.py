"""``rules`` predicates: may this user act on this record? Reach follows the org tree."""

import rules


def org_of(obj):
    """The org unit that owns ``obj`` (an OrgUnit is its own owner)."""
    if obj is None:
        return None
    if hasattr(obj, "path") and hasattr(obj, "kind"):
        return obj
    return getattr(obj, "org", None)


def holds_role(*roles):
    """A predicate: the user holds one of ``roles`` at the object's unit or above it.

    Without an object it asks whether the user holds one of the roles anywhere.
    """
    role_set = frozenset(roles)

    @rules.predicate(name=f"holds_role({','.join(sorted(role_set))})")
    def predicate(user, obj=None):
        if not user.is_authenticated:
            return False
        org = org_of(obj)
        if org is None:
            return user.has_role(*role_set)
        return bool(user.roles_at(org) & role_set)

    return predicate
