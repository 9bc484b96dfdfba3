"""Quotas: allocation, the sub-allocation cap, and race-free counting on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from tests.nominations.conftest import YEAR, make_member
from thidua.core.exceptions import Forbidden, RuleViolation
from thidua.nominations import quotas, services
from thidua.nominations.models import Nomination


def test_sub_allocations_never_exceed_the_parent_count(sector_quota, people, tree):
    quotas.create_quota(by=people.nganh_admin, org=tree.bvdk, parent=sector_quota, count=6)
    with pytest.raises(RuleViolation) as exc:
        quotas.create_quota(by=people.nganh_admin, org=tree.bvnhi, parent=sector_quota, count=5)
    assert "11" in str(exc.value.detail) and "10" in str(exc.value.detail)
    assert sector_quota.children.count() == 1


def test_a_parent_cannot_drop_below_its_sub_allocations(bvdk_quota, sector_quota, people):
    with pytest.raises(RuleViolation):
        quotas.update_quota(sector_quota, by=people.nganh_admin, count=2)
    quota = quotas.update_quota(sector_quota, by=people.nganh_admin, count=12)
    assert quota.count == 12 and quota.version == 2


def test_grassroots_staff_may_not_grant_quotas(award, people, tree):
    with pytest.raises(Forbidden):
        quotas.create_quota(
            by=people.bvdk_chutich, year=YEAR, award_type=award, org=tree.bvdk, count=3
        )


def test_the_federation_viewer_may_grant_the_sector_its_quota(award, people, tree):
    quota = quotas.create_quota(
        by=people.ldld, year=YEAR, award_type=award, org=tree.sector, count=4
    )
    assert quota.granted_by_org == tree.ldld


def test_usage_shows_direct_worker_share_still_reachable(nominate, sector_quota, people, tree):
    manager = make_member(tree.bvnhi, is_direct_worker=False, is_manager=True)
    services.submit_nomination(
        nominate(manager, org=tree.bvnhi, by=people.bvnhi_thidua), by=people.bvnhi_chutich
    )
    usage = quotas.usage_of(sector_quota)
    assert (usage.used, usage.direct, usage.remaining) == (1, 0, 9)
    assert usage.reachable_share == 0.9 and usage.share_reachable


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_submissions_take_exactly_the_ten_places(
    nominate, sector_quota, people, tree
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises writers)")
    drafts = [nominate(org=tree.bvnhi, by=people.bvnhi_thidua) for _ in range(50)]
    outcomes = []
    barrier = threading.Barrier(50)

    def submit(nomination):
        try:
            barrier.wait()
            services.submit_nomination(nomination, by=people.bvnhi_chutich)
            outcomes.append("ok")
        except RuleViolation:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 10 and outcomes.count("full") == 40
    assert Nomination.objects.filter(status="submitted").count() == 10
