"""The decision pages: list, new decision, decision page, downloads, revocation form, the
member's self-service, and what each role must not see."""

import datetime
import io

import pytest
from django.test import Client
from pypdf import PdfReader

from tests.factories import verified_login
from thidua.decisions.models import Decision, Revocation

from .conftest import approved

pytestmark = pytest.mark.django_db


def client_for(user):
    return verified_login(Client(), user)


@pytest.fixture
def decision(issue, sector_nominations):
    return issue(sector_nominations)


def test_new_decision_page_issues_a_numbered_decision(people, sector_nominations):
    client = client_for(people.nganh_admin)
    page = client.get("/decisions/new/")
    assert page.status_code == 200
    assert "Nguyễn Thị Hồng" in page.content.decode()
    response = client.post(
        "/decisions/new/",
        {
            "nominations": [n.pk for n in sector_nominations],
            "signed_on": "20/12/2025",
            "signer_name": "Đàm Đức Chính",
            "signer_title": "Chủ tịch",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/decisions/{decision.pk}/"
    detail = client.get(response["Location"])
    text = detail.content.decode()
    assert "01/QĐ-CĐN" in text
    assert "1.420.000" in text or "1,420,000" in text
    assert "Một triệu bốn trăm hai mươi nghìn đồng" in text


def test_new_decision_form_shows_errors_and_changes_nothing(people, sector_nominations):
    client = client_for(people.nganh_admin)
    response = client.post(
        "/decisions/new/",
        {"nominations": [], "signed_on": "xx", "signer_name": "", "signer_title": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Decision.objects.exists()


def test_new_decision_page_is_refused_to_non_deciders(people):
    for username in ("nganh.thidua", "bvdk.thidua", "doanvien", "ldld"):
        assert client_for(people.users[username]).get("/decisions/new/").status_code == 403


def test_decision_downloads(people, decision):
    client = client_for(people.nganh_admin)
    pdf = client.get(f"/decisions/{decision.pk}/document.pdf")
    assert pdf.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Căn cứ" in text and "Bằng chữ" in text
    assert client.get(f"/decisions/{decision.pk}/document.docx").content.startswith(b"PK")
    batch = client.get(f"/decisions/{decision.pk}/certificates.pdf")
    assert len(PdfReader(io.BytesIO(batch.content)).pages) == 2
    certificate = decision.items.first().certificate
    one = client.get(f"/decisions/certificates/{certificate.pk}/pdf/")
    page = PdfReader(io.BytesIO(one.content)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    assert certificate.code in page.extract_text()


def test_visibility_of_decision_pages(people, decision):
    assert client_for(people.bvnhi_chutich).get(f"/decisions/{decision.pk}/").status_code == 404
    assert (
        client_for(people.bvnhi_thidua).get(f"/decisions/{decision.pk}/document.pdf").status_code
        == 404
    )
    assert client_for(people.bvdk_thidua).get(f"/decisions/{decision.pk}/").status_code == 200
    assert client_for(people.doanvien).get(f"/decisions/{decision.pk}/").status_code == 404
    listing = client_for(people.bvnhi_chutich).get("/decisions/")
    assert decision.number_symbol not in listing.content.decode()


def test_revoke_form(people, decision):
    item = decision.items.first()
    url = f"/decisions/{decision.pk}/items/{item.pk}/revoke/"
    assert client_for(people.nganh_thidua).get(url).status_code == 403
    assert client_for(people.bvnhi_chutich).get(url).status_code == 404
    client = client_for(people.nganh_admin)
    bad = client.post(
        url,
        {
            "reason": "other",
            "detail": "",
            "revocation_number": "12/QĐ-CĐN",
            "revoked_on": datetime.date.today().strftime("%d/%m/%Y"),
        },
    )
    assert bad.status_code == 200 and "detail" in bad.context["form"].errors
    good = client.post(
        url,
        {
            "reason": "forged_dossier",
            "revocation_number": "12/QĐ-CĐN",
            "revoked_on": datetime.date.today().strftime("%d/%m/%Y"),
        },
    )
    assert good.status_code == 302
    assert Revocation.objects.get().item == item


def test_member_sees_own_awards_and_certificates(people, decision, tree):
    approved(people.hong, org=tree.bvdk, award="LDTT", status="submitted")
    client = client_for(people.doanvien)
    page = client.get("/decisions/mine/")
    assert page.status_code == 200
    assert len(page.context["records"]) == 1
    assert [c.item.member for c in page.context["certificates"]] == [people.hong]
    own = decision.items.get(member=people.hong).certificate
    other = decision.items.get(member=people.nurse).certificate
    assert client.get(f"/decisions/certificates/{own.pk}/pdf/").status_code == 200
    assert client.get(f"/decisions/certificates/{other.pk}/pdf/").status_code == 404


def test_member_page_for_a_user_without_member(people):
    page = client_for(people.nganh_admin).get("/decisions/mine/")
    assert page.status_code == 200 and page.context["member"] is None


def test_list_requires_login():
    response = Client().get("/decisions/")
    assert response.status_code == 302


def _signed_scan():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, "Quyet dinh da ky")
    document.save()
    return buffer.getvalue()


def test_upload_of_the_signed_pdf_replaces_the_decision_file(people, decision):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = decision.document.file_id
    url = f"/decisions/{decision.pk}/signed/"
    refused = client_for(people.nganh_thidua).post(
        url, {"file": SimpleUploadedFile("qd.pdf", _signed_scan(), "application/pdf")}
    )
    assert refused.status_code == 403
    decision.document.refresh_from_db()
    assert decision.document.file_id == before
    response = client_for(people.nganh_admin).post(
        url, {"file": SimpleUploadedFile("qd-da-ky.pdf", _signed_scan(), "application/pdf")}
    )
    assert response.status_code == 302
    decision.document.refresh_from_db()
    assert decision.document.file_id != before
    assert decision.document.file_name == "qd-da-ky.pdf"


def test_signing_without_a_unit_certificate_says_why(people, decision):
    client = client_for(people.nganh_admin)
    response = client.post(f"/decisions/{decision.pk}/sign/", follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])


def test_signing_is_refused_to_a_reader_who_may_not_sign(people, decision):
    client = client_for(people.nganh_thidua)
    assert client.get(f"/decisions/{decision.pk}/").status_code == 200
    before = decision.document.file_id
    assert client.post(f"/decisions/{decision.pk}/sign/").status_code == 403
    decision.document.refresh_from_db()
    assert decision.document.file_id == before


def test_start_page_panels(people, decision, sector_nominations):
    from django.urls import reverse

    member_panels = client_for(people.doanvien).get(reverse("core:home")).context["panels"]
    assert any(item.url == "/decisions/mine/" for p in member_panels for item in p.items)
    other = approved(people.child_doctor, org=people.child_doctor.org)
    admin_panels = client_for(people.nganh_admin).get(reverse("core:home")).context["panels"]
    waiting = [i for p in admin_panels for i in p.items if "/decisions/new/" in i.url]
    assert len(waiting) == 1 and other.pk
