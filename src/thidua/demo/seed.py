"""Load the demo dataset: ``load_demo()`` runs the registered seeders in one transaction.

Seeders
-------
A seeder is a function ``seeder(demo)`` that writes demo records, given a ``DemoContext``:
``demo.units`` (OrgUnit by code), ``demo.users`` (User by username), ``demo.people`` (the Member
record of each demo login who has one, by username), ``demo.rng`` (a ``random.Random`` seeded from
the seeder's dotted name, so each seeder draws the same numbers every run whatever the others do),
``demo.today`` and ``demo.note(text)`` for a line of the command's summary.

The core seeders below build the union tree, the members, the demo users with their roles and the
emulation officers. A later feature adds its demo records by registering a seeder in a ``demo``
module of its app; ``load_demo`` imports the ``demo`` module of every thidua app before it starts::

    # src/thidua/awards/demo.py
    from thidua.demo.seed import register

    @register
    def award_catalogue(demo):
        ...

Seeders run in order: the core ones, then each app's in ``INSTALLED_APPS`` order, each module's
in definition order. They all run inside one transaction, so a failure leaves the database as it
was. Seeders write with the ORM directly (``bulk_create`` for volume): the demo has no actor, so
there are no audit entries, and the service rules are kept by construction.

Guards
------
``load_demo`` does nothing but raise ``AlreadyLoaded`` when the demo is already there (the sector
union ``CDN-YT`` and every demo login exist), and refuses with ``DemoRefused`` a database holding
anything else: units whose code is not in the demo tree, users other than the demo logins and
superusers, or an incomplete demo. It never deletes anything.
"""

import datetime
import random
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from thidua.accounts.models import RoleAssignment, User
from thidua.core.models import normalize_text_fields
from thidua.core.text import name_sort_key, search_key
from thidua.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from thidua.demo.people import SEED, generate_members
from thidua.demo.units import (
    GRASSROOTS,
    PLACE,
    SECTOR_CODE,
    UPPER_UNITS,
    WITHOUT_OFFICER,
    all_codes,
)
from thidua.organizations.counts import refresh_all_member_counts
from thidua.organizations.models import Member, OfficerDesignation, OrgKind, OrgUnit

DEMO_USERNAMES = frozenset(username for username, *_ in DEMO_LOGINS)
SEEDERS = []


class AlreadyLoaded(Exception):
    """The demo dataset is already in the database."""


class DemoRefused(Exception):
    """The database holds data that is not the demo's; nothing was written."""


@dataclass
class DemoContext:
    units: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    notes: list = field(default_factory=list)

    def note(self, text):
        self.notes.append(text)


def register(seeder):
    """Add ``seeder`` to the end of ``SEEDERS`` (once); usable as a decorator."""
    if seeder not in SEEDERS:
        SEEDERS.append(seeder)
    return seeder


def discover_seeders():
    """Import the ``demo`` module of every thidua app so that its seeders register."""
    for config in apps.get_app_configs():
        if config.name.startswith("thidua.") and module_has_submodule(config.module, "demo"):
            import_module(f"{config.name}.demo")


def is_loaded():
    """True when the sector union and every demo login exist."""
    return OrgUnit.objects.filter(code=SECTOR_CODE).exists() and User.objects.filter(
        username__in=DEMO_USERNAMES
    ).count() == len(DEMO_USERNAMES)


def _examples(values, limit=5):
    values = sorted(values)
    more = f", … ({len(values)} in all)" if len(values) > limit else ""
    return ", ".join(values[:limit]) + more


def foreign_data():
    """Why the database may not receive the demo (an empty list when it may)."""
    reasons = []
    units = list(OrgUnit.objects.exclude(code__in=all_codes()).values_list("code", flat=True))
    if units:
        reasons.append(f"union units outside the demo tree: {_examples(units)}")
    users = list(
        User.objects.filter(is_superuser=False)
        .exclude(username__in=DEMO_USERNAMES)
        .values_list("username", flat=True)
    )
    if users:
        reasons.append(f"users who are not demo logins: {_examples(users)}")
    partial = (
        OrgUnit.objects.exists()
        or Member.objects.exists()
        or User.objects.filter(username__in=DEMO_USERNAMES).exists()
    )
    if not reasons and partial:
        reasons.append("an incomplete demo dataset (some demo units, members or users)")
    return reasons


def load_demo():
    """Write the demo dataset into an empty database; returns the ``DemoContext`` used."""
    discover_seeders()
    with transaction.atomic():
        if is_loaded():
            raise AlreadyLoaded("The demo dataset is already loaded.")
        reasons = foreign_data()
        if reasons:
            raise DemoRefused(
                "This database holds data that is not part of the demo ("
                + "; ".join(reasons)
                + "). seed_demo loads the demo only into an empty database."
            )
        demo = DemoContext()
        for seeder in SEEDERS:
            demo.rng = random.Random(f"{SEED}:{seeder.__module__}.{seeder.__qualname__}")
            seeder(demo)
        # The seeders write members in bulk: count every unit's subtree once, at the end.
        refresh_all_member_counts()
    return demo


