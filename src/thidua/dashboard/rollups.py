"""Pre-aggregated award statistics of the units above the grassroots (``AwardRollup``).

A national breakdown aggregates millions of award rows joined to units and members (12.9 s for
the Confederation at 11 M members even as hand-written SQL), so for every unit of an ``UPPER_KINDS``
kind, ``AwardRollup`` holds the count and the amount of the effective awards held in its subtree,
per year, per breakdown dimension (``statistics.BREAKDOWNS``) and key, computed with the very
expressions ``statistics.award_breakdown`` uses (the ``unit`` key is the path of the direct
sub-unit, or the unit's own path; amounts valued as ``statistics.grouped_by`` does). Grassroots
unions and the groups below them stay live: they are small.

Kept right by the writes: ``AwardRecord`` (model and queryset) tells ``RollupListener`` of every
row that enters, changes in or leaves the effective history (decisions, revocation, history
imports, upper-level results, the demo, any ``bulk_create``/``update``/``delete``). The listener
adds the contributions of the new rows and subtracts those of the leaving rows (read before the
write) from the rollup rows of every upper ancestor of the holder, with one
``INSERT ... ON CONFLICT DO UPDATE SET count = count + ...`` per batch, in the writer's
transaction, rows sorted by (unit, year, dimension, key) so concurrent writers lock in the same
order. Inside ``batched()`` (a decision of 500 recipients) the additions are computed once, set
based, when the block ends.

The keys are the holder's attributes when the award entered the history: a later change of a
member's gender, post or birth date shows in the upper units after ``manage.py
rebuild_award_rollups`` (which recomputes everything set-based; run it nightly, and after
imports written straight to the tables). A unit moved to another parent, or whose kind or
employer type changes, is handled by ``organizations.signals`` (``subtree_changing`` /
``subtree_changed``): its subtree's contributions leave the old ancestors and reach the new ones,
and the rollups of the upper units inside it are rebuilt.
"""

import contextlib
import threading
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Substr

from thidua.awards.models import AwardRecord
from thidua.dashboard.models import AwardRollup
from thidua.dashboard.statistics import (
    BREAKDOWNS,
    INDIVIDUAL_ONLY,
    UPPER_KINDS,
    grouped_by,
    key_expression,
)
from thidua.organizations.models import OrgUnit

STEP = OrgUnit.steplen
BATCH = 500


def _deepest_upper():
    """The path length of the deepest upper unit (0 without any)."""
    depth = (
        OrgUnit.objects.filter(kind__in=UPPER_KINDS)
        .order_by("-depth")
        .values_list("depth", flat=True)
        .first()
    )
    return (depth or 0) * STEP


# Beyond the breakdowns, the fairness figures per direct sub-unit: individual awards by worker
# kind and by gender, keyed ``<sub-unit path>|<worker kind or gender>`` (counts: their amount
# holds only the recorded amounts, nothing reads it).
UNIT_DIMENSIONS = {"unit_worker": "worker", "unit_gender": "gender"}
DIMENSIONS = (*BREAKDOWNS, *UNIT_DIMENSIONS)
SEPARATOR = "|"


def _key(by):
    by = UNIT_DIMENSIONS.get(by, by)
    if by == "unit":
        return None  # the grouping prefix itself
    if by == "age_band":
        return key_expression(by, F("year"), None)
    return key_expression(by, None, None)


def _final_key(by, path, end, value):
    if by == "unit":
        return path[: end + STEP]
    if by in UNIT_DIMENSIONS:
        return f"{path[: end + STEP]}{SEPARATOR}{value}"
    return "" if value is None else str(value)


