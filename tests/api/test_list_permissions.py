"""A list that a role may not use at all answers 403 in the API as on its page; a staff role whose
reach holds nothing gets an empty list (200)."""

import pytest
from django.urls import reverse

from tests.api.helpers import API, assert_problem
from tests.factories import make_org, user_with_role
from thidua.accounts.roles import Role
from thidua.organizations.models import OrgKind

pytestmark = pytest.mark.django_db

# Each staff-only list of the API beside the page that lists the same records.
STAFF_LISTS = [
    ("/reporting-rounds", "reporting:round_list"),
    ("/reports", "reporting:round_list"),
    ("/inspections", "oversight:inspection_list"),
    ("/trainings", "oversight:course_list"),
    ("/officers", "organizations:officer_board"),
    ("/decisions", "decisions:decision_list"),
]


@pytest.mark.parametrize(("path", "page"), STAFF_LISTS, ids=[p for p, _ in STAFF_LISTS])
def test_a_member_is_refused_the_staff_lists_as_on_their_pages(
    client, api_client, people, path, page
):
    client.force_login(people.doanvien)
    assert client.get(reverse(page)).status_code == 403
    body = assert_problem(api_client(people.doanvien).get(f"{API}{path}"), 403)
    assert body["detail"] == "Danh sách này chỉ dành cho cán bộ công đoàn."
    english = api_client(people.doanvien, headers={"Accept-Language": "en"}).get(f"{API}{path}")
    assert assert_problem(english, 403)["detail"] == "This list is for union officers."


@pytest.mark.parametrize("path", [p for p, _ in STAFF_LISTS])
def test_a_staff_role_with_nothing_in_reach_gets_an_empty_list(api_client, tree, path):
    union = make_org(parent=tree.sector, name="Công đoàn Trạm Y tế xã")
    group = make_org(kind=OrgKind.UNION_GROUP, parent=union, name="Tổ công đoàn Dược")
    viewer = user_with_role(Role.VIEWER, group, username="xem.to.duoc")
    response = api_client(viewer).get(f"{API}{path}")
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 0
