"""News for the publishing unit's subtree, and the library's diacritic-insensitive search."""

import datetime

import pytest
from django.urls import reverse

from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.models import Notification
from thidua.exemplars import services
from thidua.exemplars.models import LibraryDocument, NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(people, tree):
    by = people.nganh_thidua
    return [
        services.add_library_document(
            by=by,
            org=tree.sector,
            title="Luật Thi đua, khen thưởng",
            category="law",
            reference_number="06/2022/QH15",
            issued_on=datetime.date(2022, 6, 15),
            issuer="Quốc hội",
        ),
        services.add_library_document(
            by=by,
            org=tree.sector,
            title="Quy định khen thưởng của tổ chức Công đoàn",
            category="confederation_rule",
            reference_number="999/QĐ-TLĐ",
            issuer="Tổng Liên đoàn Lao động Việt Nam",
        ),
    ]


def test_the_library_search_ignores_diacritics_and_filters_by_category(login, library, people):
    client = login(people.bvdk_thidua)
    content = client.get(reverse("exemplars:library_list"), {"q": "thi dua khen thuong"})
    text = content.content.decode()
    assert "06/2022/QH15" in text and "999/QĐ-TLĐ" not in text
    by_category = client.get(reverse("exemplars:library_list"), {"category": "confederation_rule"})
    assert "999/QĐ-TLĐ" in by_category.content.decode()
    assert LibraryDocument.objects.search("quoc hoi").get() == library[0]


def test_library_entries_are_added_by_the_sector_only(people, tree):
    with pytest.raises(Forbidden):
        services.add_library_document(
            by=people.bvdk_thidua, org=tree.bvdk, title="Quy chế", category="guidance"
        )
    with pytest.raises(InvalidInput):
        services.add_library_document(
            by=people.nganh_thidua, org=tree.sector, title="", category="poem"
        )


def test_the_library_is_hidden_outside_the_publishing_subtree(login, library, people, tree):
    from tests.factories import make_org, user_with_role
    from thidua.accounts.roles import Role
    from thidua.organizations.models import OrgKind

    other = make_org(OrgKind.SECTOR_UNION, tree.ldld, code="CDN-GD", name="CĐN Giáo dục")
    outsider = user_with_role(Role.SECTOR_OFFICER, other, username="gd.thidua")
    url = reverse("exemplars:library_detail", args=[library[0].pk])
    assert login(outsider).get(url).status_code == 404
    assert login(people.doanvien).get(url).status_code == 200


def test_publishing_news_notifies_the_staff_below(people, tree, verified):
    item = services.publish_news(
        by=people.nganh_thidua,
        org=tree.sector,
        title="Tuyên dương điển hình tiên tiến",
        body="Công đoàn ngành biểu dương nữ điều dưỡng tuyến đầu chống dịch.",
        exemplar=verified,
    )
    notified = set(
        Notification.objects.filter(key=f"news-{item.pk}").values_list("user__username", flat=True)
    )
    assert {"bvdk.thidua", "bvnhi.chutich", "nganh.admin"} <= notified
    assert "nganh.thidua" not in notified and "doanvien" not in notified


def test_news_of_a_grassroots_union_stays_in_its_subtree(login, people, tree):
    from tests.factories import grant
    from thidua.accounts.roles import Role

    grant(people.bvdk_chutich, Role.SECTOR_OFFICER, tree.bvdk)
    item = services.publish_news(
        by=people.bvdk_chutich, org=tree.bvdk, title="Tin của BVDK", body="Nội dung"
    )
    url = reverse("exemplars:news_detail", args=[item.pk])
    assert login(people.bvdk_thidua).get(url).status_code == 200
    assert login(people.nganh_admin).get(url).status_code == 200
    assert login(people.bvnhi_thidua).get(url).status_code == 404


def test_the_news_form_publishes_and_a_grassroots_officer_may_not(login, people, tree):
    response = login(people.nganh_admin).post(
        reverse("exemplars:news_create"),
        {"org": tree.sector.pk, "title": "Tin mới", "body": "Nội dung tin"},
    )
    assert response.status_code == 302 and NewsItem.objects.count() == 1
    assert login(people.bvdk_thidua).get(reverse("exemplars:news_create")).status_code == 403
    bad = login(people.nganh_admin).post(
        reverse("exemplars:news_create"), {"org": tree.sector.pk, "title": "", "body": ""}
    )
    assert bad.status_code == 200 and NewsItem.objects.count() == 1
