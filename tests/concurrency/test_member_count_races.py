"""Parallel member writes and a unit move leave every stored member count exact (PostgreSQL)."""

from tests.concurrency.conftest import THREADS, race, split
from tests.factories import UserFactory, make_org
from thidua.organizations import services
from thidua.organizations.models import Member, OrgKind, OrgUnit


def test_parallel_member_writes_and_a_move_keep_every_count_exact(tree, people):
    admin = UserFactory(username="quantri", is_superuser=True)
    other = make_org(OrgKind.SECTOR_UNION, tree.ldld, code="CDN-GD", name="CĐN Giáo dục")
    # Members are written only in BVDK's branch: the move of BVNHI shares the ancestors' rows.
    units = [tree.bvdk, tree.bvdk_group]

    def work(index):
        if index == 0:
            return services.move_org(tree.bvnhi, new_parent=other, by=admin)
        if index == 1:
            return services.deactivate_member(people.nurse, by=admin)
        if index == 2:
            return services.update_member(people.hong, by=admin, org=tree.bvdk_group)
        return services.create_member(
            org=units[index % 2], by=admin, full_name=f"Đoàn viên {index}", gender="female"
        )

    _wins, failures = split(race(work))
    assert failures == []
    expected = {
        unit.code: Member.objects.filter(active=True, org_path__startswith=unit.path).count()
        for unit in OrgUnit.objects.all()
    }
    assert dict(OrgUnit.objects.values_list("code", "member_count")) == expected
    assert expected["TLD"] == 3 - 1 + THREADS - 3
