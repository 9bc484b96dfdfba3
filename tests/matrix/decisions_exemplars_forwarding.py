"""Matrix lines of the decisions, certificates, exemplars, forwarding and dashboard pages and
endpoints (see ``tests/matrix/base.py``).

The records belong to BVDK (a decision of its own union for Hồng, its exemplars, news and
library entry) or to the sector CDN-YT (a forwarding batch, an incoming package, the annual
report), so that the staff of BVNHI meet a 404 and the sector roles read by their reach.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.documents.samples import pdf_bytes
from tests.matrix.base import (
    BVDK_STAFF,
    BVNHI_STAFF,
    SECTOR_READERS,
    STAFF,
    USERS,
    Check,
    builder,
    expect,
)

SECTOR_MANAGERS = {"nganh.admin", "nganh.thidua"}
BVDK_READERS = SECTOR_READERS | BVDK_STAFF
NOT_BVDK = BVNHI_STAFF | {"doanvien"}
# Staff roles that record exemplars at BVDK (the sector's admin, officer and inspector, BVDK's).
BVDK_FINDERS = SECTOR_MANAGERS | {"kiemtra"} | BVDK_STAFF
# Evidence is a document of BVDK's archive: the finders who may add documents there.
BVDK_EVIDENCE_ADDERS = SECTOR_MANAGERS | BVDK_STAFF
REPLICATORS = SECTOR_MANAGERS | BVDK_STAFF | BVNHI_STAFF
SIGNED_ON = datetime.date(2025, 12, 20)
EXEMPLAR_TITLE = "Mo hinh QR-BVDK"


def _pdf(name="tai-lieu.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def _approved(member, org, award, year=2025):
    from tests.decisions.conftest import approved

    return approved(member, org=org, award=award, year=year)


@builder("decision")
def _decision(w):
    """BVDK's own decision (GK-CDCS) for Hồng, issued by its chair."""
    from thidua.decisions import services

    return services.issue_decision(
        by=w.people.bvdk_chutich,
        org=w.tree.bvdk,
        nominations=[_approved(w.people.hong, w.tree.bvdk, "GK-CDCS")],
        signed_on=SIGNED_ON,
        signer_name="Trần Văn Bảo",
        signer_title="Chủ tịch",
    )


@builder("decision_item")
def _decision_item(w):
    return w.decision.items.get()


@builder("decidable")
def _decidable(w):
    """An approved GK-CDCS nomination of BVDK that no decision has taken yet."""
    return _approved(w.people.nurse, w.tree.bvdk, "GK-CDCS")


@builder("bvdk_exemplar")
def _bvdk_exemplar(w):
    """Hồng, found by BVDK's officer (only BVDK and the sector see a found exemplar)."""
    from thidua.exemplars import services

    return services.create_exemplar(
        by=w.people.bvdk_thidua,
        owner_org=w.tree.bvdk,
        member=w.people.hong,
        source="unit_proposal",
        title=EXEMPLAR_TITLE,
        story="Điều dưỡng tận tụy, chủ trì sáng kiến bàn giao người bệnh bằng mã QR.",
    )


@builder("bvdk_evidence")
def _bvdk_evidence(w):
    from thidua.exemplars import services

    return services.add_evidence(
        w.bvdk_exemplar,
        by=w.people.bvdk_thidua,
        title="Biên bản bình xét",
        data=pdf_bytes(),
        file_name="bien-ban.pdf",
    )


@builder("verified_exemplar")
def _verified_exemplar(w):
    """BVDK's nurse Bình, verified by the sector (verified models are shared sector-wide)."""
    from thidua.exemplars import services

    found = services.create_exemplar(
        by=w.people.bvdk_thidua,
        owner_org=w.tree.bvdk,
        member=w.people.nurse,
        source="unit_proposal",
        story="Điều dưỡng trưởng nhóm chăm sóc người bệnh nặng.",
    )
    return services.verify_exemplar(found, by=w.people.nganh_thidua)


@builder("honored_exemplar")
def _honored_exemplar(w):
    from thidua.exemplars import services

    return services.honor_exemplar(
        w.verified_exemplar,
        by=w.people.nganh_thidua,
        honored_on=datetime.date(2025, 11, 20),
        how="ceremony",
    )


