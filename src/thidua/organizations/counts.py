"""The stored ``OrgUnit.member_count``: active members of each unit's whole subtree.

Pages, exports and the API read the stored value; nothing counts a subtree live. Two ways keep it
right:

- ``refresh_member_counts(units)`` recomputes, exactly from the members table, the given units and
  all their ancestors: the unit's own active members (indexed by ``org_id``) plus its children's
  stored counts, deepest first, so an ancestor costs a sum over its direct children, never a scan
  of its subtree. Member services schedule it with ``refresh_member_counts_on_commit``.
- ``refresh_all_member_counts(connection)`` recomputes every unit in one set-based statement: the
  migration's backfill, ``manage.py refresh_member_counts`` (repair, after bulk loads), the demo
  seed and ``generate_national``.
"""

import logging

from django.db import connection as default_connection
from django.db import transaction
from django.db.models import Count, Sum

logger = logging.getLogger(__name__)

STEPLEN = 4  # OrgUnit.steplen; the migration's backfill cannot import the model.
# A refresh that finds a unit moved under it (between reading the paths and locking the rows)
# starts again; after this many tries it gives up and leaves the repair to the command.
LOCK_ATTEMPTS = 5

REFRESH_ALL_SQL = f"""
UPDATE organizations_orgunit AS u SET member_count = t.n
FROM (
    SELECT unit.id, COALESCE(rolled.n, 0) AS n
    FROM organizations_orgunit unit
    LEFT JOIN (
        SELECT SUBSTR(o.path, 1, d.depth * {STEPLEN}) AS prefix, SUM(own.n) AS n
        FROM (
            SELECT org_id, COUNT(*) AS n FROM organizations_member WHERE active GROUP BY org_id
        ) own
        JOIN organizations_orgunit o ON o.id = own.org_id
        JOIN (SELECT DISTINCT depth FROM organizations_orgunit) d ON d.depth <= o.depth
        GROUP BY SUBSTR(o.path, 1, d.depth * {STEPLEN})
    ) rolled ON rolled.prefix = unit.path
) AS t
WHERE u.id = t.id AND u.member_count <> t.n
"""


def refresh_all_member_counts(connection=None):
    """Recompute every unit's ``member_count`` in one statement; returns the units corrected.

    Members are counted once per unit (one pass over the members table, grouped by ``org_id``),
    then each unit's own count is added to every prefix of its path (one row per ancestor depth)
    and the sums are joined back to the units by path. Only units whose stored value differs are
    written. At 11 M members and 315,000 units this is one sequential scan and two hash
    aggregates; it works on SQLite (3.33+) and PostgreSQL alike.
    """
    connection = connection or default_connection
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_ALL_SQL)
        return cursor.rowcount


def _chain(paths):
    """Every path in ``paths`` with all its ancestors' paths."""
    return {path[:end] for path in paths for end in range(STEPLEN, len(path) + 1, STEPLEN)}


def _unit_ids(units):
    """Primary keys of ``units``: ``OrgUnit`` instances or ids (``None`` is skipped)."""
    return {getattr(unit, "pk", unit) for unit in units if unit is not None}


def _lock_chain(ids):
    """Lock, in path order, the units ``ids`` and all their ancestors; returns their rows.

    Every refresh locks in the same order (by path, so an ancestor before its descendants), which
    rules out deadlocks between refreshes. The paths are read again once the rows are locked: a
    unit moved meanwhile changes them, and the refresh starts again on the new chain.
    """
    from thidua.organizations.models import OrgUnit

    for _attempt in range(LOCK_ATTEMPTS):
        paths = set(OrgUnit.objects.filter(pk__in=ids).values_list("path", flat=True))
        rows = list(
            OrgUnit.objects.filter(path__in=_chain(paths))
            .order_by("path")
            .select_for_update()
            .values_list("pk", "path", "depth", "member_count")
        )
        current = set(OrgUnit.objects.filter(pk__in=ids).values_list("path", flat=True))
        if current == paths and {row[1] for row in rows} == _chain(current):
            return rows
    logger.warning("Member counts of units %s not refreshed: the tree kept moving.", sorted(ids))
    return []


def refresh_member_counts(units):
    """Recompute exactly the ``member_count`` of ``units`` (instances or ids) and their ancestors.

    For each unit, deepest first: its own active members plus the stored counts of its children
    (already refreshed when they are in the chain). Queries: three to read and lock the chain,
    one for the own counts, then two per depth (the children's sums, one update of the units
    whose count changed), whatever the number of units. Runs in its own transaction (or the
    caller's), holding the locks of the chain only for these few statements.
    """
    from thidua.organizations.models import Member, OrgUnit

    ids = _unit_ids(units)
    if not ids:
        return
    with transaction.atomic():
        rows = _lock_chain(ids)
        if not rows:
            return
        own = dict(
            Member.objects.filter(org_id__in=[row[0] for row in rows], active=True)
            .order_by()
            .values("org_id")
            .annotate(n=Count("id"))
            .values_list("org_id", "n")
        )
        stored = {pk: count for pk, _path, _depth, count in rows}
        by_depth = {}
        for pk, _path, depth, _count in rows:
            by_depth.setdefault(depth, []).append(pk)
        for depth in sorted(by_depth, reverse=True):
            level = by_depth[depth]
            children = dict(
                OrgUnit.objects.filter(parent_id__in=level)
                .order_by()
                .values("parent_id")
                .annotate(n=Sum("member_count"))
                .values_list("parent_id", "n")
            )
            counts = {pk: own.get(pk, 0) + (children.get(pk) or 0) for pk in level}
            changed = [
                OrgUnit(pk=pk, member_count=n) for pk, n in counts.items() if n != stored[pk]
            ]
            if changed:
                OrgUnit.objects.bulk_update(changed, ["member_count"])


def refresh_member_counts_on_commit(units):
    """Refresh the counts of ``units`` and their ancestors once the current transaction commits.

    Why after the commit and not inside the member's transaction: the ancestors' rows are hot
    (every member write in the country ends at the Confederation's row), so their locks must be
    held as briefly as possible, and never while the writing transaction holds other locks: a
    unit move locks the unit and then its members' rows, while a member write holds its member
    row; locking the unit chain inside the member write could deadlock with a move. After the
    commit the refresh runs alone, in its own short transaction, reading committed members, and
    refreshes lock in path order among themselves. The cost: the count lags the member write by
    one short transaction, and a process that dies between the two leaves a count wrong until
    ``manage.py refresh_member_counts`` runs (a failed refresh is logged, not raised: the
    member's change is already saved). Outside a transaction the refresh runs at once.
    """
    ids = _unit_ids(units)
    if ids:
        transaction.on_commit(lambda: refresh_member_counts(ids), robust=True)


def visible_active_members(user):
    """How many active members ``user`` sees (``Member.objects.visible_to(user)``), from the
    stored counts: the sum over the tops of the user's staff reach (the whole tree for a
    superuser), plus the user's own member record when it lies outside that reach."""
    from thidua.organizations.models import Member, OrgUnit

    if user.is_superuser:
        tops = OrgUnit.objects.filter(depth=1)
        paths = []
    else:
        paths = user.reach_paths(user.STAFF_ROLES)
        tops = OrgUnit.objects.filter(path__in=paths)
    total = tops.order_by().aggregate(n=Sum("member_count"))["n"] or 0
    if not user.is_superuser:
        own = Member.objects.filter(user=user, active=True).values_list("org_path", flat=True)
        total += sum(1 for path in own if not any(path.startswith(top) for top in paths))
    return total
