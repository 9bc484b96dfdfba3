"""The emulation officer board and designating an officer."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MemberFactory, make_org
from thidua.organizations import services
from thidua.organizations.models import OfficerDesignation, OrgKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []


@pytest.fixture
def login():
    def as_user(user):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return as_user


def url(name, *args):
    return reverse(f"organizations:{name}", args=args)


def designate(org, member, by, since=datetime.date(2025, 1, 1)):
    return services.designate_officer(org, member=member, since=since, by=by)


@pytest.fixture
def sector_of_34(people, tree):
    """The sector's 34 grassroots unions (BVDK, BVNHI and 32 more), 31 with an officer."""
    unions = [tree.bvdk, tree.bvnhi]
    for number in range(32):
        unions.append(make_org(OrgKind.GRASSROOTS_UNION, tree.sector, code=f"CS{number:02d}"))
    for union in unions[1:32]:
        member = MemberFactory(org=union) if union != tree.bvnhi else people.child_doctor
        designate(union, member, people.nganh_admin)
    return unions


def test_board_counts_the_units_with_an_officer(people, sector_of_34, login):
    response = login(people.nganh_thidua).get(url("officer_board"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "31 of 34 units have an officer" in html
    assert "No officer designated" in html
    assert response.context["page"].paginator.count == 34


def test_board_filters_the_units_without_an_officer(people, tree, sector_of_34, login):
    response = login(people.nganh_admin).get(url("officer_board") + "?missing=1")
    shown = [unit.code for unit in response.context["page"].object_list]
    assert shown == [tree.bvdk.code, "CS30", "CS31"]


def test_board_shows_the_officer_and_since_when(people, tree, login):
    designate(tree.bvdk, people.hong, people.bvdk_chutich, since=datetime.date(2025, 3, 4))
    html = login(people.nganh_thidua).get(url("officer_board")).content.decode()
    assert "Nguyễn Thị Hồng" in html
    assert "04/03/2025" in html
    assert "1 of 2 units have an officer" in html


def test_board_is_limited_to_the_reach(people, tree, login):
    response = login(people.bvdk_thidua).get(url("officer_board"))
    assert [u.code for u in response.context["page"].object_list] == [tree.bvdk.code]
    assert "0 of 1 unit has an officer" in response.content.decode()


def test_member_role_has_no_board(people, login):
    assert login(people.doanvien).get(url("officer_board")).status_code == 403


def test_chair_designates_an_officer_from_the_page(people, tree, login):
    client = login(people.bvdk_chutich)
    page = client.get(url("officer_designate", tree.bvdk.pk))
    assert page.status_code == 200
    offered = set(page.context["form"].fields["member"].queryset)
    assert offered == {people.hong, people.nurse}
    response = client.post(
        url("officer_designate", tree.bvdk.pk),
        {"action": "designate", "member": people.nurse.pk, "since": "01/02/2026", "note": "QĐ 5"},
    )
    assert response.status_code == 302
    term = OfficerDesignation.objects.get(org=tree.bvdk, until__isnull=True)
    assert term.member == people.nurse
    assert term.since == datetime.date(2026, 2, 1)
    assert term.designated_by == people.bvdk_chutich


def test_a_new_designation_ends_the_current_one_and_shows_the_history(people, tree, login):
    designate(tree.bvdk, people.hong, people.bvdk_chutich, since=datetime.date(2025, 1, 1))
    client = login(people.bvdk_chutich)
    client.post(
        url("officer_designate", tree.bvdk.pk),
        {"action": "designate", "member": people.nurse.pk, "since": "01/02/2026"},
    )
    terms = list(OfficerDesignation.objects.filter(org=tree.bvdk).order_by("since"))
    assert [(t.member, t.until) for t in terms] == [
        (people.hong, datetime.date(2026, 2, 1)),
        (people.nurse, None),
    ]
    html = client.get(url("officer_designate", tree.bvdk.pk)).content.decode()
    assert "History of designations" in html
    assert "01/01/2025" in html and "01/02/2026" in html


def test_a_start_before_the_current_term_is_shown_on_the_field(people, tree, login):
    designate(tree.bvdk, people.hong, people.bvdk_chutich, since=datetime.date(2025, 6, 1))
    response = login(people.bvdk_chutich).post(
        url("officer_designate", tree.bvdk.pk),
        {"action": "designate", "member": people.nurse.pk, "since": "01/01/2025"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["since"]
    assert OfficerDesignation.objects.get(org=tree.bvdk, until__isnull=True).member == people.hong


def test_a_member_of_another_union_cannot_be_designated(people, tree, login):
    response = login(people.nganh_admin).post(
        url("officer_designate", tree.bvdk.pk),
        {"action": "designate", "member": people.child_doctor.pk, "since": "01/01/2026"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["member"]
    assert not OfficerDesignation.objects.exists()


def test_ending_the_current_designation(people, tree, login):
    designate(tree.bvdk, people.hong, people.bvdk_chutich, since=datetime.date(2025, 1, 1))
    client = login(people.bvdk_chutich)
    response = client.post(
        url("officer_designate", tree.bvdk.pk), {"action": "end", "until": "31/12/2025"}
    )
    assert response.status_code == 302
    assert OfficerDesignation.objects.get().until == datetime.date(2025, 12, 31)
    bad = client.post(url("officer_designate", tree.bvdk.pk), {"action": "end", "until": "soon"})
    assert bad.status_code == 200


def test_who_may_designate(people, tree, login):
    assert login(people.bvdk_thidua).get(url("officer_designate", tree.bvdk.pk)).status_code == 403
    assert login(people.ldld).get(url("officer_designate", tree.bvdk.pk)).status_code == 403
    outsider = login(people.bvnhi_chutich).get(url("officer_designate", tree.bvdk.pk))
    assert outsider.status_code == 404
    assert login(people.nganh_thidua).get(url("officer_designate", tree.bvdk.pk)).status_code == 200


def test_a_union_group_has_no_officer_page(people, tree, login):
    response = login(people.nganh_admin).get(url("officer_designate", tree.bvdk_group.pk))
    assert response.status_code == 302
    assert response["Location"] == url("org_detail", tree.bvdk_group.pk)


def test_member_picker_narrows_by_name(people, tree, login):
    response = login(people.bvdk_chutich).get(url("officer_designate", tree.bvdk.pk) + "?q=binh")
    assert list(response.context["form"].fields["member"].queryset) == [people.nurse]