@builder("bvdk_news")
def _bvdk_news(w):
    from thidua.exemplars import services

    return services.publish_news(
        by=w.people.nganh_thidua,
        org=w.tree.bvdk,
        title="Bệnh viện Đa khoa tuyên dương điển hình",
        body="Công đoàn cơ sở Bệnh viện Đa khoa tuyên dương các điển hình tiên tiến.",
    )


@builder("bvdk_library")
def _bvdk_library(w):
    from thidua.exemplars import services

    return services.add_library_document(
        by=w.people.nganh_thidua,
        org=w.tree.bvdk,
        data=pdf_bytes(),
        file_name="huong-dan.pdf",
        title="Hướng dẫn thi đua của Bệnh viện Đa khoa",
        category="guidance",
    )


@builder("batch")
def _batch(w):
    """The sector's batch forwarding BVDK's approved nomination of Bình to the Confederation."""
    from thidua.forwarding import services

    return services.forward_nominations(
        by=w.people.nganh_thidua,
        org=w.tree.sector,
        nominations=[_approved(w.people.nurse, w.tree.bvdk, "BK-TLD")],
    )


@builder("batch_item")
def _batch_item(w):
    return w.batch.items.get()


@builder("incoming")
def _incoming(w):
    """A package of the sector's own batch, imported at the sector (as an upper level would)."""
    from thidua.documents.storage import read_blob
    from thidua.forwarding import services

    package = read_blob(w.batch.package_document.file)
    return services.import_package(package, by=w.people.nganh_admin, org=w.tree.sector)


@builder("annual_report")
def _annual_report(w):
    from thidua.dashboard.annual_report.service import generate_annual_report

    return generate_annual_report(
        org=w.tree.sector,
        year=2025,
        by=w.people.nganh_thidua,
        directions="Tiếp tục đẩy mạnh phong trào thi đua yêu nước.",
        signer_name="Nguyễn Văn An",
    )


def _decision_url(name, *extra):
    return lambda w: reverse(f"decisions:{name}", args=[w.decision.pk, *extra])


def _exemplar_url(name, record="bvdk_exemplar"):
    return lambda w: reverse(f"exemplars:{name}", args=[getattr(w, record).pk])


