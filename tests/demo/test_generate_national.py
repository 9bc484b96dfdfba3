"""The national benchmark dataset: a valid tree, consistent members, every nomination status."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Sum

from tests.factories import make_org
from thidua.awards.models import AwardRecord
from thidua.dashboard.models import AwardRollup
from thidua.dashboard.statistics import awards_in
from thidua.demo.national import NationalRefused, generate_national
from thidua.movements.models import UnitPlan
from thidua.nominations.models import Nomination, NominationStatus
from thidua.organizations.models import Member, OrgKind, OrgUnit
from thidua.reporting.models import Report

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="generate_national loads with PostgreSQL COPY"
)


@postgres_only
def test_generates_a_valid_tree_and_consistent_population():
    counts = generate_national(members=3_000, seed=7, write=lambda line: None)

    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])
    numchild = OrgUnit.objects.aggregate(n=Sum("numchild"))["n"]
    assert numchild == OrgUnit.objects.count() - 1
    assert OrgUnit.objects.filter(kind=OrgKind.FEDERATION).count() == 63
    assert not OrgUnit.objects.exclude(depth=1).filter(parent__isnull=True).exists()
    wrong_parent = OrgUnit.objects.exclude(depth=1).exclude(
        path__startswith=F("parent__path"), depth=F("parent__depth") + 1
    )
    assert not wrong_parent.exists()
    grassroots = OrgUnit.objects.filter(kind=OrgKind.GRASSROOTS_UNION)
    assert grassroots.exclude(employer_type="").count() == grassroots.count() > 20

    assert Member.objects.count() == counts["members"] == 3_000
    assert not Member.objects.exclude(org_path=F("org__path")).exists()
    assert not Member.objects.exclude(
        org__kind__in=[OrgKind.GRASSROOTS_UNION, OrgKind.UNION_GROUP]
    ).exists()
    assert AwardRecord.objects.count() == counts["awards"] > 1_000
    assert Nomination.objects.count() == counts["nominations"]
    assert not Nomination.objects.exclude(org_path=F("org__path")).exists()
    assert UnitPlan.objects.count() == counts["plans"] > 0
    assert Report.objects.count() == counts["reports"] > 0

    statuses = set(Nomination.objects.values_list("status", flat=True))
    assert statuses == set(NominationStatus.values)


@postgres_only
def test_the_award_rollups_are_built_after_the_load():
    generate_national(members=1_000, seed=5, write=lambda line: None)
    root = OrgUnit.objects.get(depth=1)
    year = AwardRecord.objects.order_by("-year").values_list("year", flat=True).first()
    rolled = AwardRollup.objects.filter(org=root, year=year, dimension="level")
    assert rolled.aggregate(n=Sum("count"))["n"] == awards_in(year, root).count() > 0


@postgres_only
def test_generated_names_are_found_without_diacritics():
    generate_national(members=500, seed=3, write=lambda line: None)
    member = Member.objects.filter(full_name__regex="[đĐ]").order_by("id").first()
    plain = member.search_key

    assert plain.isascii()
    assert member in Member.objects.search(plain.upper())


@postgres_only
def test_sequences_continue_after_the_generated_ids():
    generate_national(members=300, seed=1, write=lambda line: None)
    union = OrgUnit.objects.filter(kind=OrgKind.GRASSROOTS_UNION).first()

    member = Member.objects.create(org=union, full_name="Lê Thị Mới", gender="female")

    assert member.pk == Member.objects.aggregate(n=Count("id"))["n"]


@postgres_only
def test_refuses_a_database_that_already_holds_units():
    make_org(OrgKind.CONFEDERATION, code="TLD-OLD")

    with pytest.raises(CommandError, match="already holds 1 union units and 0 members"):
        call_command("generate_national", "--members", "1000")

    assert OrgUnit.objects.count() == 1
    assert not Member.objects.exists()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite refusal")
def test_refuses_sqlite():
    with pytest.raises(NationalRefused, match="needs PostgreSQL"):
        generate_national(members=1_000, write=lambda line: None)

    assert not OrgUnit.objects.exists()