def contributions(records, *, sign=1, within=None, outside=None):
    """``{(org_id, year, dimension, key): [count, amount]}`` of ``records`` (a queryset of award
    rows, effective or not: the caller chose them) for every upper ancestor of their holders,
    times ``sign``. ``within``: only the upper units in this path's subtree; ``outside``: only
    those not in it."""
    length = _deepest_upper()
    if not length:
        return {}
    totals = defaultdict(lambda: [0, 0])
    groups = {}
    for by in DIMENSIONS:
        individual = by in INDIVIDUAL_ONLY or by in UNIT_DIMENSIONS
        queryset = records.filter(member__isnull=False) if individual else records
        below = by == "unit" or by in UNIT_DIMENSIONS
        prefix = Substr("holder_org__path", 1, length + (STEP if below else 0))
        keys = {"rollup_prefix": prefix, "rollup_year": F("year")}
        if by != "unit":
            keys["rollup_key"] = _key(by)
        groups[by] = grouped_by(queryset, keys, amounts=by not in UNIT_DIMENSIONS)
    prefixes = {
        group[0][:end]
        for rows in groups.values()
        for group in rows
        for end in range(STEP, len(group[0]) + 1, STEP)
    }
    uppers = _uppers(prefixes, within=within, outside=outside)
    for by, rows in groups.items():
        for group, values in rows.items():
            path, year = group[0], group[1]
            for end in range(STEP, len(path) + 1, STEP):
                org_id = uppers.get(path[:end])
                if org_id is None:
                    continue
                key = _final_key(by, path, end, group[2] if len(group) > 2 else None)
                total = totals[(org_id, year, by, key)]
                total[0] += sign * values["count"]
                total[1] += sign * int(values["amount"])
    return totals


def _repeat_years():
    from thidua.dashboard.fairness import threshold

    return max(1, int(threshold("FAIRNESS_CONCENTRATION_YEARS")))


def member_contributions(member_ids, *, exclude=(), sign=1, within=None, outside=None):
    """The fairness concentration figures of the members ``member_ids`` (their effective
    individual awards, but the rows ``exclude``) for every upper ancestor of the holders:
    ``awarded_members`` (key ``""``: members awarded in the year) and ``repeated_members`` (key:
    ``FAIRNESS_CONCENTRATION_YEARS``; members awarded in each of that many years up to the
    year), in the same form as ``contributions``."""
    totals = defaultdict(lambda: [0, 0])
    member_ids = sorted(set(member_ids) - {None})
    if not member_ids:
        return totals
    exclude = set(exclude)
    rows = set()
    for start in range(0, len(member_ids), BATCH):
        found = (
            AwardRecord.objects.effective()
            .filter(member_id__in=member_ids[start : start + BATCH])
            .values_list("pk", "member_id", "year", "holder_org__path")
        )
        rows.update(row[1:] for row in found if row[0] not in exclude)
    prefixes = {path[:end] for _m, _y, path in rows for end in range(STEP, len(path) + 1, STEP)}
    uppers = _uppers(prefixes, within=within, outside=outside)
    years = defaultdict(set)
    for member, year, path in rows:
        for end in range(STEP, len(path) + 1, STEP):
            org_id = uppers.get(path[:end])
            if org_id is not None:
                years[(org_id, member)].add(year)
    span = _repeat_years()
    for (org_id, _member), held in years.items():
        for year in held:
            totals[(org_id, year, "awarded_members", "")][0] += sign
            if all(year - back in held for back in range(span)):
                totals[(org_id, year, "repeated_members", str(span))][0] += sign
    return totals


def _members_of(pks):
    found = set()
    pks = sorted(pks)
    for start in range(0, len(pks), 10 * BATCH):
        found.update(
            AwardRecord.objects.filter(
                pk__in=pks[start : start + 10 * BATCH], member__isnull=False
            ).values_list("member_id", flat=True)
        )
    return found


def _member_delta(members, *, before, after, within=None, outside=None):
    """The change of the member figures from the history without ``before`` rows to the history
    without ``after`` rows."""
    deltas = member_contributions(members, exclude=after, within=within, outside=outside)
    _merge(
        deltas,
        member_contributions(members, exclude=before, sign=-1, within=within, outside=outside),
    )
    return deltas


