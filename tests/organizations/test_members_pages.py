"""The member pages: list, search, a member's page, add, edit, departure; never another unit's."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MemberFactory, UserFactory
from thidua.organizations import services
from thidua.organizations.models import Member

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


def listed(response):
    return [m.full_name for m in response.context["page"].object_list]


def member_data(member=None, **changes):
    data = {
        "org": member.org_id if member else "",
        "full_name": member.full_name if member else "",
        "gender": member.gender if member else "",
        "code": member.code if member else "",
        "birth_date": member.birth_date.strftime("%d/%m/%Y")
        if member and member.birth_date
        else "",
        "job_title": member.job_title if member else "",
        "union_joined_on": "",
        "employed_since": "",
        "email": "",
        "phone": "",
    }
    if member:
        data["version"] = member.version
        if member.is_direct_worker:
            data["is_direct_worker"] = "on"
    data.update(changes)
    return data


# The list


def test_list_shows_the_members_in_reach_with_their_count(people, login):
    response = login(people.nganh_admin).get(url("member_list"))
    assert response.status_code == 200
    assert sorted(listed(response)) == ["Lê Thị Mai", "Nguyễn Thị Hồng", "Trần Văn Bình"]
    assert "3 members found" in response.content.decode()


def test_search_ignores_diacritics_and_case(people, login):
    response = login(people.nganh_admin).get(url("member_list") + "?q=nguyen thi hong")
    assert listed(response) == ["Nguyễn Thị Hồng"]
    response = login(people.nganh_admin).get(url("member_list") + "?q=BINH")
    assert listed(response) == ["Trần Văn Bình"]


def test_live_search_returns_only_the_results_fragment(people, login):
    response = login(people.nganh_admin).get(
        url("member_list") + "?q=nguyen thi hong", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Nguyễn Thị Hồng" in html
    assert "<html" not in html
    assert "1 member found" in html


def test_list_page_carries_the_live_search(people, login):
    html = login(people.nganh_admin).get(url("member_list")).content.decode()
    assert 'hx-trigger="keyup changed delay:300ms' in html
    assert 'hx-target="#member-results"' in html


def test_list_is_in_vietnamese_order_by_given_name(people, tree, login):
    for name in ("Phạm Thị Ánh", "Hoàng Văn Ân", "Lý Văn An", "Đặng Thị Đào", "Vũ Văn Dũng"):
        MemberFactory(org=tree.bvnhi, full_name=name)
    response = login(people.bvnhi_thidua).get(url("member_list"))
    assert listed(response) == [
        "Lý Văn An",
        "Phạm Thị Ánh",
        "Hoàng Văn Ân",
        "Vũ Văn Dũng",
        "Đặng Thị Đào",
        "Lê Thị Mai",
    ]


def test_list_filters_by_unit_and_kind_of_worker(people, tree, login):
    MemberFactory(
        org=tree.bvdk,
        full_name="Đỗ Văn Quản",
        is_manager=True,
        is_direct_worker=False,
        gender="male",
    )
    client = login(people.nganh_admin)
    by_group = client.get(url("member_list") + f"?org={tree.bvdk_group.pk}")
    assert listed(by_group) == ["Trần Văn Bình"]
    managers = client.get(url("member_list") + "?is_manager=true")
    assert listed(managers) == ["Đỗ Văn Quản"]
    women = client.get(url("member_list") + f"?gender=female&org={tree.bvdk.pk}")
    assert listed(women) == ["Nguyễn Thị Hồng"]


def test_list_shows_active_members_unless_asked(people, login):
    services.deactivate_member(people.nurse, by=people.bvdk_thidua)
    client = login(people.bvdk_thidua)
    assert listed(client.get(url("member_list"))) == ["Nguyễn Thị Hồng"]
    everyone = client.get(url("member_list") + "?active=unknown")
    assert sorted(listed(everyone)) == ["Nguyễn Thị Hồng", "Trần Văn Bình"]


def test_bad_filter_values_give_a_message_not_an_error(people, tree, login):
    client = login(people.nganh_admin)
    for query in (
        "?is_manager=maybe",
        "?page=abc",
        "?org=abc",
        "?ordering=bogus",
        "?page=999",
        "?gender=x",
    ):
        assert client.get(url("member_list") + query).status_code == 200
    response = client.get(url("member_list") + "?gender=other")
    assert "were left out" in response.content.decode()
    assert len(listed(response)) == 3


def test_unit_picker_offers_only_units_in_reach(people, tree, login):
    response = login(people.bvdk_thidua).get(url("member_list"))
    choices = [value for value, _ in response.context["filter"].form.fields["org"].choices]
    assert set(choices) == {"", tree.bvdk.pk, tree.bvdk_group.pk}
    outsider = login(people.bvdk_thidua).get(url("member_list") + f"?org={tree.bvnhi.pk}")
    assert outsider.status_code == 200
    assert "Lê Thị Mai" not in outsider.content.decode()


def test_export_and_import_links_keep_the_query(people, tree, login):
    html = login(people.bvdk_thidua).get(url("member_list") + "?q=hong").content.decode()
    assert f"{url('member_export')}?q=hong&amp;active=true" in html
    assert url("member_import") in html
    viewer = login(people.ldld).get(url("member_list")).content.decode()
    assert url("member_import") not in viewer
    assert url("member_create") not in viewer


def test_list_queries_stay_constant(people, tree, login, django_assert_max_num_queries):
    client = login(people.nganh_admin)
    client.get(url("member_list"))
    with django_assert_max_num_queries(14) as few:
        client.get(url("member_list"))
    for _ in range(60):
        MemberFactory(org=tree.bvdk_group)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("member_list"))
    assert len(listed(response)) == 50
    assert "63 members found" in response.content.decode()


def test_member_role_is_sent_to_its_own_page(people, login):
    response = login(people.doanvien).get(url("member_list"))
    assert response.status_code == 302
    assert response["Location"] == url("member_detail", people.hong.pk)


def test_user_without_a_role_or_a_member_record_gets_403(login, db):
    assert login(UserFactory(username="nobody")).get(url("member_list")).status_code == 403


# A member's page


def test_member_page_shows_the_data_in_dd_mm_yyyy(people, login):
    people.hong.birth_date = datetime.date(1985, 3, 7)
    people.hong.save()
    response = login(people.bvdk_thidua).get(url("member_detail", people.hong.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "07/03/1985" in html
    assert "No award recorded." in html
    assert url("member_edit", people.hong.pk) in html
    assert "doanvien" in html  # the linked account


def test_member_outside_reach_is_404_for_every_role(people, login):
    bvdk_member = people.hong
    for user in (people.bvnhi_thidua, people.bvnhi_chutich):
        client = login(user)
        for name in ("member_detail", "member_edit", "member_deactivate"):
            assert client.get(url(name, bvdk_member.pk)).status_code == 404
    doanvien = login(people.doanvien)
    assert doanvien.get(url("member_detail", people.nurse.pk)).status_code == 404
    assert doanvien.get(url("member_detail", people.child_doctor.pk)).status_code == 404


def test_member_sees_own_page_without_actions(people, login):
    client = login(people.doanvien)
    response = client.get(url("member_detail", people.hong.pk))
    assert response.status_code == 200
    assert url("member_edit", people.hong.pk) not in response.content.decode()
    assert client.get(url("member_edit", people.hong.pk)).status_code == 403


def test_viewer_reads_members_but_cannot_change_them(people, login):
    client = login(people.ldld)
    assert client.get(url("member_detail", people.hong.pk)).status_code == 200
    assert client.get(url("member_edit", people.hong.pk)).status_code == 403
    assert client.get(url("member_deactivate", people.hong.pk)).status_code == 403
    assert client.get(url("member_create")).status_code == 403


# Add and edit


def test_grassroots_officer_adds_a_member_to_own_union(people, tree, login):
    client = login(people.bvdk_thidua)
    form = client.get(url("member_create") + f"?org={tree.bvdk.pk}").context["form"]
    assert form["org"].value() == tree.bvdk.pk
    response = client.post(
        url("member_create"),
        member_data(
            org=tree.bvdk.pk,
            full_name="Phạm  Văn   An",
            gender="male",
            birth_date="02/09/1990",
            union_joined_on="01/05/2015",
        ),
    )
    member = Member.objects.get(full_name="Phạm Văn An")
    assert response.status_code == 302
    assert response["Location"] == url("member_detail", member.pk)
    assert member.birth_date == datetime.date(1990, 9, 2)
    assert member.org == tree.bvdk


def test_adding_to_another_union_is_refused(people, tree, login):
    client = login(people.bvdk_thidua)
    assert client.get(url("member_create") + f"?org={tree.bvnhi.pk}").status_code == 404
    response = client.post(
        url("member_create"), member_data(org=tree.bvnhi.pk, full_name="Lạ Mặt", gender="male")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["org"]
    assert not Member.objects.filter(full_name="Lạ Mặt").exists()


def test_invalid_dates_are_shown_on_the_fields(people, tree, login):
    response = login(people.bvdk_thidua).post(
        url("member_create"),
        member_data(
            org=tree.bvdk.pk, full_name="Sai Ngày", gender="female", birth_date="31/02/1990"
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["birth_date"]
    future = (datetime.date.today() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    response = login(people.bvdk_thidua).post(
        url("member_create"),
        member_data(org=tree.bvdk.pk, full_name="Sai Ngày", gender="female", birth_date=future),
    )
    assert "in the future" in str(response.context["form"].errors["birth_date"])
    assert not Member.objects.filter(full_name="Sai Ngày").exists()


def test_save_and_add_another_returns_to_the_form_for_the_same_unit(people, tree, login):
    response = login(people.bvdk_thidua).post(
        url("member_create"),
        member_data(org=tree.bvdk_group.pk, full_name="Ngô Thị Lan", gender="female")
        | {"add_another": "1"},
    )
    assert response["Location"] == url("member_create") + f"?org={tree.bvdk_group.pk}"


def test_grassroots_officer_edits_own_members_only(people, login):
    client = login(people.bvdk_thidua)
    response = client.post(
        url("member_edit", people.nurse.pk),
        member_data(people.nurse, job_title="Điều dưỡng trưởng"),
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=people.nurse.pk).job_title == "Điều dưỡng trưởng"
    other = client.post(
        url("member_edit", people.child_doctor.pk), member_data(people.child_doctor, job_title="X")
    )
    assert other.status_code == 404
    assert Member.objects.get(pk=people.child_doctor.pk).job_title != "X"


def test_stale_member_edit_is_refused(people, login):
    client = login(people.bvdk_thidua)
    stale = member_data(people.nurse, job_title="Bản cũ")
    services.update_member(people.nurse, by=people.nganh_admin, job_title="Bản mới")
    response = client.post(url("member_edit", people.nurse.pk), stale)
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert Member.objects.get(pk=people.nurse.pk).job_title == "Bản mới"


# Departure


def test_departure_is_recorded_with_its_date(people, login):
    client = login(people.bvdk_thidua)
    assert client.get(url("member_deactivate", people.nurse.pk)).status_code == 200
    response = client.post(
        url("member_deactivate", people.nurse.pk), {"left_on": "15/01/2026", "version": 1}
    )
    assert response.status_code == 302
    member = Member.objects.get(pk=people.nurse.pk)
    assert not member.active
    assert member.left_on == datetime.date(2026, 1, 15)
    assert "15/01/2026" in client.get(url("member_detail", member.pk)).content.decode()


def test_departure_with_a_bad_date_changes_nothing(people, login):
    client = login(people.bvdk_thidua)
    for left_on in ("31/02/2026", "hôm qua", "01/01/2000"):
        response = client.post(
            url("member_deactivate", people.nurse.pk), {"left_on": left_on, "version": 1}
        )
        assert response.status_code == 200
        assert response.context["form"].errors
    assert Member.objects.get(pk=people.nurse.pk).active
