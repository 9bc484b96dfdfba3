"""HTML list pages count at most LIST_COUNT_CAP rows (``core.pagination``): a bounded count query,
"hơn 10.000" beyond the cap, and exactly Django's pagination under it. The API counts exactly."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.api.helpers import ApiClient
from tests.factories import MemberFactory
from tests.movements.conftest import movement_fields
from thidua.accounts.models import ApiToken
from thidua.core.pagination import CappedCount, CappedPaginator, capped_count
from thidua.core.templatetags.lists import capped_count as capped_count_filter
from thidua.movements import services as movement_services
from thidua.movements.models import Pledge
from thidua.organizations.models import Member


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []


@pytest.fixture
def cap(settings):
    settings.LIST_COUNT_CAP = 5
    return 5


def members(n, org):
    MemberFactory.create_batch(n, org=org)
    return Member.objects.order_by("pk")


def test_the_default_cap_is_ten_thousand():
    from django.conf import settings

    assert settings.LIST_COUNT_CAP == 10_000


def test_count_stops_at_the_cap_and_says_so(cap, tree):
    paginator = CappedPaginator(members(8, tree.bvdk), 2)
    assert paginator.count == 5
    assert paginator.count_capped is True
    assert paginator.num_pages == 3
    assert list(paginator.page_range) == [1, 2, 3]


def test_pages_beyond_the_cap_are_not_offered(cap, tree):
    paginator = CappedPaginator(members(8, tree.bvdk), 2)
    last = paginator.get_page(4)
    assert last.number == 3
    assert not last.has_next()
    assert len(last.object_list) == 1
    assert last.end_index() == 5
    assert paginator.get_page("x").number == 1


def test_a_count_exactly_at_the_cap_is_not_capped(cap, tree):
    paginator = CappedPaginator(members(5, tree.bvdk), 2)
    assert paginator.count == 5
    assert paginator.count_capped is False


def test_the_count_query_is_bounded_and_unordered(cap, tree):
    queryset = members(8, tree.bvdk).select_related("org").in_vietnamese_order()
    paginator = CappedPaginator(queryset, 2)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 5
    assert len(queries) == 1
    sql = queries[0]["sql"].upper()
    assert "COUNT(" in sql
    assert "LIMIT 6" in sql
    assert "ORDER BY" not in sql


def test_pages_under_the_cap_are_exactly_djangos(settings, tree):
    settings.LIST_COUNT_CAP = 100
    queryset = members(7, tree.bvdk)
    for per_page, orphans in ((2, 0), (3, 1), (7, 0), (10, 0)):
        ours = CappedPaginator(queryset, per_page, orphans=orphans)
        django = Paginator(queryset, per_page, orphans=orphans)
        assert (ours.count, ours.num_pages) == (django.count, django.num_pages)
        assert ours.count_capped is False
        for number in (1, 2, 3, 99, "x", None):
            mine, theirs = ours.get_page(number), django.get_page(number)
            assert mine.number == theirs.number
            assert list(mine.object_list) == list(theirs.object_list)
            assert (mine.start_index(), mine.end_index()) == (
                theirs.start_index(),
                theirs.end_index(),
            )


def test_an_empty_list_has_one_empty_page(cap, db):
    paginator = CappedPaginator(Member.objects.order_by("pk"), 2)
    assert (paginator.count, paginator.num_pages, paginator.count_capped) == (0, 1, False)
    assert list(paginator.get_page(1).object_list) == []


def test_plain_lists_and_evaluated_querysets_are_capped_too(cap, tree):
    assert CappedPaginator(list(range(8)), 2).count == CappedCount(5, capped=True)
    assert CappedPaginator(list(range(8)), 2).count_capped is True
    assert CappedPaginator(list(range(3)), 2).count_capped is False
    evaluated = members(8, tree.bvdk)
    list(evaluated)
    assert capped_count(evaluated).capped is True
    assert capped_count(evaluated, cap=20) == 8


def test_the_count_reads_as_more_than_the_cap_grouped_in_vietnamese():
    with translation.override("vi"):
        assert capped_count_filter(CappedCount(10_000, capped=True)) == "hơn 10.000"
        assert capped_count_filter(CappedCount(1234)) == "1.234"
    with translation.override("en"):
        assert capped_count_filter(CappedCount(10_000, capped=True)) == "more than 10,000"


def vi_page(client, user, url):
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    return response.content.decode()


def test_member_list_beyond_the_cap_says_more_than(cap, client, people, tree, settings):
    settings.LIST_COUNT_CAP = 3
    MemberFactory.create_batch(2, org=tree.bvnhi)
    html = vi_page(client, people.nganh_admin, reverse("organizations:member_list"))
    assert "Tìm thấy hơn 3 đoàn viên" in html


def test_member_list_last_offered_page_says_to_narrow_the_search(client, people, tree, settings):
    settings.LIST_COUNT_CAP = 100
    MemberFactory.create_batch(120, org=tree.bvnhi)
    url = reverse("organizations:member_list")
    first = vi_page(client, people.nganh_admin, url)
    assert "Tìm thấy hơn 100 đoàn viên" in first
    assert "Trang 1/2+" in first
    last = vi_page(client, people.nganh_admin, url + "?page=9")
    assert "Trang 2/2+" in last
    assert 'data-testid="list-capped"' in last
    assert "Chỉ liệt kê 100 mục đầu tiên" in last


def test_member_list_under_the_cap_reads_as_before(cap, client, people):
    html = vi_page(client, people.nganh_admin, reverse("organizations:member_list"))
    assert "Tìm thấy 3 đoàn viên" in html
    assert "hơn" not in html.split('data-testid="result-count">')[1].split("</p>")[0]


def test_member_list_queries_do_not_grow_with_the_data(client, people, tree, settings):
    settings.LIST_COUNT_CAP = 10
    url = reverse("organizations:member_list")
    client.force_login(people.nganh_admin)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    MemberFactory.create_batch(30, org=tree.bvnhi)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "hơn 10 đoàn viên" in html
    assert len(many) == len(few)
    counts = [
        q["sql"]
        for q in many
        if "COUNT(" in q["sql"].upper() and "organizations_member" in q["sql"]
    ]
    assert counts and all("LIMIT 11" in sql.upper() for sql in counts)


def test_officer_page_bounds_the_member_total(client, people, tree, settings):
    settings.LIST_COUNT_CAP = 2
    MemberFactory(org=tree.bvdk)
    url = reverse("organizations:officer_designate", args=[tree.bvdk.pk])
    with CaptureQueriesContext(connection) as queries:
        html = vi_page(client, people.nganh_admin, url)
    assert "trong số hơn 2 đoàn viên đang" in html
    member_counts = [
        q["sql"]
        for q in queries
        if "COUNT(" in q["sql"].upper() and "organizations_member" in q["sql"]
    ]
    assert member_counts and all("LIMIT 3" in sql.upper() for sql in member_counts)


def test_movement_page_says_more_than_the_cap_of_pledges(client, people, tree, settings):
    movement = movement_services.launch_movement(
        movement_services.create_movement(
            org=tree.sector, by=people.nganh_admin, **movement_fields()
        ),
        by=people.nganh_admin,
    )
    for member in (people.hong, people.nurse, people.child_doctor):
        Pledge.objects.create(movement=movement, org=member.org, member=member, commitments="x")
    url = reverse("movements:movement_detail", args=[movement.pk])
    settings.LIST_COUNT_CAP = 2
    assert "Đã có hơn 2 bản đăng ký thi đua." in vi_page(client, people.nganh_admin, url)
    settings.LIST_COUNT_CAP = 3
    assert "Đã có 3 bản đăng ký thi đua." in vi_page(client, people.nganh_admin, url)


def test_the_api_still_counts_exactly(cap, people, tree):
    MemberFactory.create_batch(5, org=tree.bvnhi)
    _token, raw = ApiToken.issue(people.nganh_admin, name="test")
    body = ApiClient(people.nganh_admin, raw).get("/api/v1/members").json()
    assert body["count"] == 8
