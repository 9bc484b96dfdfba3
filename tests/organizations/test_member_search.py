"""Member name search: whole words in any order, without case or diacritics, in Vietnamese order.

The same results on every database; on PostgreSQL through the word index that triggers keep
equal to the member table (``organizations.name_index``).
"""

import pytest
from django.db import connection

from tests.factories import MemberFactory, make_org
from thidua.core.text import name_sort_key, search_key
from thidua.organizations import name_index
from thidua.organizations.models import Member, MemberNameWord, OrgUnit

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the word index exists on PostgreSQL only"
)


@pytest.fixture
def people(db):
    unit = make_org(code="BVA")
    other = make_org(code="BVB")
    names = [
        "Nguyễn Thị Hồng",
        "Trần Văn Minh",
        "Trần Minh Tuấn",
        "Lê Thị Hồng Nhung",
        "Nguyễn Văn An",
        "Phạm Thị Lan",
        "Hoàng Thanh",
    ]
    members = {name: MemberFactory(org=unit, full_name=name) for name in names}
    members["Trần Thị Minh"] = MemberFactory(org=other, full_name="Trần Thị Minh")
    return members


def unit(code):
    return OrgUnit.objects.get(code=code)


def found(text, queryset=None):
    queryset = Member.objects.all() if queryset is None else queryset
    return [m.full_name for m in queryset.search(text).in_vietnamese_order()]


def test_every_word_must_be_a_whole_word_of_the_name_in_any_order(people):
    assert found("tran minh") == ["Trần Thị Minh", "Trần Văn Minh", "Trần Minh Tuấn"]
    assert found("MINH tran") == found("tran minh")
    assert found("nguyen hong") == ["Nguyễn Thị Hồng"]
    assert found("Hồng") == ["Nguyễn Thị Hồng", "Lê Thị Hồng Nhung"]


def test_a_part_of_a_word_does_not_match(people):
    assert found("an") == ["Nguyễn Văn An"]  # not Lan, Thanh nor Hoàng
    assert found("hon") == []
    assert found("nguyen thi lan") == []


def test_blank_or_punctuation_only_text_filters_nothing(people):
    assert len(found("   ")) == len(people)
    assert found("%") == []
    assert found("_") == []


def test_results_are_in_vietnamese_order_by_given_name(people):
    assert found("thi") == [
        "Nguyễn Thị Hồng",
        "Phạm Thị Lan",
        "Trần Thị Minh",
        "Lê Thị Hồng Nhung",
    ]


def test_search_combines_with_the_other_filters(people):
    assert found("tran minh", Member.objects.filter(org=unit("BVA"))) == [
        "Trần Văn Minh",
        "Trần Minh Tuấn",
    ]
    assert Member.objects.search("tran minh").count() == 3


def test_a_renamed_member_is_found_by_the_new_name_only(people):
    member = people["Phạm Thị Lan"]
    member.full_name = "Phạm Thị Mai"
    member.save()
    assert found("lan") == []
    assert found("pham mai") == ["Phạm Thị Mai"]


@postgres_only
def test_the_word_index_follows_every_kind_of_write(people):
    def index_rows():
        return sorted(MemberNameWord.objects.values_list("member_id", "word", "org_path", "active"))

    def expected():
        return sorted(
            (m.pk, word, m.org_path, m.active)
            for m in Member.objects.all()
            for word in dict.fromkeys(m.search_key.split())
        )

    assert index_rows() == expected()
    Member.objects.bulk_create([_new_member("Đỗ Văn Bình"), _new_member("Võ Thị Bích")])
    assert index_rows() == expected()
    Member.objects.filter(full_name__startswith="Trần").update(active=False)
    other = unit("BVB")
    Member.objects.filter(full_name="Nguyễn Văn An").update(org=other, org_path=other.path)
    Member.objects.filter(full_name="Võ Thị Bích").update(phone="0900000000")  # not indexed
    assert index_rows() == expected()
    Member.objects.filter(full_name="Hoàng Thanh").delete()
    assert index_rows() == expected()
    assert found("do binh") == ["Đỗ Văn Bình"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_truncating_the_members_empties_the_word_index():
    """Test databases are flushed with TRUNCATE, which fires no delete trigger."""
    MemberFactory(org=make_org(code="BVT"), full_name="Đỗ Văn Bình")
    assert MemberNameWord.objects.count() == 3
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE organizations_member CASCADE")
    assert not MemberNameWord.objects.exists()


def _new_member(name):
    org = unit("BVA")
    return Member(
        org=org,
        org_path=org.path,
        full_name=name,
        gender="male",
        search_key=search_key(name),
        sort_key=name_sort_key(name),
    )


@postgres_only
def test_the_rarest_word_drives_the_search(people, django_assert_max_num_queries):
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {name_index.TABLE}")
    assert name_index.rarest(["thi", "nhung"]) == "nhung"
    assert name_index.rarest(["thi", "tran"]) in {"thi", "tran"}
    with django_assert_max_num_queries(1):
        assert found("thi nhung") == ["Lê Thị Hồng Nhung"]


def test_query_words_are_distinct_and_without_diacritics():
    assert name_index.query_words("  Nguyễn  THỊ nguyen ") == ["nguyen", "thi"]
    assert name_index.query_words(None) == []


def test_the_live_search_counts_at_most_the_search_cap(client, people, monkeypatch):
    from django.urls import reverse

    from tests.factories import UserFactory
    from thidua.accounts.models import RoleAssignment
    from thidua.accounts.roles import Role
    from thidua.organizations.views import members as member_views

    monkeypatch.setattr(member_views, "SEARCH_COUNT_CAP", 2)
    officer = UserFactory(username="bva.thidua")
    RoleAssignment.objects.create(user=officer, role=Role.GRASSROOTS_OFFICER, org=unit("BVA"))
    client.force_login(officer)
    url = reverse("organizations:member_list")
    html = client.get(url, {"q": "thi"}, headers={"HX-Request": "true"}).content.decode()
    assert "Tìm thấy hơn 2 đoàn viên" in html
    one = client.get(url, {"q": "tran minh"}, headers={"HX-Request": "true"}).content.decode()
    assert "hơn" not in one and "Trần Văn Minh" in one
    other = client.get(
        url, {"q": "tran", "org": unit("BVB").pk}, headers={"HX-Request": "true"}
    )  # a unit outside the officer's reach, without the unit picker's own check
    assert other.status_code == 200
    assert "Trần Thị Minh" not in other.content.decode()
