"""The optional clamd scan of uploads, against a fake clamd on a real socket."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT
from django.utils import translation

from tests.api.helpers import ApiClient, assert_problem
from tests.documents import samples
from tests.privacy.fake_clamd import EICAR, FakeClamd, free_tcp_address
from thidua.accounts.models import ApiToken
from thidua.core.exceptions import InvalidInput
from thidua.documents import antivirus, services
from thidua.documents.models import Document, StoredFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(people):
    def make(data, name="tai-lieu.pdf"):
        return services.create_document(
            org=people.bvdk_thidua.home_org,
            by=people.bvdk_thidua,
            doc_type="KH",
            title="Kế hoạch thi đua",
            data=data,
            file_name=name,
        )

    return make


def infected_png():
    return samples.png_bytes() + EICAR


def test_clean_file_is_scanned_and_stored(settings, upload):
    data = samples.pdf_bytes("Kế hoạch")
    with FakeClamd() as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        document = upload(data)
    assert clamd.received == data
    assert document.file is not None


def test_large_file_is_streamed_in_chunks(settings, upload):
    data = samples.png_bytes() + b"\0" * (3 * antivirus.CHUNK_BYTES + 17)
    with FakeClamd() as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        upload(data, "anh.png")
    assert clamd.received == data


def test_infected_file_is_refused_naming_the_signature(settings, upload):
    with FakeClamd() as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        with translation.override("vi"), pytest.raises(InvalidInput) as exc:
            upload(infected_png(), "anh.png")
    assert str(exc.value.detail) == ("Tệp có chứa virus (Eicar-Test-Signature) và đã bị từ chối.")
    assert exc.value.errors[0]["field"] == "file"
    assert not Document.objects.exists()
    assert not StoredFile.objects.exists()


def test_unix_socket_address_is_supported(settings, upload, tmp_path):
    with FakeClamd(unix_path=tmp_path / "clamd.ctl") as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        with pytest.raises(InvalidInput):
            upload(infected_png(), "anh.png")
    assert clamd.received.endswith(EICAR)


def test_unreachable_scanner_refuses_when_required(settings, upload):
    settings.CLAMD_ADDRESS = free_tcp_address()
    settings.CLAMD_REQUIRED = True
    with translation.override("en"), pytest.raises(InvalidInput) as exc:
        upload(samples.pdf_bytes("Kế hoạch"))
    assert "antivirus scanner cannot be reached" in str(exc.value.detail)
    assert not Document.objects.exists()


def test_unreachable_scanner_accepts_with_a_warning_when_optional(settings, upload, caplog):
    settings.CLAMD_ADDRESS = free_tcp_address()
    settings.CLAMD_REQUIRED = False
    with caplog.at_level(logging.WARNING, logger="thidua.documents.antivirus"):
        upload(samples.pdf_bytes("Kế hoạch"))
    assert Document.objects.count() == 1
    assert "upload accepted without a scan" in caplog.text


def test_silent_scanner_times_out_and_refuses_when_required(settings, upload):
    settings.CLAMD_TIMEOUT = 0.3
    settings.CLAMD_REQUIRED = True
    with FakeClamd(silent=True) as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        with pytest.raises(InvalidInput):
            upload(samples.pdf_bytes("Kế hoạch"))
    assert not Document.objects.exists()


def test_scanner_error_answer_counts_as_unavailable(settings, upload):
    settings.CLAMD_REQUIRED = True
    with FakeClamd(answer="INSTREAM size limit exceeded. ERROR") as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        with pytest.raises(InvalidInput):
            upload(samples.pdf_bytes("Kế hoạch"))
        settings.CLAMD_REQUIRED = False
        upload(samples.pdf_bytes("Kế hoạch"))
    assert Document.objects.count() == 1


def test_without_an_address_nothing_is_scanned(settings, upload):
    settings.CLAMD_ADDRESS = ""
    settings.CLAMD_REQUIRED = True
    upload(infected_png(), "anh.png")
    assert Document.objects.count() == 1


def test_api_upload_of_an_infected_file_is_a_422_problem(settings, people):
    _token, raw = ApiToken.issue(people.bvdk_thidua, name="test")
    client = ApiClient(user=people.bvdk_thidua, token=raw)
    with FakeClamd() as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        response = client.post(
            "/api/v1/documents",
            {
                "file": SimpleUploadedFile("anh.png", infected_png()),
                "title": "Ảnh hoạt động",
                "doc_type": "KH",
            },
            content_type=MULTIPART_CONTENT,
        )
    body = assert_problem(response, 422, field="file")
    assert "Eicar-Test-Signature" in body["detail"]
    assert not Document.objects.exists()