PAGES = [
    # Decisions: read by the staff who reach the issuing unit (or the awarded member's unit).
    Check(
        "dx BVDK decision",
        _decision_url("decision_detail"),
        expect(BVDK_READERS, hidden=NOT_BVDK),
    ),
    Check(
        "dx BVDK decision .docx",
        _decision_url("decision_docx"),
        expect(BVDK_READERS, hidden=NOT_BVDK),
    ),
    Check(
        "dx BVDK decision .pdf",
        _decision_url("decision_pdf"),
        expect(BVDK_READERS, hidden=NOT_BVDK),
    ),
    Check(
        "dx BVDK decision certificates .pdf",
        _decision_url("certificates_pdf"),
        expect(BVDK_READERS, hidden=NOT_BVDK),
    ),
    Check(
        "dx BVDK decision recipients .xlsx",
        _decision_url("recipient_export"),
        expect(BVDK_READERS, hidden=NOT_BVDK),
    ),
    # The awarded member prints their own certificate.
    Check(
        "dx certificate of Hồng .pdf",
        lambda w: reverse("decisions:certificate_pdf", args=[w.decision_item.certificate.pk]),
        expect(BVDK_READERS | {"doanvien"}, hidden=BVNHI_STAFF),
    ),
    # Only the chair of BVDK decides (and signs) at BVDK; no signing certificate: a message.
    Check(
        "dx sign BVDK decision",
        _decision_url("decision_sign"),
        expect({"bvdk.chutich"}, hidden=NOT_BVDK, ok=302),
        method="post",
    ),
    Check(
        "dx upload signed BVDK decision",
        _decision_url("decision_upload_signed"),
        expect({"bvdk.chutich"}, hidden=NOT_BVDK, ok=302),
        method="post",
        data=lambda w: {"file": _pdf("qd-da-ky.pdf")},
    ),
    # Revoking is for the sector admin at or above the issuing unit.
    Check(
        "dx revoke award of BVDK decision",
        lambda w: reverse("decisions:item_revoke", args=[w.decision.pk, w.decision_item.pk]),
        expect({"nganh.admin"}, hidden=NOT_BVDK),
    ),
    # Exemplars
    Check(
        "dx new exemplar",
        lambda w: reverse("exemplars:exemplar_create"),
        expect(BVDK_FINDERS | BVNHI_STAFF),
    ),
    Check(
        "dx propose Hồng as exemplar",
        lambda w: reverse("exemplars:propose_member", args=[w.people.hong.pk]),
        expect(BVDK_FINDERS, hidden=BVNHI_STAFF),
    ),
    Check(
        "dx verify BVDK exemplar",
        _exemplar_url("exemplar_verify"),
        expect(SECTOR_MANAGERS, hidden=NOT_BVDK, ok=302),
        method="post",
        data=lambda w: {"version": w.bvdk_exemplar.version, "comment": "Đúng sự thật"},
    ),
    # Verified and honoured models are shared with the whole sector's staff.
    Check(
        "dx honour verified BVDK exemplar",
        _exemplar_url("exemplar_honor", "verified_exemplar"),
        expect(SECTOR_MANAGERS, hidden={"doanvien"}),
    ),
    Check(
        "dx publish honoured BVDK exemplar",
        _exemplar_url("exemplar_publish", "honored_exemplar"),
        expect(SECTOR_MANAGERS, hidden={"doanvien"}),
    ),
    # A unit's chair and officer record their own unit's replication (BVNHI: not of BVDK).
    Check(
        "dx replicate honoured BVDK exemplar",
        _exemplar_url("exemplar_replicate", "honored_exemplar"),
        expect(REPLICATORS, hidden={"doanvien"}, ok=302),
        method="post",
        data=lambda w: {
            "org": w.tree.bvdk.pk,
            "adopted_on": "01/12/2025",
            "how": "Áp dụng tại khoa Hồi sức",
        },
    ),
    Check(
        "dx add evidence to BVDK exemplar",
        _exemplar_url("exemplar_evidence"),
        expect(BVDK_EVIDENCE_ADDERS, hidden=NOT_BVDK, ok=302),
        method="post",
        data=lambda w: {"title": "Bằng chứng", "file": _pdf()},
    ),
    Check(
        "dx evidence file of BVDK exemplar",
        lambda w: reverse("exemplars:evidence_file", args=[w.bvdk_exemplar.pk, w.bvdk_evidence.pk]),
        expect(BVDK_READERS, hidden=NOT_BVDK),
    ),
    # News and library of BVDK: everyone in its reach reads them; the sector manages them.
    Check(
        "dx BVDK news",
        lambda w: reverse("exemplars:news_detail", args=[w.bvdk_news.pk]),
        expect(BVDK_READERS | {"doanvien"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "dx edit BVDK news",
        lambda w: reverse("exemplars:news_edit", args=[w.bvdk_news.pk]),
        expect(SECTOR_MANAGERS, hidden=BVNHI_STAFF),
    ),
    Check(
        "dx delete BVDK news",
        lambda w: reverse("exemplars:news_delete", args=[w.bvdk_news.pk]),
        expect(SECTOR_MANAGERS, hidden=BVNHI_STAFF, ok=302),
        method="post",
    ),
    Check(
        "dx new library entry",
        lambda w: reverse("exemplars:library_create"),
        expect(SECTOR_MANAGERS),
    ),
    Check(
        "dx BVDK library entry",
        lambda w: reverse("exemplars:library_detail", args=[w.bvdk_library.pk]),
        expect(BVDK_READERS | {"doanvien"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "dx BVDK library file",
        lambda w: reverse("exemplars:library_file", args=[w.bvdk_library.pk]),
        expect(BVDK_READERS | {"doanvien"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "dx delete BVDK library entry",
        lambda w: reverse("exemplars:library_delete", args=[w.bvdk_library.pk]),
        expect(SECTOR_MANAGERS, hidden=BVNHI_STAFF, ok=302),
        method="post",
    ),
    # Forwarding: the sector's batch is read at the sector and above.
    Check(
        "dx sector forwarding batch",
        lambda w: reverse("forwarding:batch_detail", args=[w.batch.pk]),
        expect(SECTOR_READERS, denied=404),
    ),
    Check(
        "dx sector forwarding package",
        lambda w: reverse("forwarding:package_download", args=[w.batch.pk]),
        expect(SECTOR_READERS, denied=404),
    ),
    Check(
        "dx record upper result",
        lambda w: reverse(
            "forwarding:record_result", args=[w.batch.pk, w.batch_item.nomination_id]
        ),
        expect(SECTOR_MANAGERS, hidden=BVDK_STAFF | NOT_BVDK, ok=302),
        method="post",
        data=lambda w: {
            f"n{w.batch_item.nomination_id}-approved": "1",
            f"n{w.batch_item.nomination_id}-decision_number": "123/QĐ-TLĐ",
            f"n{w.batch_item.nomination_id}-decided_on": "15/12/2025",
        },
    ),
    Check(
        "dx incoming packages",
        lambda w: reverse("forwarding:incoming_list"),
        expect(USERS),
        shows=lambda w: reverse("forwarding:incoming_detail", args=[w.incoming.pk]),
        shown_to=frozenset(SECTOR_READERS),
    ),
    Check(
        "dx incoming package",
        lambda w: reverse("forwarding:incoming_detail", args=[w.incoming.pk]),
        expect(SECTOR_READERS, denied=404),
    ),
    # Dashboard exports: the readers of the statistics page, for a unit in their reach.
    Check(
        "dx BVDK awards .xlsx",
        lambda w: reverse("dashboard:export_awards") + f"?org={w.tree.bvdk.pk}",
        expect(STAFF, hidden=BVNHI_STAFF),
    ),
    Check(
        "dx BVDK nominations table .xlsx",
        lambda w: (
            reverse("dashboard:export_table", args=["nominations"]) + f"?org={w.tree.bvdk.pk}"
        ),
        expect(STAFF, hidden=BVNHI_STAFF),
    ),
    Check(
        "dx sector annual report .docx",
        lambda w: reverse("dashboard:annual_report_download", args=[w.annual_report.pk, "docx"]),
        expect(SECTOR_READERS, denied=404),
    ),
]


def _decision_api(suffix=""):
    return lambda w: f"/api/v1/decisions/{w.decision.pk}{suffix}"


def _exemplar_api(suffix, record="bvdk_exemplar"):
    return lambda w: f"/api/v1/exemplars/{getattr(w, record).pk}{suffix}"


API = [
    # As the page: a member is refused the list (403) and finds their decisions under "my awards".
    Check(
        "dx api decisions",
        lambda w: "/api/v1/decisions",
        expect(STAFF),
        api=True,
        shows=lambda w: f'"id": {w.decision.pk}, "number"',
        shown_to=frozenset(BVDK_READERS),
    ),
    Check(
        "dx api BVDK decision",
        _decision_api(),
        expect(BVDK_READERS, hidden=NOT_BVDK),
        api=True,
    ),
    Check(
        "dx api BVDK decision .docx",
        _decision_api("/document.docx"),
        expect(BVDK_READERS, hidden=NOT_BVDK),
        api=True,
    ),
    Check(
        "dx api BVDK decision .pdf",
        _decision_api("/document.pdf"),
        expect(BVDK_READERS, hidden=NOT_BVDK),
        api=True,
    ),
    Check(
        "dx api BVDK decision certificates .pdf",
        _decision_api("/certificates.pdf"),
        expect(BVDK_READERS, hidden=NOT_BVDK),
        api=True,
    ),
    Check(
        "dx api certificate of Hồng .pdf",
        lambda w: f"/api/v1/certificates/{w.decision_item.certificate.pk}/pdf",
        expect(BVDK_READERS | {"doanvien"}, hidden=BVNHI_STAFF),
        api=True,
    ),
    # Only the chair decides at BVDK; BVNHI's staff do not see the unit.
    Check(
        "dx api issue BVDK decision",
        lambda w: "/api/v1/decisions",
        expect({"bvdk.chutich"}, hidden=BVNHI_STAFF, ok=201),
        method="post",
        api=True,
        data=lambda w: {
            "org_id": w.tree.bvdk.pk,
            "nomination_ids": [w.decidable.pk],
            "signed_on": SIGNED_ON.isoformat(),
            "signer_name": "Trần Văn Bảo",
            "signer_title": "Chủ tịch",
        },
    ),
    Check(
        "dx api revoke award of BVDK decision",
        lambda w: f"/api/v1/decisions/{w.decision.pk}/items/{w.decision_item.pk}/revoke",
        expect({"nganh.admin"}, hidden=NOT_BVDK, ok=201),
        method="post",
        api=True,
        data={
            "reason": "false_declaration",
            "detail": "Kê khai thành tích không đúng sự thật.",
            "revocation_number": "15/QĐ-CĐCS",
            "revoked_on": "2026-01-10",
        },
    ),
    Check(
        "dx api exemplars",
        lambda w: "/api/v1/exemplars",
        expect(USERS),
        api=True,
        shows=lambda w: w.bvdk_exemplar.title,
        shown_to=frozenset(BVDK_READERS),
    ),
    # A member is visible to themselves but records no exemplar; BVNHI does not see Hồng.
    Check(
        "dx api record exemplar of Hồng",
        lambda w: "/api/v1/exemplars",
        expect(BVDK_FINDERS, bvnhi_chutich=422, bvnhi_thidua=422, ok=201),
        method="post",
        api=True,
        data=lambda w: {
            "member_id": w.people.hong.pk,
            "owner_org_id": w.tree.bvdk.pk,
            "source": "unit_proposal",
            "story": "Điều dưỡng tận tụy với người bệnh.",
        },
    ),
    Check(
        "dx api verify BVDK exemplar",
        _exemplar_api("/verify"),
        expect(SECTOR_MANAGERS, hidden=NOT_BVDK),
        method="post",
        api=True,
        data={"comment": "Đúng sự thật"},
    ),
    Check(
        "dx api honour verified BVDK exemplar",
        _exemplar_api("/honor", "verified_exemplar"),
        expect(SECTOR_MANAGERS, hidden={"doanvien"}),
        method="post",
        api=True,
        data={"honored_on": "2025-11-20", "how": "ceremony"},
    ),
    Check(
        "dx api publish honoured BVDK exemplar",
        _exemplar_api("/publication", "honored_exemplar"),
        expect(SECTOR_MANAGERS, hidden={"doanvien"}),
        method="post",
        api=True,
        data={
            "publish": True,
            "public_name": "Điều dưỡng Trần Văn Bình",
            "public_story": "Tận tụy chăm sóc người bệnh nặng.",
        },
    ),
    Check(
        "dx api replications of honoured BVDK exemplar",
        _exemplar_api("/replications", "honored_exemplar"),
        expect(STAFF, hidden={"doanvien"}),
        api=True,
    ),
    # BVNHI's staff may record BVNHI's replication, not BVDK's (the unit is not theirs to see).
    Check(
        "dx api replicate honoured BVDK exemplar",
        _exemplar_api("/replications", "honored_exemplar"),
        expect(
            SECTOR_MANAGERS | BVDK_STAFF,
            hidden={"doanvien"},
            ok=201,
            bvnhi_chutich=422,
            bvnhi_thidua=422,
        ),
        method="post",
        api=True,
        data=lambda w: {"org_id": w.tree.bvdk.pk, "adopted_on": "2025-12-01"},
    ),
    Check(
        "dx api sector forwarding batch",
        lambda w: f"/api/v1/forwarding/batches/{w.batch.pk}",
        expect(SECTOR_READERS, denied=404),
        api=True,
    ),
    Check(
        "dx api sector forwarding package",
        lambda w: f"/api/v1/forwarding/batches/{w.batch.pk}/package.zip",
        expect(SECTOR_READERS, denied=404),
        api=True,
    ),
    Check(
        "dx api nomination statistics of BVDK",
        lambda w: f"/api/v1/statistics/nominations?org={w.tree.bvdk.pk}",
        expect(STAFF, hidden=BVNHI_STAFF),
        api=True,
    ),
]

# ``namespace:name`` or ``(METHOD, OpenAPI path)`` → why no matrix line covers it.
NOT_IN_MATRIX = {
    "exemplars:showcase": "public showcase for anonymous visitors, the same for everybody",
    "exemplars:showcase_detail": "public page of a published exemplar, the same for everybody",
    "exemplars:public_photo": "public photo of a published exemplar, the same for everybody",
    ("GET", "/api/v1/verify/{code}"): "public certificate verification, no token needed",
}
