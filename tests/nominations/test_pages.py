"""The nomination pages: who sees what (404 outside reach), and the main actions."""

import pytest
from django.urls import reverse

from tests.factories import verified_login
from tests.nominations.conftest import YEAR, make_member
from thidua.nominations import services


@pytest.fixture
def page_client(client):
    def make(user):
        client.logout()
        return verified_login(client, user)

    return make


@pytest.fixture
def submitted(nominate, bvdk_quota, people):
    return services.submit_nomination(nominate(), by=people.bvdk_chutich)


def test_pages_render_for_the_unit_and_the_sector(page_client, submitted, people):
    for user in (people.bvdk_thidua, people.nganh_thidua, people.ldld, people.hoidong):
        client = page_client(user)
        for name in ("nomination_list", "board", "quota_list"):
            assert client.get(reverse(f"nominations:{name}")).status_code == 200
        detail = client.get(reverse("nominations:nomination_detail", args=[submitted.pk]))
        assert detail.status_code == 200
        assert submitted.member.full_name in detail.content.decode()


def test_another_unit_gets_404(page_client, submitted, people):
    client = page_client(people.bvnhi_chutich)
    for name in ("nomination_detail", "appraise", "return"):
        assert client.get(reverse(f"nominations:{name}", args=[submitted.pk])).status_code == 404
    listing = client.get(reverse("nominations:nomination_list")).content.decode()
    assert submitted.member.full_name not in listing


def test_the_unit_may_not_appraise(page_client, submitted, people):
    client = page_client(people.bvdk_chutich)
    assert client.get(reverse("nominations:appraise", args=[submitted.pk])).status_code == 403


def test_appraise_page_records_the_appraisal(page_client, submitted, people):
    client = page_client(people.nganh_thidua)
    url = reverse("nominations:appraise", args=[submitted.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "version": submitted.version,
            "score_TC1": "55",
            "score_TC2": "30",
            "recommendation": "approve",
            "comment": "Đạt",
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "appraised"


def test_batch_submit_page_refuses_the_ineligible_with_the_reason(
    page_client, nominate, bvdk_quota, people, tree
):
    from tests.nominations.conftest import discipline

    good = nominate(with_dossier=True)
    member = make_member(tree.bvdk)
    discipline(member)
    bad = nominate(member)
    client = page_client(people.bvdk_chutich)
    response = client.post(
        reverse("nominations:submit_batch"), {"nominations": [good.pk, bad.pk]}, follow=True
    )
    text = response.content.decode()
    assert member.full_name in text
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.status, bad.status) == ("submitted", "draft")


def test_bulk_create_and_workplace_award_pages(page_client, award, people, tree):
    members = [make_member(tree.bvdk) for _ in range(2)]
    client = page_client(people.bvdk_thidua)
    url = reverse("nominations:nomination_bulk_create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "org": tree.bvdk.pk,
            "award_type": award.pk,
            "year": YEAR,
            "members": [m.pk for m in members],
        },
    )
    assert response.status_code == 302
    assert award.nominations.count() == 2
    response = client.post(
        reverse("nominations:workplace_award_list"),
        {
            "org": tree.bvdk.pk,
            "member": members[0].pk,
            "period_kind": "month",
            "period_label": "Tháng 1/2026",
            "period_start": "2026-01-01",
            "reason": "Năng suất cao",
            "amount": "500000",
        },
    )
    assert response.status_code == 302
    assert members[0].workplace_awards.count() == 1
