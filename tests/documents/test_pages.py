import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.documents import samples
from thidua.documents import services
from thidua.documents.models import Document, DocumentStatus, TrustAnchor


@pytest.fixture
def bvdk_document(people, make_document):
    return make_document(
        title="Báo cáo BVDK", data=samples.pdf_bytes("Bao cao"), file_name="Báo cáo.pdf"
    )


def login(client, user):
    client.force_login(user)
    return client


def test_download_streams_the_file_under_its_original_name(client, people, bvdk_document):
    response = login(client, people.bvdk_thidua).get(
        reverse("documents:download", args=[bvdk_document.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert "B%C3%A1o%20c%C3%A1o.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("username", ["bvnhi_thidua", "bvnhi_chutich", "doanvien"])
def test_documents_outside_reach_are_404(client, people, bvdk_document, username):
    client = login(client, getattr(people, username))
    for name in ("download", "document_detail", "document_dossier", "document_edit"):
        assert client.get(reverse(f"documents:{name}", args=[bvdk_document.pk])).status_code == 404
    response = client.post(
        reverse("documents:document_issue", args=[bvdk_document.pk]), {"issued_on": "01/02/2026"}
    )
    assert response.status_code == 404
    bvdk_document.refresh_from_db()
    assert bvdk_document.status == DocumentStatus.DRAFT


@pytest.mark.parametrize("username", ["nganh_admin", "ldld", "kiemtra", "bvdk_chutich"])
def test_upper_levels_and_the_unit_see_the_document(client, people, bvdk_document, username):
    client = login(client, getattr(people, username))
    assert client.get(reverse("documents:download", args=[bvdk_document.pk])).status_code == 200
    listing = client.get(reverse("documents:document_list"))
    assert "Báo cáo BVDK" in listing.content.decode()


def test_list_shows_only_documents_in_reach(client, people, tree, bvdk_document, make_document):
    make_document(org=tree.bvnhi, by=people.bvnhi_thidua, title="Kế hoạch BVNHI")
    page = (
        login(client, people.bvnhi_thidua).get(reverse("documents:document_list")).content.decode()
    )
    assert "Kế hoạch BVNHI" in page and "Báo cáo BVDK" not in page
    page = client.get(reverse("documents:document_list"), {"q": "bao cao"}).content.decode()
    assert "Báo cáo BVDK" not in page


def test_list_filters_by_unit_with_descendants_and_search(
    client, people, tree, bvdk_document, make_document
):
    make_document(org=tree.bvnhi, by=people.bvnhi_thidua, title="Kế hoạch BVNHI")
    client = login(client, people.nganh_admin)
    page = client.get(reverse("documents:document_list"), {"org": tree.bvdk.pk}).content.decode()
    assert "Báo cáo BVDK" in page and "Kế hoạch BVNHI" not in page
    page = client.get(reverse("documents:document_list"), {"q": "KE HOACH bvnhi"}).content.decode()
    assert "Kế hoạch BVNHI" in page and "Báo cáo BVDK" not in page
    assert client.get(reverse("documents:document_list"), {"year": "abc"}).status_code == 200


def test_upload_form_creates_a_draft(client, people, tree, types):
    client = login(client, people.bvdk_thidua)
    assert client.get(reverse("documents:document_create")).status_code == 200
    upload = io.BytesIO(samples.docx_bytes("Kế hoạch hưởng ứng"))
    upload.name = "Kế hoạch.docx"
    response = client.post(
        reverse("documents:document_create"),
        {
            "org": tree.bvdk.pk,
            "doc_type": types["KH"].pk,
            "title": "Kế hoạch hưởng ứng",
            "retention": "10y",
            "file": upload,
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert document.file_name == "Kế hoạch.docx" and document.created_by == people.bvdk_thidua


def test_upload_form_shows_the_refusal_and_stores_nothing(client, people, tree, types):
    client = login(client, people.bvdk_thidua)
    upload = io.BytesIO(b"not a pdf at all")
    upload.name = "gia.pdf"
    response = client.post(
        reverse("documents:document_create"),
        {
            "org": tree.bvdk.pk,
            "doc_type": types["KH"].pk,
            "title": "x",
            "retention": "10y",
            "file": upload,
        },
    )
    assert response.status_code == 200
    assert (
        "is-invalid" in response.content.decode() or "invalid-feedback" in response.content.decode()
    )
    assert not Document.objects.exists()


def test_member_and_viewer_cannot_upload(client, people):
    for user in (people.doanvien, people.ldld):
        assert login(client, user).get(reverse("documents:document_create")).status_code == 403


def test_issue_and_cancel_through_the_page(client, people, bvdk_document):
    client = login(client, people.bvdk_thidua)
    today = datetime.date.today()
    response = client.post(
        reverse("documents:document_issue", args=[bvdk_document.pk]),
        {"issued_on": today.strftime("%d/%m/%Y"), "signer_name": "Trần Văn A"},
    )
    assert response.status_code == 302
    bvdk_document.refresh_from_db()
    assert bvdk_document.number_symbol == "01/KH-BVDK"
    detail = client.get(
        reverse("documents:document_detail", args=[bvdk_document.pk])
    ).content.decode()
    assert "01/KH-BVDK" in detail
    client.post(reverse("documents:document_cancel", args=[bvdk_document.pk]), {"reason": ""})
    bvdk_document.refresh_from_db()
    assert bvdk_document.status == DocumentStatus.ISSUED
    client.post(
        reverse("documents:document_cancel", args=[bvdk_document.pk]), {"reason": "Ban hành nhầm"}
    )
    bvdk_document.refresh_from_db()
    assert bvdk_document.status == DocumentStatus.CANCELLED and bvdk_document.number == 1


def test_issue_with_a_bad_date_changes_nothing(client, people, bvdk_document):
    client = login(client, people.bvdk_thidua)
    client.post(
        reverse("documents:document_issue", args=[bvdk_document.pk]), {"issued_on": "31/02/2026"}
    )
    bvdk_document.refresh_from_db()
    assert bvdk_document.status == DocumentStatus.DRAFT and bvdk_document.number is None


def _issue_some(people, make_document):
    officer = people.bvdk_thidua
    first = make_document(
        title="Kế hoạch thi đua năm 2026", doc_type="KH", recipients="Các tổ công đoàn"
    )
    services.issue_document(
        first, by=officer, issued_on=datetime.date(2026, 1, 5), signer_name="Nguyễn Văn Ký"
    )
    second = make_document(title="Quyết định khen thưởng", doc_type="QD")
    second = services.issue_document(second, by=officer, issued_on=datetime.date(2026, 2, 9))
    services.cancel_document(second, by=officer, reason="Sai tên")
    make_document(title="Dự thảo chưa ban hành")


def test_register_lists_issued_documents_in_number_order(client, people, tree, make_document):
    _issue_some(people, make_document)
    page = login(client, people.bvdk_thidua).get(
        reverse("documents:register"), {"org": tree.bvdk.pk, "year": 2026}
    )
    content = page.content.decode()
    assert page.status_code == 200
    assert content.index("01/KH-BVDK") < content.index("02/QĐ-BVDK")
    assert "Dự thảo chưa ban hành" not in content
    assert "05/01/2026" in content


def test_register_export_is_an_xlsx_with_title_and_vietnamese_headers(
    client, people, tree, make_document
):
    _issue_some(people, make_document)
    response = login(client, people.bvdk_thidua).get(
        reverse("documents:register_export"), {"org": tree.bvdk.pk, "year": 2026}
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.iter_rows(values_only=True))
    flat = [str(v) for row in rows for v in row if v is not None]
    assert "2026" in flat[0]
    assert any(tree.bvdk.name in v for v in flat)
    header_index = next(i for i, row in enumerate(rows) if row and row[0] == "Số")
    assert rows[header_index][:3] == ("Số", "Số, ký hiệu văn bản", "Ngày tháng văn bản")
    data = rows[header_index + 1 :]
    assert [r[1] for r in data] == ["01/KH-BVDK", "02/QĐ-BVDK"]
    assert data[0][2].date() == datetime.date(2026, 1, 5)
    cell = workbook.active.cell(row=header_index + 2, column=3)
    assert cell.number_format.upper() == "DD/MM/YYYY"
    assert "Sai tên" in data[1][7]


@pytest.mark.parametrize("username", ["doanvien"])
def test_member_cannot_see_the_register(client, people, username):
    client = login(client, getattr(people, username))
    assert client.get(reverse("documents:register")).status_code == 403
    assert client.get(reverse("documents:register_export")).status_code == 403


def test_register_of_another_unit_is_not_offered(client, people, tree, make_document):
    _issue_some(people, make_document)
    client = login(client, people.bvnhi_thidua)
    page = client.get(
        reverse("documents:register"), {"org": tree.bvdk.pk, "year": 2026}
    ).content.decode()
    assert "01/KH-BVDK" not in page
    response = client.get(reverse("documents:register_export"), {"org": tree.bvdk.pk, "year": 2026})
    assert b"01/KH-BVDK" not in response.content


def test_signing_pages_are_for_the_sector_admin(client, people, tree, pki):
    for user in (people.bvdk_chutich, people.nganh_thidua, people.doanvien):
        client.force_login(user)
        assert client.get(reverse("documents:signing_overview")).status_code == 403
        assert client.get(reverse("documents:trust_anchors")).status_code == 403
        assert client.get(reverse("documents:unit_signing", args=[tree.bvdk.pk])).status_code == 403
    client.force_login(people.nganh_admin)
    assert client.get(reverse("documents:signing_overview")).status_code == 200
    upload = io.BytesIO(pki.pkcs12)
    upload.name = "bvdk.p12"
    response = client.post(
        reverse("documents:unit_signing", args=[tree.bvdk.pk]),
        {
            "name": "Chữ ký số BVDK",
            "file": upload,
            "password": pki.password,
            "add_certificate": "1",
        },
    )
    assert response.status_code == 302
    assert tree.bvdk.signing_certificates.get().subject == "Nguyễn Văn Ký"
    response = client.post(
        reverse("documents:unit_signing", args=[tree.bvdk.pk]),
        {"per_type_series": "on", "save_settings": "1"},
    )
    assert response.status_code == 302
    assert tree.bvdk.issuer_settings.per_type_series is True
    pem = io.BytesIO(pki.ca_pem.encode())
    pem.name = "ca.pem"
    assert (
        client.post(
            reverse("documents:trust_anchors"), {"name": "CA", "certificate": pem}
        ).status_code
        == 302
    )
    assert TrustAnchor.objects.get().subject == "thidua Test Root CA"
    page = client.post(
        reverse("documents:trust_anchors"), {"name": "rác", "certificate_pem": "xyz"}
    )
    assert page.status_code == 200 and TrustAnchor.objects.count() == 1


@pytest.fixture
def bvdk_certificate(tree, people, pki):
    return services.add_signing_certificate(
        org=tree.bvdk,
        by=people.nganh_admin,
        name="Chữ ký số BVDK",
        data=pki.pkcs12,
        password=pki.password,
    )


@pytest.mark.parametrize("username", ["bvdk_chutich", "bvdk_thidua", "nganh_thidua", "doanvien"])
def test_readers_of_the_unit_are_refused_its_signing_set_up_with_403(
    client, people, tree, bvdk_certificate, username
):
    client = login(client, getattr(people, username))
    page = client.get(reverse("documents:unit_signing", args=[tree.bvdk.pk]))
    assert page.status_code == 403
    assert "Bạn không có quyền" in page.content.decode()
    response = client.post(reverse("documents:certificate_delete", args=[bvdk_certificate.pk]))
    assert response.status_code == 403
    assert tree.bvdk.signing_certificates.filter(pk=bvdk_certificate.pk).exists()


@pytest.mark.parametrize("username", ["bvnhi_chutich", "bvnhi_thidua"])
def test_signing_set_up_of_a_unit_outside_reach_is_404(
    client, people, tree, bvdk_certificate, username
):
    client = login(client, getattr(people, username))
    assert client.get(reverse("documents:unit_signing", args=[tree.bvdk.pk])).status_code == 404
    response = client.post(reverse("documents:certificate_delete", args=[bvdk_certificate.pk]))
    assert response.status_code == 404
    assert tree.bvdk.signing_certificates.filter(pk=bvdk_certificate.pk).exists()


def test_sector_admin_removes_a_signing_certificate(client, people, tree, bvdk_certificate):
    client = login(client, people.nganh_admin)
    response = client.post(reverse("documents:certificate_delete", args=[bvdk_certificate.pk]))
    assert response.status_code == 302
    assert not tree.bvdk.signing_certificates.exists()


def test_menu_entries_follow_the_roles(client, people):
    client.force_login(people.bvdk_thidua)
    page = client.get(reverse("documents:document_list")).content.decode()
    assert reverse("documents:register") in page
    assert reverse("documents:signing_overview") not in page
    client.force_login(people.nganh_admin)
    assert (
        reverse("documents:signing_overview")
        in client.get(reverse("documents:document_list")).content.decode()
    )