def _uppers(paths, *, within=None, outside=None):
    units = OrgUnit.objects.filter(kind__in=UPPER_KINDS)
    found = {}
    paths = sorted(paths)
    for start in range(0, len(paths), BATCH):
        chunk = units.filter(path__in=paths[start : start + BATCH])
        found.update(chunk.values_list("path", "pk"))
    return {
        path: pk
        for path, pk in found.items()
        if (within is None or path.startswith(within))
        and (outside is None or not path.startswith(outside))
    }


def apply(deltas):
    """Add ``deltas`` (``{(org_id, year, dimension, key): [count, amount]}``) to the rollup rows,
    creating missing ones: one upsert per 500 rows, sorted so writers lock rows in one order."""
    rows = sorted((k, v) for k, v in deltas.items() if v[0] or v[1])
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(AwardRollup._meta.db_table)
    org, year, by, key, count, amount = (
        quote(c) for c in ("org_id", "year", "dimension", "key", "count", "amount")
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({org}, {year}, {by}, {key}, {count}, {amount})"
                f" VALUES {values} ON CONFLICT ({org}, {year}, {by}, {key}) DO UPDATE"
                f" SET {count} = {table}.{count} + excluded.{count},"
                f" {amount} = {table}.{amount} + excluded.{amount}",
                [p for group, totals in chunk for p in (*group, *totals)],
            )


def _merge(into, deltas):
    for key, (count, amount) in deltas.items():
        total = into[key]
        total[0] += count
        total[1] += amount


def _added(pks):
    """The deltas of the rows ``pks`` that entered the effective history."""
    pks = sorted(pks)
    deltas = defaultdict(lambda: [0, 0])
    for start in range(0, len(pks), 10 * BATCH):
        chunk = AwardRecord.objects.filter(pk__in=pks[start : start + 10 * BATCH])
        _merge(deltas, contributions(chunk))
    _merge(deltas, _member_delta(_members_of(pks), before=set(pks), after=()))
    return deltas


class RollupListener:
    """Receives the award-history changes of ``awards.models`` (see the module docstring)."""

    def __init__(self):
        self.local = threading.local()

    @property
    def pending(self):
        return getattr(self.local, "pending", None)

    def removing(self, pks):
        pending = self.pending
        uncounted = set()
        if pending is not None:
            # Rows added in this batch were not counted yet: forget them instead.
            uncounted = pending["added"]
            known = [pk for pk in pks if pk in uncounted]
            uncounted.difference_update(known)
            pks = [pk for pk in pks if pk not in known]
        if not pks:
            return
        deltas = contributions(AwardRecord.objects.filter(pk__in=pks), sign=-1)
        members = _members_of(pks)
        _merge(deltas, _member_delta(members, before=uncounted, after=uncounted | set(pks)))
        if pending is not None:
            _merge(pending["deltas"], deltas)
        else:
            apply(deltas)

    def added(self, pks):
        pending = self.pending
        if pending is not None:
            pending["added"].update(pks)
        else:
            apply(_added(pks))

    @contextlib.contextmanager
    def batched(self):
        if self.pending is not None:
            yield
            return
        self.local.pending = {"added": set(), "deltas": defaultdict(lambda: [0, 0])}
        try:
            yield
            pending = self.pending
            _merge(pending["deltas"], _added(pending["added"]))
            apply(pending["deltas"])
        finally:
            self.local.pending = None


listener = RollupListener()


def batched():
    """Collect the award-history changes of the block and apply them once at its end (the block
    must run inside the transaction that writes the awards)."""
    return listener.batched()


