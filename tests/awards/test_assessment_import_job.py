"""A yearly assessment file of more than ``IMPORT_BACKGROUND_ROWS`` rows becomes a job."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.awards.test_assessment_pages import _xlsx
from thidua.awards import services as award_services
from thidua.awards.models import MemberYearAssessment
from thidua.core import jobs
from thidua.core.models import AuditEntry, Job

YEAR = 2025
URL = reverse("awards:assessment_import")
ROWS = [
    ["DV001", None, "Nguyen Thi Hong", "Hoàn thành xuất sắc nhiệm vụ", 45, 40],
    ["DV002", "BVDK-KN", None, "hoàn thành tốt nhiệm vụ", None, None],
]


@pytest.fixture(autouse=True)
def _background(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    settings.IMPORT_BACKGROUND_ROWS = 1


@pytest.fixture
def coded(people):
    people.hong.code, people.nurse.code = "DV001", "DV002"
    people.hong.save()
    people.nurse.save()
    return people.hong, people.nurse


def client_of(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def post(client, org, rows):
    upload = SimpleUploadedFile("danh-gia.xlsx", _xlsx(rows).getvalue())
    return client.post(URL, {"org": org.pk, "year": YEAR, "file": upload})


def test_a_large_file_runs_as_a_job_with_the_counts(people, tree, coded):
    MemberYearAssessment.objects.create(member=people.nurse, year=YEAR, task_rating="completed")
    client = client_of(people.bvdk_thidua)

    response = post(client, tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.kind == "assessments_import" and job.org_path == tree.bvdk.path
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {
        "created": 1,
        "updated": 1,
        "redirect": f"{reverse('awards:assessments')}?org={tree.bvdk.pk}&year={YEAR}",
    }
    assert not job.input_file
    saved = {a.member_id: a.task_rating for a in MemberYearAssessment.objects.filter(year=YEAR)}
    assert saved == {people.hong.pk: "excellent", people.nurse.pk: "good"}
    page = client.get(response["Location"])
    assert "Thêm mới: <strong>1</strong>" in page.content.decode()


def test_the_job_records_the_rows_done_out_of_the_total(people, tree, coded, monkeypatch):
    calls = []
    original = jobs.set_progress

    def spy(job_id, done, total=None):
        calls.append((done, total))
        original(job_id, done, total)

    monkeypatch.setattr(jobs, "set_progress", spy)
    monkeypatch.setattr("thidua.core.import_jobs.PROGRESS_EVERY", 1)

    post(client_of(people.bvdk_thidua), tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert calls[0] == (0, 4)
    assert (2, 4) in calls and (3, 4) in calls
    assert calls[-1] == (4, 4)
    assert job.done == job.total == 4


def test_row_errors_end_the_job_as_failed_in_vietnamese(people, tree, coded):
    rows = [*ROWS, ["DV999", None, None, "Hoàn thành nhiệm vụ", None, None]]

    post(client_of(people.bvdk_thidua), tree.bvdk, rows)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert job.status == Job.Status.FAILED
    assert job.errors == [
        {
            "row": 4,
            "field": "Mã đoàn viên",
            "message": "Không có đoàn viên đang sinh hoạt nào của đơn vị có mã này.",
        }
    ]
    assert not MemberYearAssessment.objects.exists()


def test_an_error_in_the_middle_ends_the_job_as_failed_and_writes_nothing(
    people, tree, coded, monkeypatch
):
    original, calls = award_services.record_assessment, []

    def record(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return original(**kwargs)

    monkeypatch.setattr(award_services, "record_assessment", record)

    response = post(client_of(people.bvdk_thidua), tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert response.status_code == 302
    assert len(calls) == 2
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["message"] == "Nhập tệp bị lỗi ngoài dự kiến; chưa lưu gì."
    assert not MemberYearAssessment.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


def test_another_unit_cannot_start_the_import_nor_see_its_job(people, tree, coded):
    other = client_of(people.bvnhi_thidua)

    assert post(other, tree.bvdk, ROWS).status_code == 404
    assert not Job.objects.exists()
    post(client_of(people.bvdk_thidua), tree.bvdk, ROWS)
    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert other.get(reverse("core:job_detail", args=[job.pk])).status_code == 404
    assert client_of(people.doanvien).get(URL).status_code == 403


def test_a_small_file_is_still_imported_in_the_request(people, tree, coded, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2000

    response = post(client_of(people.bvdk_thidua), tree.bvdk, ROWS)

    assert response.status_code == 302
    assert not Job.objects.exists()
    assert MemberYearAssessment.objects.filter(year=YEAR).count() == 2