def _add(parent, **fields):
    unit = OrgUnit(parent=parent, **fields)
    if parent is None:
        return OrgUnit.objects.add_root(instance=unit)
    return OrgUnit.objects.add_child(parent, instance=unit)


@register
def union_tree(demo):
    """TLĐ → LĐLĐ Đồng Nai → Công đoàn ngành Y tế → the grassroots unions and their groups."""
    for spec in UPPER_UNITS:
        demo.units[spec.code] = _add(
            demo.units.get(spec.parent),
            kind=spec.kind,
            code=spec.code,
            name=spec.name,
            short_name=spec.short_name,
            symbol=spec.symbol,
            place=spec.place,
        )
    sector = demo.units[SECTOR_CODE]
    for spec in GRASSROOTS:
        union = _add(
            sector,
            kind=OrgKind.GRASSROOTS_UNION,
            code=spec.code,
            name=spec.name,
            short_name=spec.short_name,
            symbol="CĐCS",
            employer_type=spec.employer_type,
            place=PLACE,
            address=spec.address,
        )
        demo.units[spec.code] = union
        for group in spec.groups:
            demo.units[group.code] = _add(
                union, kind=OrgKind.UNION_GROUP, code=group.code, name=group.name, place=PLACE
            )
    groups = sum(len(spec.groups) for spec in GRASSROOTS)
    demo.note(f"Union tree: {len(GRASSROOTS)} grassroots unions, {groups} union groups.")


def _member(spec, org):
    """An unsaved Member with the keys ``Member.save()`` would compute (bulk_create skips it)."""
    member = Member(
        org=org,
        org_path=org.path,
        code=spec.code,
        full_name=spec.full_name,
        gender=spec.gender,
        birth_date=spec.birth_date,
        job_title=spec.job_title,
        is_manager=spec.is_manager,
        is_direct_worker=spec.is_direct_worker,
        employed_since=spec.employed_since,
        union_joined_on=spec.union_joined_on,
        phone=spec.phone,
        active=spec.active,
        left_on=spec.left_on,
    )
    normalize_text_fields(member)
    member.search_key = search_key(member.full_name)
    member.sort_key = name_sort_key(member.full_name)
    return member


@register
def members(demo):
    """About 4,000 members, generated deterministically (``thidua.demo.people``)."""
    specs = generate_members()
    Member.objects.bulk_create(
        [_member(spec, demo.units[spec.org_code]) for spec in specs], batch_size=500
    )
    linked = {spec.code: spec.username for spec in specs if spec.username}
    for member in Member.objects.filter(code__in=linked):
        demo.people[linked[member.code]] = member
    left = sum(not spec.active for spec in specs)
    demo.note(f"Members: {len(specs)} ({left} of them have left the union).")


@register
def demo_users(demo):
    """The demo logins with their roles, linked to their own member records."""
    # One hash for every login: the password is public, and hashing it a dozen times over would
    # take most of the seeding time.
    password = make_password(DEMO_PASSWORD)
    for username, full_name, role, unit_code in DEMO_LOGINS:
        user = User(
            username=username,
            full_name=full_name,
            email=f"{username}@example.org",
            password=password,
        )
        user.save()
        RoleAssignment.objects.create(user=user, role=role, org=demo.units[unit_code])
        demo.users[username] = user
        member = demo.people.get(username)
        if member is not None:
            member.user = user
            Member.objects.filter(pk=member.pk).update(user=user)
    demo.note(f"Demo logins: {len(DEMO_LOGINS)}, password {DEMO_PASSWORD}.")


# The demo logins who are their union's designated emulation officer, and who designated them.
_DEMO_OFFICERS = {
    "BVDK": ("bvdk.thidua", "bvdk.chutich", datetime.date(2024, 1, 15)),
    "BVNHI": ("bvnhi.thidua", "bvnhi.chutich", datetime.date(2023, 3, 1)),
}


@register
def officers(demo):
    """An emulation officer in every grassroots union but those of ``WITHOUT_OFFICER``."""
    terms = []
    for spec in GRASSROOTS:
        union = demo.units[spec.code]
        if spec.code in _DEMO_OFFICERS:
            officer, designator, since = _DEMO_OFFICERS[spec.code]
            member, by = demo.people[officer], demo.users[designator]
        elif spec.code in WITHOUT_OFFICER:
            continue
        else:
            candidates = list(
                Member.objects.filter(org=union, active=True, is_manager=False).order_by("code")
            )
            member, by = demo.rng.choice(candidates), demo.users["nganh.admin"]
            earliest = max(member.union_joined_on, datetime.date(2022, 1, 1))
            latest = datetime.date(2025, 9, 30)
            since = earliest + datetime.timedelta(
                days=demo.rng.randrange(max((latest - earliest).days, 0) + 1)
            )
        terms.append(OfficerDesignation(org=union, member=member, since=since, designated_by=by))
    OfficerDesignation.objects.bulk_create(terms)
    demo.note(
        f"Emulation officers: {len(terms)} designated; none yet in {', '.join(WITHOUT_OFFICER)}."
    )
