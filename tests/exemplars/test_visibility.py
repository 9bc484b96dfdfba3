"""Who sees which exemplar: the owner's and nominee's reach; once verified, the whole sector."""

import pytest

from thidua.core.exceptions import NotFound
from thidua.exemplars import services
from thidua.exemplars.models import Exemplar

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Exemplar.objects.visible_to(user).values_list("pk", flat=True))


def test_bvnhis_found_exemplar_is_hidden_from_bvdk(found, people):
    exemplar = found()
    for user in (people.bvnhi_thidua, people.bvnhi_chutich, people.nganh_thidua, people.ldld):
        assert exemplar.pk in visible(user), user
    for user in (people.bvdk_thidua, people.bvdk_chutich, people.doanvien):
        assert exemplar.pk not in visible(user), user
    with pytest.raises(NotFound):
        services.verify_exemplar(exemplar, by=people.bvdk_thidua)


def test_a_verified_exemplar_is_visible_to_the_whole_sector(verified, people):
    for user in (people.bvdk_thidua, people.bvdk_chutich, people.hoidong, people.kiemtra):
        assert verified.pk in visible(user), user
    assert verified.pk not in visible(people.doanvien)


def test_a_sector_exemplar_of_another_sector_stays_hidden(verified, people, tree):
    from tests.factories import make_org, user_with_role
    from thidua.accounts.roles import Role
    from thidua.organizations.models import OrgKind

    other_sector = make_org(OrgKind.SECTOR_UNION, tree.ldld, code="CDN-GD", name="CĐN Giáo dục")
    school = make_org(OrgKind.GRASSROOTS_UNION, other_sector, code="THPT-1", name="CĐCS THPT")
    teacher_union = user_with_role(Role.GRASSROOTS_OFFICER, school, username="thpt.thidua")
    assert verified.pk not in visible(teacher_union)
