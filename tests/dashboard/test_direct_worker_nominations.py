from tests.dashboard.records import nominate, quota
from tests.factories import MemberFactory
from thidua.reporting.kpis import direct_worker_nominations


def test_counts_proposed_direct_workers_against_top_level_quotas(tree):
    worker = MemberFactory(org=tree.bvdk, is_direct_worker=True, is_manager=False)
    second = MemberFactory(org=tree.bvdk_group, is_direct_worker=True, is_manager=False)
    manager = MemberFactory(org=tree.bvnhi, is_direct_worker=False, is_manager=True)
    nominate(worker, tree.bvdk, status="submitted")
    nominate(second, tree.bvdk, code="BK-TLD", status="upper_approved")
    nominate(manager, tree.bvnhi, status="returned")
    # Not counted: a draft, a withdrawn one, a grassroots award, another year.
    nominate(MemberFactory(org=tree.bvdk), tree.bvdk, status="draft")
    nominate(MemberFactory(org=tree.bvdk), tree.bvdk, status="withdrawn")
    nominate(MemberFactory(org=tree.bvdk), tree.bvdk, code="LDTT")
    nominate(MemberFactory(org=tree.bvdk), tree.bvdk, year=2025)
    top = quota(tree.sector, tree.ldld, 10)
    quota(tree.bvdk, tree.sector, 4, parent=top)  # a sub-allocation of the 10
    quota(tree.sector, tree.tld, 3, code="BK-TLD")
    quota(tree.sector, tree.sector, 50, code="LDTT")  # not an upper-level award

    sector = direct_worker_nominations(2026, tree.sector)
    assert sector == {"proposed": 2, "quota": 13, "share": round(2 / 3, 4), "all_nominations": 3}

    # From BVDK the sub-allocation is the top-level quota held in its subtree.
    bvdk = direct_worker_nominations(2026, tree.bvdk)
    assert bvdk == {"proposed": 2, "quota": 4, "share": 1.0, "all_nominations": 2}


def test_nothing_proposed_gives_a_zero_share(tree):
    assert direct_worker_nominations(2026, tree.bvnhi) == {
        "proposed": 0,
        "quota": 0,
        "share": 0.0,
        "all_nominations": 0,
    }
