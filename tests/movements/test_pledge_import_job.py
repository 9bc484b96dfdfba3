"""A pledge file above ``IMPORT_BACKGROUND_ROWS`` rows is imported as a background job."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import MemberFactory
from tests.movements.test_pledges import workbook
from thidua.core import jobs
from thidua.core.models import AuditEntry, Job
from thidua.movements.models import Pledge

ROWS = [
    ["", "Tập thể", "Đạt danh hiệu Tập thể lao động xuất sắc"],
    ["BV0099", "", "Hoàn thành xuất sắc nhiệm vụ"],
    ["", "nguyen thi hong", "Một sáng kiến"],
]


@pytest.fixture(autouse=True)
def _background(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    settings.IMPORT_BACKGROUND_ROWS = 1


@pytest.fixture
def member(tree):
    return MemberFactory(org=tree.bvdk, code="BV0099", full_name="Lâm Văn Tâm")


def client_of(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def post(client, movement, org, rows):
    upload = SimpleUploadedFile("dang-ky.xlsx", workbook(rows).getvalue())
    url = reverse("movements:pledge_import", args=[movement.pk, org.pk])
    return client.post(url, {"file": upload})


def test_a_large_file_runs_as_a_job_with_the_counts(launched, people, tree, member):
    Pledge.objects.create(movement=launched, org=tree.bvdk, member=None, commitments="Cũ")
    client = client_of(people.bvdk_thidua)

    response = post(client, launched, tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.kind == "pledges_import" and job.org_path == tree.bvdk.path
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {
        "created": 2,
        "updated": 1,
        "redirect": reverse("movements:pledge_entry", args=[launched.pk, tree.bvdk.pk]),
    }
    assert not job.input_file  # the upload is not kept
    assert Pledge.objects.get(member=member).commitments == "Hoàn thành xuất sắc nhiệm vụ"
    assert Pledge.objects.get(movement=launched, member=None).commitments.startswith("Đạt")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Thêm mới: <strong>2</strong>" in page.content.decode()


def test_the_job_records_the_rows_done_out_of_the_total(
    launched, people, tree, member, monkeypatch
):
    calls = []
    original = jobs.set_progress

    def spy(job_id, done, total=None):
        calls.append((done, total))
        original(job_id, done, total)

    monkeypatch.setattr(jobs, "set_progress", spy)
    monkeypatch.setattr("thidua.core.import_jobs.PROGRESS_EVERY", 1)

    post(client_of(people.bvdk_thidua), launched, tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert calls[0] == (0, 6)
    assert (3, 6) in calls  # the rows are read, none written yet
    assert calls[-1] == (6, 6)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    assert job.done == job.total == 6


def test_row_errors_end_the_job_as_failed_in_vietnamese(launched, people, tree, member):
    rows = [*ROWS, ["XX01", "", "Mã không có"]]

    post(client_of(people.bvdk_thidua), launched, tree.bvdk, rows)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert job.status == Job.Status.FAILED
    assert job.errors == [
        {
            "row": 5,
            "field": "Mã đoàn viên",
            "message": "Không có đoàn viên nào của đơn vị mang mã “XX01”.",
        }
    ]
    assert not job.input_file
    assert not Pledge.objects.exists()


def test_an_error_in_the_middle_ends_the_job_as_failed_and_writes_nothing(
    launched, people, tree, member, monkeypatch
):
    original, calls = Pledge.objects.create, []

    def create(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return original(*args, **kwargs)

    monkeypatch.setattr(Pledge.objects, "create", create)

    response = post(client_of(people.bvdk_thidua), launched, tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert response.status_code == 302
    assert len(calls) == 2
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["message"] == "Nhập tệp bị lỗi ngoài dự kiến; chưa lưu gì."
    assert not Pledge.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="pledge").exists()


def test_a_movement_closed_before_the_job_runs_fails_with_the_reason(
    launched, people, tree, member, monkeypatch
):
    # The page takes the upload; the service refuses it when the job runs.
    monkeypatch.setattr(type(launched), "is_launched", property(lambda movement: False))

    post(client_of(people.bvdk_thidua), launched, tree.bvdk, ROWS)

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["message"] == "Chỉ đăng ký thi đua khi phong trào đang diễn ra."
    assert not Pledge.objects.exists()


def test_another_unit_cannot_start_the_import_nor_see_its_job(launched, people, tree, member):
    other = client_of(people.bvnhi_thidua)

    response = post(other, launched, tree.bvdk, ROWS)

    assert response.status_code in (403, 404)
    assert not Job.objects.exists()
    post(client_of(people.bvdk_thidua), launched, tree.bvdk, ROWS)
    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert other.get(reverse("core:job_detail", args=[job.pk])).status_code == 404


def test_a_small_file_is_still_imported_in_the_request(launched, people, tree, member, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2000

    response = post(client_of(people.bvdk_thidua), launched, tree.bvdk, ROWS)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "movements:pledge_entry", args=[launched.pk, tree.bvdk.pk]
    )
    assert not Job.objects.exists()
    assert Pledge.objects.count() == 3
