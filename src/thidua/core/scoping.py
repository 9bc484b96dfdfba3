"""The one visibility mechanism: org-owned querysets restricted to a user's reach in the tree.

A role is held at an org unit and reaches that unit and its descendants. The tree is stored as a
materialised path, so a subtree is a prefix match on an indexed column.
"""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q


def minimal_paths(paths):
    """Drop paths that lie inside another path of the list (their subtree is already covered)."""
    result = []
    for path in sorted(set(paths)):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result


def ancestor_paths(paths, steplen=4):
    """Every proper ancestor path of ``paths`` (materialised paths of ``steplen`` characters)."""
    return sorted({path[:end] for path in paths for end in range(steplen, len(path), steplen)})


def subtree_q(lookup, paths):
    """``Q`` matching rows whose ``lookup`` path lies in any of ``paths`` (no paths: nothing)."""
    paths = minimal_paths(paths)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{lookup}__startswith": p}) for p in paths))


class OrgScopedQuerySet(models.QuerySet):
    """Base queryset of org-owned models. Subclasses set ``org_path_lookup``."""

    org_path_lookup = "org__path"
    # Roles whose holders read this model's records in their reach (None: every role).
    read_roles = None

    def in_subtree(self, org):
        """Records of ``org`` and its descendants."""
        path = org if isinstance(org, str) else org.path
        return self.filter(**{f"{self.org_path_lookup}__startswith": path})

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(subtree_q(self.org_path_lookup, user.reach_paths(self.read_roles)))
