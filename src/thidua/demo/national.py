"""The national benchmark dataset: the whole Confederation with millions of members (bench only).

``generate_national(members=N)`` writes, into an empty PostgreSQL database, the Confederation,
its 63 provincial federations and 20 national sector unions, the federations' sector unions,
about N / 85 grassroots unions of every employer type with a heavy-tailed size distribution
(a few FDI factories of tens of thousands, most offices of a dozen), their union groups, N members
with Vietnamese names, five years of individual and collective awards, nominations (this year's in
every status, the awarded ones of past years), movements with their unit plans, and reporting
rounds with their reports.

Rows go in with ``COPY`` (``thidua.demo.bulk_copy``): tree paths are computed here in treebeard's
materialised-path format, the secondary indexes of the big tables are dropped during the load and
rebuilt after it, foreign-key triggers are off for the session (the generator keeps the references
consistent by construction), sequences are moved past the generated ids, every unit's stored
member count is computed in one statement (``organizations.counts``), and the tables are
analysed. Everything runs in one transaction: a failure leaves the database as it was.
"""

import datetime
import math
import random
import time
from bisect import bisect
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from itertools import accumulate

from django.db import connection, transaction
from django.utils import timezone

from thidua.awards.models import AwardRecord, AwardType, BaseSalary, RecordSource
from thidua.core.text import name_sort_key, search_key
from thidua.dashboard.models import AwardRollup
from thidua.dashboard.rollups import rebuild as rebuild_award_rollups
from thidua.demo import national_data as vocabulary
from thidua.demo.bulk_copy import CopyTable, read_back, spool
from thidua.demo.names import (
    FAMILY_NAMES,
    FEMALE_GIVEN_NAMES,
    FEMALE_MIDDLE_NAMES,
    MALE_GIVEN_NAMES,
    MALE_MIDDLE_NAMES,
)
from thidua.movements.models import Movement, MovementStatus, PlanStatus, UnitPlan
from thidua.nominations.models import Nomination, NominationStatus
from thidua.organizations import name_index
from thidua.organizations.counts import refresh_all_member_counts
from thidua.organizations.models import EmployerType, Member, OrgKind, OrgUnit
from thidua.reporting.models import Period, Report, ReportingRound

MEMBERS_PER_GRASSROOTS = 85
HISTORY_YEARS = 5
PROGRESS_EVERY = 500_000

# Employer type: (share of grassroots unions, median members, spread (log-normal sigma),
# share of women, share of direct workers among non-managers).
EMPLOYERS = {
    EmployerType.ADMINISTRATIVE: (0.30, 15, 0.6, 0.50, 0.0),
    EmployerType.PUBLIC_SERVICE: (0.38, 35, 0.7, 0.68, 0.55),
    EmployerType.STATE_ENTERPRISE: (0.03, 250, 1.0, 0.35, 0.80),
    EmployerType.PRIVATE_ENTERPRISE: (0.24, 45, 1.1, 0.55, 0.85),
    EmployerType.FDI_ENTERPRISE: (0.05, 400, 1.3, 0.72, 0.90),
}
LARGEST_UNION = 60_000
MEMBERS_PER_GROUP = 40
MAX_GROUPS = 50

# Individual awards drawn per member and year: (cumulative probability, award type code, issuer)
# where the issuer is "grassroots", "upper" (the sector union above, else the federation),
# "federation" or "confederation".
MEMBER_AWARDS = (
    (0.090, "DVXS", "grassroots"),
    (0.130, "GK-CDCS", "grassroots"),
    (0.145, "GK-CDN", "upper"),
    (0.149, "BK-LDLD", "federation"),
    (0.150, "BK-TLD", "confederation"),
)
# Collective awards per grassroots union and year, same shape (TCD-VM goes to its groups).
UNIT_AWARDS = (
    (0.35, "CDCS-VM", "upper"),
    (0.38, "BK-LDLD-TT", "federation"),
    (0.385, "CO-LDLD", "federation"),
    (0.389, "BK-TLD-TT", "confederation"),
)
GROUP_AWARD_SHARE = 0.25
# Awards decided through the system at upper levels: an awarded nomination goes with each.
NOMINATED_CODES = {"GK-CDN", "BK-LDLD", "BK-TLD"}