@transaction.atomic
def rebuild(year=None, within=None):
    """Recompute the rollups set-based: every year (or ``year``), every upper unit (or those in
    the subtree of the path ``within``). Returns the number of rollup rows written."""
    rows = AwardRollup.objects.all()
    records = AwardRecord.objects.effective()
    if year is not None:
        rows = rows.filter(year=year)
        records = records.filter(year=year)
    if within is not None:
        rows = rows.filter(org__path__startswith=within)
        records = records.filter(holder_org__path__startswith=within)
    rows.delete()
    totals = contributions(records, within=within)
    _merge(totals, _member_rollups(year=year, within=within))
    objects = [
        AwardRollup(org_id=org, year=y, dimension=by, key=key, count=n, amount=amount)
        for (org, y, by, key), (n, amount) in sorted(totals.items())
        if n or amount
    ]
    AwardRollup.objects.bulk_create(objects, batch_size=2000)
    return len(objects)


def _member_rollups(year=None, within=None):
    """``awarded_members`` and ``repeated_members`` of every upper unit (in ``within``), set
    based: the distinct (unit, member, year) of the effective individual awards, joined to
    themselves over the years of the span."""
    span = _repeat_years()
    units = OrgUnit.objects.filter(kind__in=UPPER_KINDS)
    if within is not None:
        units = units.filter(path__startswith=within)
    uppers = dict(units.values_list("path", "pk"))
    quote = connection.ops.quote_name
    records = quote(AwardRecord._meta.db_table)
    orgs = quote(OrgUnit._meta.db_table)
    totals = defaultdict(lambda: [0, 0])
    for length in sorted({len(path) for path in uppers}):
        where = ["r.revoked_at IS NULL", "r.member_id IS NOT NULL", "length(h.path) >= %s"]
        params = [length]
        if year is not None:
            where.append("r.year BETWEEN %s AND %s")
            params += [year - span + 1, year]
        if within is not None:
            where.append("h.path LIKE %s")
            params.append(f"{within}%")
        distinct = (
            f"SELECT DISTINCT substr(h.path, 1, {length}) AS p, r.member_id AS m, r.year AS y"
            f" FROM {records} r JOIN {orgs} h ON h.id = r.holder_org_id WHERE {' AND '.join(where)}"
        )
        joins = "".join(
            f" JOIN t t{b} ON t{b}.p = t0.p AND t{b}.m = t0.m AND t{b}.y = t0.y - {b}"
            for b in range(1, span)
        )
        only = " WHERE t0.y = %s" if year is not None else ""
        extra = [year] if year is not None else []
        with connection.cursor() as cursor:
            for dimension, key, source in (
                ("awarded_members", "", "t t0"),
                ("repeated_members", str(span), f"t t0{joins}"),
            ):
                cursor.execute(
                    f"WITH t AS ({distinct}) SELECT t0.p, t0.y, count(*) FROM {source}{only}"
                    " GROUP BY t0.p, t0.y",
                    params + extra,
                )
                for path, y, count in cursor.fetchall():
                    if path in uppers:
                        totals[(uppers[path], y, dimension, key)][0] += count
    return totals


def subtree_changing(org):
    """Before ``org`` moves (or changes kind or employer type): its subtree's awards leave the
    rollups of the upper units above it."""
    records = AwardRecord.objects.effective().filter(holder_org__path__startswith=org.path)
    deltas = contributions(records, sign=-1, outside=org.path)
    members = set(records.filter(member__isnull=False).values_list("member_id", flat=True))
    _merge(deltas, member_contributions(members, sign=-1, outside=org.path))
    listener.local.moving = (org.pk, members)
    apply(deltas)


def subtree_changed(org):
    """After the change: the subtree's awards reach the (new) upper units above it, and the
    rollups of the upper units inside it (whose sub-unit keys are paths) are rebuilt."""
    org = OrgUnit.objects.get(pk=org.pk)
    records = AwardRecord.objects.effective().filter(holder_org__path__startswith=org.path)
    deltas = contributions(records, outside=org.path)
    moving, members = getattr(listener.local, "moving", (None, set()))
    listener.local.moving = None
    if moving == org.pk:
        _merge(deltas, member_contributions(members, outside=org.path))
    apply(deltas)
    rebuild(within=org.path)
