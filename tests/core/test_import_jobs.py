"""What the imports built on ``core.import_jobs`` share: the upload check, the inline import's
failures, and the job of an owner who left. Driven through the yearly assessment import."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.awards.test_assessment_pages import _xlsx
from thidua.awards import imports as award_imports
from thidua.awards.models import MemberYearAssessment
from thidua.awards.tasks import run_assessment_import
from thidua.core.jobs import create_job
from thidua.core.models import Job

URL = reverse("awards:assessment_import")
ROWS = [["DV001", None, None, "Hoàn thành tốt nhiệm vụ", None, None]]


@pytest.fixture(autouse=True)
def _setup(settings, people):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    people.hong.code = "DV001"
    people.hong.save()


@pytest.fixture
def officer(people):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(people.bvdk_thidua)
    return client


def post(client, tree, data, name="danh-gia.xlsx"):
    upload = SimpleUploadedFile(name, data)
    return client.post(URL, {"org": tree.bvdk.pk, "year": 2025, "file": upload})


def zip_with(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Ma doan vien;Xep loai\nDV001;Tot\n", "Tệp không phải là bảng tính Excel (.xlsx)"),
        (zip_with("word/document.xml"), "Tệp không phải là bảng tính Excel (.xlsx)"),
        (b"PK\x03\x04 damaged", "Tệp bị hỏng, không đọc được."),
    ],
    ids=["csv named xlsx", "docx named xlsx", "damaged zip"],
)
def test_an_upload_whose_content_is_not_xlsx_is_refused_on_the_form(
    officer, tree, content, message
):
    response = post(officer, tree, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Job.objects.exists()
    assert not MemberYearAssessment.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(officer, tree, monkeypatch):
    monkeypatch.setattr("thidua.core.import_jobs.MAX_UPLOAD_BYTES", 1024 * 1024)

    response = post(officer, tree, b"PK\x03\x04" + b"0" * (1024 * 1024))

    assert "Tệp lớn hơn 1 MB." in response.content.decode()
    assert not Job.objects.exists()


def test_an_unexpected_error_in_the_request_shows_a_message_not_a_server_error(
    officer, tree, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(award_imports, "import_assessments", broken)

    response = post(officer, tree, _xlsx(ROWS).getvalue())

    assert response.status_code == 200
    assert "Nhập tệp bị lỗi ngoài dự kiến; chưa lưu gì." in response.content.decode()
    assert not MemberYearAssessment.objects.exists()


def test_a_lost_database_in_the_request_answers_the_try_again_page(officer, tree, monkeypatch):
    def gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(award_imports, "import_assessments", gone)

    response = post(officer, tree, _xlsx(ROWS).getvalue())

    assert response.status_code == 503


def test_a_job_whose_owner_was_deactivated_fails_and_drops_the_upload(people, tree):
    job = create_job("assessments_import", "Nhập", by=people.bvdk_thidua)
    job.input_file.save("danh-gia.xlsx", ContentFile(_xlsx(ROWS).getvalue()))
    people.bvdk_thidua.is_active = False
    people.bvdk_thidua.save()

    run_assessment_import.call(job.pk, tree.bvdk.pk, 2025, "vi")

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["message"] == "Tài khoản khởi tạo tác vụ này không còn hoạt động."
    assert not job.input_file
    assert not MemberYearAssessment.objects.exists()


def test_a_job_whose_owner_lost_the_role_fails_with_the_refusal(people, tree):
    job = create_job("assessments_import", "Nhập", by=people.bvdk_thidua)
    job.input_file.save("danh-gia.xlsx", ContentFile(_xlsx(ROWS).getvalue()))
    people.bvdk_thidua.roles.all().delete()

    run_assessment_import.call(job.pk, tree.bvdk.pk, 2025, "vi")

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.errors == [
        {"row": 0, "field": "file", "message": "Bạn không có quyền thực hiện thao tác này."}
    ]
    assert not job.input_file
    assert not MemberYearAssessment.objects.exists()