NOMINATION_SHARE = 0.015
NOMINATION_TYPES = (("DVXS", 40), ("CSTDCS", 20), ("GK-CDN", 15), ("BK-LDLD", 20), ("BK-TLD", 5))
S = NominationStatus
NOMINATION_STATUSES = (
    (S.DRAFT, 15),
    (S.SUBMITTED, 20),
    (S.RETURNED, 5),
    (S.APPRAISED, 15),
    (S.REJECTED, 3),
    (S.APPROVED, 12),
    (S.AWARDED, 10),
    (S.FORWARDED, 8),
    (S.UPPER_APPROVED, 5),
    (S.UPPER_REJECTED, 2),
    (S.WITHDRAWN, 5),
)
_APPRAISED = {S.APPRAISED, S.REJECTED, S.APPROVED, S.AWARDED, S.FORWARDED}
_APPRAISED |= {S.UPPER_APPROVED, S.UPPER_REJECTED}

PAST_ANSWERS = ((PlanStatus.ACCEPTED, 90), (PlanStatus.SUBMITTED, 5), (PlanStatus.RETURNED, 2))
PAST_ANSWERS += ((PlanStatus.PENDING, 3),)
OPEN_ANSWERS = ((PlanStatus.PENDING, 40), (PlanStatus.SUBMITTED, 30), (PlanStatus.ACCEPTED, 25))
OPEN_ANSWERS += ((PlanStatus.RETURNED, 5),)


def _draw(table, rng):
    """``(code, issuer)`` of the first row of ``table`` whose threshold a draw falls under."""
    draw = rng.random()
    for threshold, code, level in table:
        if draw < threshold:
            return code, level
    return None


class NationalRefused(Exception):
    """The database cannot receive the national dataset; nothing was written."""


@dataclass(slots=True, eq=False)
class Unit:
    kind: str
    code: str
    name: str
    short_name: str = ""
    symbol: str = ""
    employer_type: str = ""
    place: str = ""
    parent: "Unit | None" = None
    children: list = field(default_factory=list)
    id: int = 0
    path: str = ""
    depth: int = 0
    size: int = 0

    def add(self, child):
        child.parent = self
        self.children.append(child)
        return child

    @property
    def groups(self):
        return self.children

    def ancestor(self, kind):
        unit = self
        while unit is not None and unit.kind != kind:
            unit = unit.parent
        return unit


class Weighted:
    """Draw from ``((value, weight), ...)`` with one ``random()`` call."""

    def __init__(self, table):
        self.values = [value for value, _ in table]
        self.cumulative = list(accumulate(weight for _, weight in table))
        self.total = self.cumulative[-1]

    def draw(self, rng):
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


class Progress:
    """Prints one line per stage (rows, seconds, rows per second) and a line every million."""

    def __init__(self, write):
        self.write = write

    @contextmanager
    def stage(self, name):
        started = time.perf_counter()
        counter = {"rows": 0}
        yield counter
        seconds = max(time.perf_counter() - started, 1e-6)
        rows = counter["rows"]
        if rows:
            self.write(f"{name}: {rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s)")
        else:
            self.write(f"{name}: {seconds:.1f} s")

    def tick(self, name, rows, started):
        seconds = max(time.perf_counter() - started, 1e-6)
        self.write(f"  {name}: {rows:,} rows ({rows / seconds:,.0f} rows/s)")


def check_database():
    """Raise ``NationalRefused`` unless the database is PostgreSQL and holds no units or members."""
    if connection.vendor != "postgresql":
        raise NationalRefused(
            "generate_national needs PostgreSQL (it loads with COPY); "
            f"this database is {connection.vendor}. Set DATABASE_URL=postgres://…"
        )
    units, members = OrgUnit.objects.count(), Member.objects.count()
    if units or members:
        raise NationalRefused(
            f"This database already holds {units:,} union units and {members:,} members. "
            "generate_national loads only into an empty, migrated database: create a fresh one."
        )
    if not AwardType.objects.exists():
        raise NationalRefused("The award catalogue is missing: run manage.py migrate first.")


