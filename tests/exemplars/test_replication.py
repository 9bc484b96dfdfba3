"""Replication (nhân rộng): verified or honoured models only, once per unit, by that unit."""

import datetime

import pytest

from tests.factories import make_org
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput, InvalidTransition, NotFound
from thidua.exemplars import services
from thidua.exemplars.models import Replication
from thidua.organizations.models import OrgKind

pytestmark = pytest.mark.django_db
ADOPTED = datetime.date(2026, 3, 1)


def test_bvdk_records_that_it_replicated_a_verified_model(verified, people, tree):
    replication = services.record_replication(
        verified, by=people.bvdk_thidua, org=tree.bvdk, adopted_on=ADOPTED, note="Áp dụng ở 3 khoa"
    )
    assert replication.org == tree.bvdk and replication.recorded_by == people.bvdk_thidua


def test_a_found_exemplar_cannot_be_replicated(found, people, tree):
    exemplar = found(by=people.nganh_thidua, owner_org=tree.sector)
    with pytest.raises(InvalidTransition):
        services.record_replication(
            exemplar, by=people.nganh_thidua, org=tree.bvdk, adopted_on=ADOPTED
        )
    assert not Replication.objects.exists()


def test_a_unit_replicates_a_model_once(verified, people, tree):
    services.record_replication(verified, by=people.bvdk_thidua, org=tree.bvdk, adopted_on=ADOPTED)
    with pytest.raises(Conflict):
        services.record_replication(
            verified, by=people.bvdk_chutich, org=tree.bvdk, adopted_on=ADOPTED
        )
    assert Replication.objects.count() == 1


def test_only_the_adopting_units_staff_record_it(verified, people, tree):
    with pytest.raises(Forbidden):
        services.record_replication(
            verified, by=people.bvnhi_thidua, org=tree.bvdk, adopted_on=ADOPTED
        )
    with pytest.raises(Forbidden):
        services.record_replication(verified, by=people.kiemtra, org=tree.bvdk, adopted_on=ADOPTED)


def test_the_model_cannot_be_replicated_by_its_own_unit_nor_in_the_future(verified, people, tree):
    with pytest.raises(InvalidInput):
        services.record_replication(
            verified, by=people.bvnhi_thidua, org=tree.bvnhi, adopted_on=ADOPTED
        )
    with pytest.raises(InvalidInput):
        services.record_replication(
            verified,
            by=people.bvdk_thidua,
            org=tree.bvdk,
            adopted_on=datetime.date.today() + datetime.timedelta(days=1),
        )


def test_a_hidden_exemplar_is_not_found_for_replication(found, people, tree):
    with pytest.raises(NotFound):
        services.record_replication(
            found(), by=people.bvdk_thidua, org=tree.bvdk, adopted_on=ADOPTED
        )


def test_the_spread_groups_adopting_units_under_their_parents(verified, people, tree):
    other = make_org(
        OrgKind.GRASSROOTS_UNION, tree.sector, code="TTYT-BH", name="CĐCS TTYT Biên Hòa"
    )
    services.record_replication(verified, by=people.bvdk_thidua, org=tree.bvdk, adopted_on=ADOPTED)
    services.record_replication(
        verified, by=people.bvdk_thidua, org=tree.bvdk_group, adopted_on=ADOPTED
    )
    services.record_replication(verified, by=people.nganh_thidua, org=other, adopted_on=ADOPTED)
    groups = services.spread(verified.replications.select_related("org__parent"))
    assert [(g["parent"].code, g["count"]) for g in groups] == [("CDN-YT", 2), ("BVDK", 1)]
