import io

import pytest
from openpyxl import load_workbook

from tests.dashboard.records import award
from tests.factories import MemberFactory, verified_login
from thidua.core.models import Job
from thidua.dashboard.fairness import fairness_warnings

YEAR = 2026


@pytest.fixture
def awards(tree):
    for _ in range(5):
        award(MemberFactory(org=tree.bvdk, is_manager=True, is_direct_worker=False, gender="male"))
    for _ in range(10):
        MemberFactory(org=tree.bvdk, is_direct_worker=True, is_manager=False, gender="female")


def _get(client, user, url):
    return verified_login(client, user).get(url)


def test_dashboard_numbers_equal_the_kpis_endpoint(client, api_client, tree, people, awards):
    kpis = api_client(people.nganh_admin).get(f"/api/v1/kpis?year={YEAR}&org={tree.bvdk.pk}")
    kpis = kpis.json()
    page = _get(client, people.nganh_admin, f"/dashboard/?org={tree.bvdk.pk}&year={YEAR}")
    assert page.status_code == 200
    targets = {t["key"]: t for t in page.context["targets"]}
    for key in ("plans_submitted", "movements_reviewed", "officers_trained"):
        assert targets[key]["ratio"] == kpis[key]
    nominations = targets["direct_worker_nominations"]["nominations"]
    assert {k: nominations[k] for k in ("proposed", "quota", "share")} == (
        kpis["direct_worker_nominations"]
    )
    assert page.context["reports"] == kpis["reports_on_time"]
    assert page.content.count(b"<svg") == 6


def test_grassroots_users_do_not_see_another_union(client, tree, people):
    assert _get(client, people.bvnhi_thidua, f"/dashboard/?org={tree.bvdk.pk}").status_code == 404
    url = f"/dashboard/statistics/?org={tree.sector.pk}"
    assert _get(client, people.bvnhi_chutich, url).status_code == 404
    assert _get(client, people.bvnhi_thidua, "/dashboard/?org=x").status_code == 404


def test_members_are_refused(client, people):
    assert _get(client, people.doanvien, "/dashboard/").status_code == 403
    assert _get(client, people.doanvien, "/dashboard/statistics/").status_code == 403


def test_fairness_panel_for_sector_roles_only(client, tree, people, awards):
    page = _get(client, people.nganh_thidua, f"/dashboard/?org={tree.sector.pk}&year={YEAR}")
    codes = {w["code"] for w in page.context["warnings"]}
    assert "managers_over_represented" in codes
    page = _get(client, people.bvdk_thidua, f"/dashboard/?year={YEAR}")
    assert page.context["warnings"] is None


def test_fairness_warnings_follow_the_thresholds(settings, tree, awards):
    warning = next(
        w for w in fairness_warnings(YEAR, tree.sector) if w["code"] == "managers_over_represented"
    )
    assert warning["org_id"] == tree.bvdk.pk
    assert warning["figures"] == {"award_share": 1.0, "member_share": 0.3333, "awards": 5}
    settings.FAIRNESS_MANAGER_GAP = 0.7
    settings.FAIRNESS_GENDER_GAP = 0.7
    codes = {w["code"] for w in fairness_warnings(YEAR, tree.sector)}
    assert "managers_over_represented" not in codes
    settings.FAIRNESS_MIN_AWARDS = 6
    settings.FAIRNESS_DIRECT_WORKER_GAP = 0.0
    assert fairness_warnings(YEAR, tree.sector) == []


def test_table_export_has_title_rows_and_vietnamese_headers(client, tree, people, awards):
    url = f"/dashboard/statistics/worker.xlsx?org={tree.bvdk.pk}&year={YEAR}"
    response = _get(client, people.bvdk_thidua, url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert tree.bvdk.name in rows[1][0] and "2026" in rows[2][0]
    assert rows[5][:3] == ("Nhóm", "Số lượt khen thưởng", "Số tiền thưởng (đồng)")
    assert rows[-1][1] == 5


def test_large_award_export_runs_as_a_job_with_progress(settings, client, tree, people, awards):
    settings.EXPORT_BACKGROUND_ROWS = 2
    url = f"/dashboard/statistics/awards.xlsx?org={tree.bvdk.pk}&year={YEAR}"
    response = _get(client, people.bvdk_thidua, url)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{job.pk}/")
    assert (job.status, job.total, job.done) == (Job.Status.SUCCEEDED, 5, 5)
    rows = list(load_workbook(job.output_file.open("rb")).active.iter_rows(values_only=True))
    assert rows[5][0] == "Cá nhân / tập thể" and len(rows) == 11


def test_statistics_page_shows_every_table(client, tree, people, awards):
    page = _get(client, people.nganh_admin, f"/dashboard/statistics/?year={YEAR}")
    assert page.status_code == 200
    assert b'data-testid="table-age_band"' in page.content