def generate_national(*, members, seed=2026, write=print, today=None):
    """Build the national dataset with ``members`` members; returns counts per table."""
    if members < 100:
        raise NationalRefused("Give at least 100 members.")
    check_database()
    generator = NationalGenerator(members, seed, Progress(write), today or timezone.localdate())
    with transaction.atomic(), connection.cursor() as cursor:
        generator.run(cursor)
        with generator.progress.stage("member counts of the units") as stage:
            stage["rows"] = refresh_all_member_counts(connection)
        with generator.progress.stage("word index of member names"):
            name_index.rebuild(cursor)
    with connection.cursor() as cursor, generator.progress.stage("vacuum and analyse"):
        # VACUUM sets the visibility map, without which an index-only scan (the word index of
        # names) still reads the table row by row. It cannot run inside a transaction (tests).
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    with generator.progress.stage("award rollups") as stage:
        stage["rows"] = rebuild_award_rollups()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {AwardRollup._meta.db_table}")
    return generator.counts


@contextmanager
def _without_indexes(cursor, models, progress):
    """Drop the secondary indexes of ``models``' tables, then rebuild them."""
    definitions = []
    for model in models:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            " WHERE t.relname = %s AND NOT x.indisprimary"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [model._meta.db_table],
        )
        definitions += cursor.fetchall()
    for name, _ in definitions:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    with progress.stage(f"indexes ({len(definitions)})"):
        for _, definition in definitions:
            cursor.execute(definition)


