"""An award history file above ``IMPORT_BACKGROUND_ROWS`` rows is imported as a background job."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.awards.test_history_import import _xlsx
from tests.factories import MemberFactory
from thidua.awards.models import AwardRecord
from thidua.core import jobs
from thidua.core.models import AuditEntry, Job

URL = reverse("awards:history_import")
ROWS = [
    ["DV001", None, "Nguyễn Văn An", 2024, "LDTT", None, "05/QĐ-BVĐK", "15/01/2025", "BV"],
    ["DV002", None, None, 2023, None, "Giấy khen của Sở Y tế", "12/QĐ-SYT", None, "SYT"],
]


@pytest.fixture(autouse=True)
def _background(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    settings.IMPORT_BACKGROUND_ROWS = 1


@pytest.fixture
def coded(tree):
    return (
        MemberFactory(org=tree.bvdk, code="DV001", full_name="Nguyễn Văn An"),
        MemberFactory(org=tree.bvdk_group, code="DV002", full_name="Trần Thị Bích"),
    )


def client_of(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def post(client, org, rows):
    upload = SimpleUploadedFile("khen-thuong.xlsx", _xlsx(rows).getvalue())
    return client.post(URL, {"org": org.pk, "file": upload})


def test_a_large_file_runs_as_a_job_with_the_counts(people, tree, coded):
    client = client_of(people.bvdk_thidua)

    response = post(client, tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.kind == "award_history_import" and job.org_path == tree.bvdk.path
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"created": 2, "redirect": f"{URL}?org={tree.bvdk.pk}"}
    assert not job.input_file
    assert AwardRecord.objects.filter(member__in=coded).count() == 2
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count() == 1
    page = client.get(response["Location"])
    assert "Thêm mới: <strong>2</strong>" in page.content.decode()


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
    assert (2, 4) in calls  # the rows are read, none written yet
    assert calls[-1] == (4, 4)
    assert job.done == job.total == 4


def test_row_errors_end_the_job_as_failed_in_vietnamese(people, tree, coded):
    rows = [*ROWS, ["DV999", None, None, 2024, "LDTT", None, None, None, None]]

    post(client_of(people.bvdk_thidua), tree.bvdk, rows)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert job.status == Job.Status.FAILED
    assert job.errors == [
        {
            "row": 4,
            "field": "Mã đoàn viên",
            "message": "Không có đoàn viên nào của đơn vị có mã này.",
        }
    ]
    assert not AwardRecord.objects.exists()


def test_an_error_in_the_middle_ends_the_job_as_failed_and_writes_nothing(
    people, tree, coded, monkeypatch
):
    original, calls = AwardRecord.save, []

    def save(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AwardRecord, "save", save)

    response = post(client_of(people.bvdk_thidua), tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert response.status_code == 302
    assert len(calls) == 2
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["message"] == "Nhập tệp bị lỗi ngoài dự kiến; chưa lưu gì."
    assert not AwardRecord.objects.exists()
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
    assert response["Location"] == f"{URL}?org={tree.bvdk.pk}"
    assert not Job.objects.exists()
    assert AwardRecord.objects.count() == 2
