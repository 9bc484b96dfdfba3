"""BVNHI never sees BVDK's report: in the querysets, on the pages and in the API (404)."""

import pytest
from django.urls import reverse

from thidua.reporting.models import Report, ReportingRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(make_round):
    return make_round()


@pytest.fixture
def bvdk_report(round_):
    return round_.reports.get(org__code="BVDK")


def test_querysets_show_each_union_only_its_own_report(round_, people):
    def codes(user):
        return sorted(Report.objects.visible_to(user).values_list("org__code", flat=True))

    assert codes(people.bvnhi_thidua) == ["BVNHI"]
    assert codes(people.bvnhi_chutich) == ["BVNHI"]
    assert codes(people.bvdk_thidua) == ["BVDK"]
    assert codes(people.nganh_thidua) == ["BVDK", "BVNHI"]
    assert codes(people.ldld) == ["BVDK", "BVNHI"]
    assert codes(people.doanvien) == []


def test_the_round_is_seen_by_the_asking_unit_and_the_reporting_units(round_, people):
    for user in (people.nganh_admin, people.kiemtra, people.bvdk_thidua, people.bvnhi_chutich):
        assert ReportingRound.objects.visible_to(user).filter(pk=round_.pk).exists()
    assert not ReportingRound.objects.visible_to(people.doanvien).exists()


def test_report_pages_answer_404_outside_the_unit(client, bvdk_report, people):
    urls = [
        reverse("reporting:report_detail", args=[bvdk_report.pk]),
        reverse("reporting:report_submit", args=[bvdk_report.pk]),
    ]
    for user in (people.bvnhi_thidua, people.bvnhi_chutich, people.doanvien):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert (
            client.post(reverse("reporting:remind_report", args=[bvdk_report.pk])).status_code
            == 404
        )


def test_the_board_lists_only_the_users_own_unit(client, round_, people):
    client.force_login(people.bvnhi_thidua)
    response = client.get(reverse("reporting:round_board", args=[round_.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-unit="BVNHI"' in content and 'data-unit="BVDK"' not in content


def test_api_answers_404_for_another_unions_report(reporting_api, bvdk_report, people):
    api = reporting_api(people.bvnhi_thidua)
    base = f"/api/v1/reports/{bvdk_report.pk}"
    assert api.get(base).status_code == 404
    body = {"content": "x", "figures": {}}
    assert api.post(f"{base}/submit", body).status_code == 404
    assert api.post(f"{base}/accept", {}).status_code == 404
    assert api.post(f"{base}/return", {"reason": "x"}).status_code == 404
    listed = api.get("/api/v1/reports").json()
    assert [r["org_id"] for r in listed["results"]] == [
        bvdk_report.round.reports.get(org__code="BVNHI").org_id
    ]
    detail = api.get(f"/api/v1/reporting-rounds/{bvdk_report.round_id}").json()
    assert [r["org_code"] for r in detail["reports"]] == ["BVNHI"]
    assert detail["counts"]["total"] == 1