class NationalGenerator:
    def __init__(self, members, seed, progress, today):
        self.members = members
        self.rng = random.Random(seed)
        self.progress = progress
        self.today = today
        self.now = timezone.now()
        self.years = list(range(today.year - HISTORY_YEARS, today.year))
        self.counts = {}
        self.types = dict(AwardType.objects.values_list("code", "id"))
        self.coefficients = dict(AwardType.objects.values_list("code", "amount_coefficient"))
        self.salaries = list(
            BaseSalary.objects.order_by("effective_from").values_list("effective_from", "amount")
        )
        self.keys = {}
        self.decisions = {}
        self.amounts = {}
        self.award_id = 0
        self.nomination_id = 0
        self.drawn = 0
        self.award_table = CopyTable(
            AwardRecord,
            (
                "id member_id org_id holder_org_id award_type_id year decision_number "
                "decided_on issued_by_org_id amount source"
            ),
            self.now,
        )
        self.nomination_table = CopyTable(
            Nomination,
            (
                "id award_type_id year org_id org_path member_id nominee_org_id status "
                "score submitted_at appraised_at recommendation returned_reason"
            ),
            self.now,
        )
        self.nomination_types = Weighted(NOMINATION_TYPES)
        self.nomination_statuses = Weighted(NOMINATION_STATUSES)
        self.family = Weighted(FAMILY_NAMES)
        self.middle = {
            "female": Weighted(FEMALE_MIDDLE_NAMES),
            "male": Weighted(MALE_MIDDLE_NAMES),
        }
        self.given = {"female": Weighted(FEMALE_GIVEN_NAMES), "male": Weighted(MALE_GIVEN_NAMES)}

    def run(self, cursor):
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        with self.progress.stage("union tree") as stage:
            self.root = self.build_tree()
            stage["rows"] = self.copy_units(cursor)
        big = [Member, AwardRecord, Nomination, UnitPlan, Report]
        with _without_indexes(cursor, big, self.progress):
            awards, nominations = spool(), spool()
            with self.progress.stage("members") as stage:
                stage["rows"] = self.copy_members(cursor, awards, nominations)
            with self.progress.stage("awards") as stage:
                self.collective_awards(awards)
                self.award_table.copy(cursor, read_back(awards))
                stage["rows"] = self.counts["awards"] = self.award_table.rows
            with self.progress.stage("nominations") as stage:
                self.collective_nominations(nominations)
                self.nomination_table.copy(cursor, read_back(nominations))
                stage["rows"] = self.counts["nominations"] = self.nomination_table.rows
            with self.progress.stage("movements and plans") as stage:
                stage["rows"] = self.copy_movements(cursor)
            with self.progress.stage("reporting rounds and reports") as stage:
                stage["rows"] = self.copy_reports(cursor)
        for model in (OrgUnit, Member, AwardRecord, Nomination, Movement, UnitPlan):
            self.reset_sequence(cursor, model)
        for model in (ReportingRound, Report):
            self.reset_sequence(cursor, model)

    @staticmethod
    def reset_sequence(cursor, model):
        table = model._meta.db_table
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'),"
            f' coalesce(max(id), 1), max(id) IS NOT NULL) FROM "{table}"'
        )

    # The tree ------------------------------------------------------------------------------

    def build_tree(self):
        rng = self.rng
        root = Unit(
            OrgKind.CONFEDERATION,
            "TLD",
            "Tổng Liên đoàn Lao động Việt Nam",
            "Tổng Liên đoàn",
            "TLĐ",
            place="Hà Nội",
        )
        federations, weights = [], []
        for index, (province, weight, city) in enumerate(vocabulary.PROVINCES, start=1):
            prefix = "thành phố" if city else "tỉnh"
            federation = root.add(
                Unit(
                    OrgKind.FEDERATION,
                    f"LDLD{index:02d}",
                    f"Liên đoàn Lao động {prefix} {province}",
                    f"LĐLĐ {province}",
                    "LĐLĐ",
                    place=province,
                )
            )
            count = len(vocabulary.LOCAL_SECTORS) if weight >= 2 else 3
            for suffix, name in vocabulary.LOCAL_SECTORS[:count]:
                federation.add(
                    Unit(
                        OrgKind.SECTOR_UNION,
                        f"CDN{index:02d}-{suffix}",
                        f"{name} {prefix} {province}",
                        name.replace("Công đoàn ngành", "CĐN"),
                        "CĐN",
                        place=province,
                    )
                )
            federations.append(federation)
            weights.append(weight)
        national = [
            root.add(Unit(OrgKind.SECTOR_UNION, f"CDN-{suffix}", name, "", "CĐN", place="Hà Nội"))
            for suffix, name in vocabulary.NATIONAL_SECTORS
        ]
        federation_of = Weighted(list(zip(federations, weights, strict=True)))
        employer = Weighted([(kind, spec[0]) for kind, spec in EMPLOYERS.items()])
        count = max(12, round(self.members / MEMBERS_PER_GRASSROOTS))
        grassroots = []
        for number in range(1, count + 1):
            employer_type = employer.draw(rng)
            parent = self.grassroots_parent(employer_type, federation_of, national)
            grassroots.append(parent.add(self.grassroots(number, employer_type, parent)))
        self.size_grassroots(grassroots)
        for union in grassroots:
            groups = min(MAX_GROUPS, union.size // MEMBERS_PER_GROUP)
            label = vocabulary.GROUP_NAMES[union.employer_type]
            for number in range(1, groups + 1):
                union.add(
                    Unit(
                        OrgKind.UNION_GROUP,
                        f"{union.code}-T{number:02d}",
                        f"{label} {number}",
                        place=union.place,
                    )
                )
        self.assign_paths(root)
        return root

    def grassroots_parent(self, employer_type, federation_of, national):
        rng = self.rng
        if rng.random() < 0.08:
            return rng.choice(national)
        federation = federation_of.draw(rng)
        sectors = federation.children
        if employer_type == EmployerType.PUBLIC_SERVICE and rng.random() < 0.6:
            return sectors[rng.randrange(2)]
        if employer_type == EmployerType.ADMINISTRATIVE and rng.random() < 0.3:
            return rng.choice(sectors)
        if employer_type != EmployerType.ADMINISTRATIVE and rng.random() < 0.15:
            return sectors[2]
        return federation

    def grassroots(self, number, employer_type, parent):
        rng = self.rng
        place = parent.place
        district = rng.choice(vocabulary.DISTRICTS)
        if employer_type == EmployerType.ADMINISTRATIVE:
            body = f"{rng.choice(vocabulary.ADMINISTRATIVE)} {district}"
        elif employer_type == EmployerType.PUBLIC_SERVICE:
            school = rng.choice(vocabulary.SCHOOL_NAMES)
            body = rng.choice(
                (
                    f"Trường Mầm non {school}",
                    f"Trường Tiểu học {school}",
                    f"Trường THCS {school}",
                    f"Trường THPT {school}",
                    f"Trung tâm Y tế huyện {district}",
                    f"Bệnh viện Đa khoa {district}",
                )
            )
        elif employer_type == EmployerType.STATE_ENTERPRISE:
            body = f"{rng.choice(vocabulary.STATE_ENTERPRISES)} {place}"
        elif employer_type == EmployerType.PRIVATE_ENTERPRISE:
            words = " ".join(rng.sample(vocabulary.COMPANY_WORDS, 2))
            body = f"Công ty TNHH {rng.choice(vocabulary.COMPANY_TRADES)} {words}"
        else:
            body = f"Công ty TNHH {rng.choice(vocabulary.FDI_NAMES)} Việt Nam"
        return Unit(
            OrgKind.GRASSROOTS_UNION,
            f"CS{number:06d}",
            f"Công đoàn cơ sở {body}",
            "",
            "CĐCS",
            employer_type=employer_type,
            place=place,
        )

    def size_grassroots(self, grassroots):
        """Log-normal sizes per employer type, scaled so that they add up to ``members``."""
        rng = self.rng
        raw = []
        for union in grassroots:
            _, median, sigma, *_ = EMPLOYERS[union.employer_type]
            raw.append(min(LARGEST_UNION, rng.lognormvariate(math.log(median), sigma)))
        scale = self.members / sum(raw)
        for union, value in zip(grassroots, raw, strict=True):
            union.size = max(3, round(value * scale))
        largest = max(grassroots, key=lambda union: union.size)
        largest.size += self.members - sum(union.size for union in grassroots)

    @staticmethod
    def assign_paths(root):
        """Treebeard materialised paths, depths and ids, parents before children."""
        root.path, root.depth = OrgUnit._get_path(None, 1, 1), 1
        order, stack = [], [root]
        while stack:
            unit = stack.pop()
            order.append(unit)
            for position, child in enumerate(unit.children, start=1):
                child.depth = unit.depth + 1
                child.path = OrgUnit._get_path(unit.path, child.depth, position)
            stack.extend(reversed(unit.children))
        for number, unit in enumerate(order, start=1):
            unit.id = number

    def walk(self, kind=None):
        stack = [self.root]
        while stack:
            unit = stack.pop()
            if kind is None or unit.kind == kind:
                yield unit
            stack.extend(reversed(unit.children))

    def copy_units(self, cursor):
        table = CopyTable(
            OrgUnit,
            (
                "id path depth numchild kind code name short_name symbol employer_type "
                "place search_key parent_id"
            ),
            self.now,
        )
        lines = (
            table.line(
                (
                    unit.id,
                    unit.path,
                    unit.depth,
                    len(unit.children),
                    unit.kind,
                    unit.code,
                    unit.name,
                    unit.short_name,
                    unit.symbol,
                    unit.employer_type,
                    unit.place,
                    search_key(f"{unit.code} {unit.name} {unit.short_name}"),
                    unit.parent.id if unit.parent else None,
                )
            )
            for unit in self.walk()
        )
        table.copy(cursor, lines)
        self.counts["units"] = table.rows
        return table.rows

    # Members, their awards and nominations ----------------------------------------------------

    def name(self, gender):
        rng = self.rng
        given = self.given[gender].draw(rng)
        middle = self.middle[gender].draw(rng)
        while middle.rsplit(" ", 1)[-1] == given:
            middle = self.middle[gender].draw(rng)
        full_name = f"{self.family.draw(rng)} {middle} {given}"
        keys = self.keys.get(full_name)
        if keys is None:
            keys = self.keys[full_name] = (search_key(full_name), name_sort_key(full_name))
        return full_name, keys

    def copy_members(self, cursor, awards, nominations):
        table = CopyTable(
            Member,
            (
                "id org_id org_path code full_name gender birth_date job_title "
                "is_manager is_direct_worker union_joined_on employed_since phone "
                "active left_on search_key sort_key"
            ),
            self.now,
        )
        table.copy(cursor, self.member_lines(table, awards, nominations))
        self.counts["members"] = table.rows
        return table.rows

    def member_lines(self, table, awards, nominations):
        rng, today = self.rng, self.today.toordinal()
        fromordinal = datetime.date.fromordinal
        started = time.perf_counter()
        member_id = 0
        for union in self.walk(OrgKind.GRASSROOTS_UNION):
            _, _, _, women, direct = EMPLOYERS[union.employer_type]
            titles = vocabulary.JOB_TITLES[union.employer_type]
            groups = union.groups
            at_union = max(1, union.size // 10) if groups else union.size
            for index in range(union.size):
                member_id += 1
                org = union if index < at_union else groups[index % len(groups)]
                gender = "female" if rng.random() < women else "male"
                full_name, (key, sort_key) = self.name(gender)
                age = rng.triangular(18, 60, 34)
                born = today - int(age * 365.25)
                employed = born + int(rng.uniform(18, min(age, 30)) * 365.25)
                joined = min(today, employed + rng.randrange(400))
                manager = rng.random() < 0.07
                active = rng.random() < 0.97
                left = None if active else min(today, joined + rng.randrange(1, 3650))
                line = table.line(
                    (
                        member_id,
                        org.id,
                        org.path,
                        f"DV{member_id:08d}",
                        full_name,
                        gender,
                        fromordinal(born),
                        rng.choice(titles),
                        manager,
                        not manager and rng.random() < direct,
                        fromordinal(joined),
                        fromordinal(employed),
                        f"09{rng.randrange(10**8):08d}" if rng.random() < 0.4 else "",
                        active,
                        fromordinal(left) if left else None,
                        key,
                        sort_key,
                    )
                )
                yield line
                first = fromordinal(joined).year
                last = fromordinal(left).year if left else self.today.year
                self.member_awards(awards, nominations, member_id, org, union, first, last)
                if active and rng.random() < NOMINATION_SHARE:
                    self.nomination(nominations, union, member_id=member_id)
                if member_id % PROGRESS_EVERY == 0:
                    self.progress.tick("members", member_id, started)

    def issuer(self, union, level):
        """The unit deciding an award of ``level`` for ``union``'s people; a national sector union
        decides the federation-level awards of its own grassroots unions."""
        if level == "grassroots":
            return union
        if level == "confederation":
            return self.root
        federation = union.ancestor(OrgKind.FEDERATION)
        if level == "upper" or federation is None:
            return union.parent
        return federation

    def decision(self, issuer, year):
        """The annual commendation decision of ``issuer`` for ``year``: (number, date)."""
        key = (issuer.id, year)
        if key not in self.decisions:
            day = datetime.date(year, 12, 10) + datetime.timedelta(days=issuer.id % 30)
            self.decisions[key] = (f"{100 + issuer.id % 800}/QĐ-{issuer.symbol}", day)
        return self.decisions[key]

    def amount(self, code, day):
        key = (code, day)
        if key not in self.amounts:
            salary = next((a for start, a in reversed(self.salaries) if start <= day), None)
            value = Decimal(salary or 0) * self.coefficients[code]
            steps = (value / 10_000).quantize(Decimal(1), rounding=ROUND_CEILING)
            # Awards worth nothing carry no amount, as in the imported histories.
            self.amounts[key] = int(steps) * 10_000 or None
        return self.amounts[key]

    def award_line(self, code, year, union, level, *, member_id=None, holder):
        issuer = self.issuer(union, level)
        number, day = self.decision(issuer, year)
        self.award_id += 1
        return self.award_table.line(
            (
                self.award_id,
                member_id,
                None if member_id else holder.id,
                holder.id,
                self.types[code],
                year,
                number,
                day,
                issuer.id,
                self.amount(code, day),
                RecordSource.DECISION if year >= self.today.year - 2 else RecordSource.IMPORTED,
            )
        )

    def member_awards(self, awards, nominations, member_id, org, union, first, last):
        rng = self.rng
        for year in self.years:
            if not first <= year <= last:
                continue
            drawn = _draw(MEMBER_AWARDS, rng)
            if drawn is None:
                continue
            code, level = drawn
            awards.write(self.award_line(code, year, union, level, member_id=member_id, holder=org))
            if code in NOMINATED_CODES:
                self.nomination(
                    nominations, union, member_id=member_id, code=code, year=year, status=S.AWARDED
                )

    def nomination(self, spooled, union, *, member_id=None, nominee=None, code=None, year=None,
                   status=None):  # fmt: skip
        rng = self.rng
        self.nomination_id += 1
        if status is None:
            # The first ones take every status in turn, so that even a small dataset has them all.
            self.drawn += 1
            statuses = NOMINATION_STATUSES
            status = (
                statuses[self.drawn - 1][0]
                if self.drawn <= len(statuses)
                else self.nomination_statuses.draw(rng)
            )
        year = year or self.today.year
        code = code or (self.nomination_types.draw(rng) if member_id else "CDCS-VM")
        submitted = appraised = None
        if status != S.DRAFT:
            submitted = min(self.moment(year, 9 + rng.randrange(3), rng), self.now)
        if status in _APPRAISED:
            appraised = submitted + datetime.timedelta(days=rng.randrange(5, 30))
        recommendation = ""
        if status in _APPRAISED:
            recommendation = "reject" if status == S.REJECTED else "approve"
        spooled.write(
            self.nomination_table.line(
                (
                    self.nomination_id,
                    self.types[code],
                    year,
                    union.id,
                    union.path,
                    member_id,
                    None if member_id else (nominee or union).id,
                    status,
                    Decimal(70 + rng.randrange(3000) / 100).quantize(Decimal("0.01")),
                    submitted,
                    appraised,
                    recommendation,
                    "Bổ sung biên bản họp bình xét." if status == S.RETURNED else "",
                )
            )
        )

    def moment(self, year, month, rng):
        return datetime.datetime(
            year,
            month,
            1 + rng.randrange(28),
            8 + rng.randrange(9),
            rng.randrange(60),
            tzinfo=datetime.UTC,
        )

    def collective_awards(self, awards):
        rng = self.rng
        for union in self.walk(OrgKind.GRASSROOTS_UNION):
            for year in self.years:
                drawn = _draw(UNIT_AWARDS, rng)
                if drawn is not None:
                    awards.write(self.award_line(*drawn[:1], year, union, drawn[1], holder=union))
                for group in union.groups:
                    if rng.random() < GROUP_AWARD_SHARE:
                        awards.write(
                            self.award_line("TCD-VM", year, union, "grassroots", holder=group)
                        )

    def collective_nominations(self, nominations):
        rng = self.rng
        for union in self.walk(OrgKind.GRASSROOTS_UNION):
            if rng.random() < 0.2:
                self.nomination(nominations, union, nominee=union)

    # Movements and reporting -------------------------------------------------------------------

    def grassroots_below(self, org):
        stack = [org]
        while stack:
            unit = stack.pop()
            if unit.kind == OrgKind.GRASSROOTS_UNION:
                yield unit
            else:
                stack.extend(reversed(unit.children))

    def answer(self, table, due_on, rng):
        """(status, submitted_at, on_time, reviewed_at) of a unit's answer due on ``due_on``."""
        status = table.draw(rng)
        if status == PlanStatus.PENDING:
            return status, None, None, None
        late = rng.random() < 0.12
        day = due_on + datetime.timedelta(days=rng.randrange(1, 20) if late else -rng.randrange(20))
        day = min(day, self.today)
        submitted = datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=datetime.UTC)
        reviewed = None
        if status in (PlanStatus.ACCEPTED, PlanStatus.RETURNED):
            reviewed = submitted + datetime.timedelta(days=rng.randrange(1, 10))
        return status, submitted, submitted.date() <= due_on, reviewed

    def copy_movements(self, cursor):
        rng, this_year = self.rng, self.today.year
        launches = [(self.root, year) for year in range(this_year - 2, this_year + 1)]
        launches += [
            (org, year) for org in self.root.children for year in (this_year - 1, this_year)
        ]
        table = CopyTable(
            Movement,
            (
                "id org_id title kind objectives starts_on ends_on plan_due_on "
                "midterm_review_due_on final_review_due_on status launched_on "
                "reviewed_on final_review_summary search_key"
            ),
            self.now,
        )
        lines = []
        for number, (org, year) in enumerate(launches, start=1):
            titles = vocabulary.MOVEMENT_TITLES
            title = (
                f"{titles[(number + year) % len(titles)]} năm {year} — {org.short_name or org.name}"
            )
            closed = year < this_year
            lines.append(
                table.line(
                    (
                        number,
                        org.id,
                        title,
                        "thematic" if number % 3 == 0 else "regular",
                        "Động viên đoàn viên, người lao động thi đua hoàn thành xuất sắc nhiệm vụ.",
                        datetime.date(year, 1, 15),
                        datetime.date(year, 12, 15),
                        datetime.date(year, 3, 31),
                        datetime.date(year, 7, 15),
                        datetime.date(year, 12, 5),
                        MovementStatus.CLOSED if closed else MovementStatus.LAUNCHED,
                        datetime.date(year, 1, 15),
                        datetime.date(year, 12, 20) if closed else None,
                        "Phong trào đạt kết quả tốt." if closed else "",
                        search_key(title)[:300],
                    )
                )
            )
        table.copy(cursor, lines)
        plans = CopyTable(
            UnitPlan,
            ["id", "movement_id", "org_id", "status", "submitted_at", "on_time", "reviewed_at"],
            self.now,
        )
        past, current = Weighted(PAST_ANSWERS), Weighted(OPEN_ANSWERS)

        def plan_lines():
            for number, (org, year) in enumerate(launches, start=1):
                answers = past if year < this_year else current
                due_on = datetime.date(year, 3, 31)
                for union in self.grassroots_below(org):
                    answer = self.answer(answers, due_on, rng)
                    yield plans.line((plans.rows + 1, number, union.id, *answer))

        plans.copy(cursor, plan_lines())
        self.counts["movements"], self.counts["plans"] = table.rows, plans.rows
        return table.rows + plans.rows

    def copy_reports(self, cursor):
        rng, this_year = self.rng, self.today.year
        asking = [
            (org, year, period, due_on)
            for org in self.root.children
            for year in (this_year - 1, this_year)
            for period, due_on in (
                (Period.HALF_YEAR, datetime.date(year, 6, 15)),
                (Period.ANNUAL, datetime.date(year, 12, 10)),
            )
        ]
        rounds = CopyTable(ReportingRound, ["id", "org_id", "title", "period", "year", "due_on"])
        headings = {Period.HALF_YEAR: "Sơ kết 6 tháng", Period.ANNUAL: "Tổng kết"}
        rounds.copy(
            cursor,
            [
                rounds.line(
                    (
                        number,
                        org.id,
                        f"{headings[period]} công tác thi đua, khen thưởng năm {year}",
                        period,
                        year,
                        due_on,
                    )
                )
                for number, (org, year, period, due_on) in enumerate(asking, start=1)
            ],
        )
        reports = CopyTable(
            Report, ["id", "round_id", "org_id", "status", "submitted_at", "reviewed_at", "content"]
        )
        past, current = Weighted(PAST_ANSWERS), Weighted(OPEN_ANSWERS)

        def report_lines():
            for number, (org, _, _, due_on) in enumerate(asking, start=1):
                answers = past if due_on < self.today else current
                for union in self.grassroots_below(org):
                    status, submitted, _, reviewed = self.answer(answers, due_on, rng)
                    content = "Kết quả phong trào thi đua của đơn vị." if submitted else ""
                    yield reports.line(
                        (reports.rows + 1, number, union.id, status, submitted, reviewed, content)
                    )

        reports.copy(cursor, report_lines())
        self.counts["rounds"], self.counts["reports"] = rounds.rows, reports.rows
        return rounds.rows + reports.rows
