"""Matrix lines of accounts, core, organizations and documents (see ``tests/matrix/base.py``).

Self-service pages (two-factor, API tokens, notifications) act on the login's own account: every
login may use them, and a record of another user answers 404.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.documents.samples import Pki, pdf_bytes
from tests.factories import UserFactory
from tests.matrix.base import (
    BVDK_STAFF,
    BVNHI_STAFF,
    MEMBER_EDITORS_OF_BVDK,
    SECTOR_READERS,
    STAFF,
    USERS,
    Check,
    builder,
    expect,
)

SECTOR_ADMIN = {"nganh.admin"}
DOCUMENT_READERS = SECTOR_READERS | BVDK_STAFF
DOCUMENT_HIDDEN = BVNHI_STAFF | {"doanvien"}
# Issuer roles (documents.change_document) that see a BVDK document.
DOCUMENT_EDITORS = {"nganh.admin", "nganh.thidua"} | BVDK_STAFF
# The sector admin and the chair of the unit above a union group (may_change_unit).
UNION_GROUP_MANAGERS = {"nganh.admin", "bvdk.chutich"}
TEMPLATE_MANAGERS = {"nganh.admin", "bvdk.chutich"}
WRONG_CODE = {"code": "000000"}


def _user(w, username="bvdk.thidua"):
    return w.people.users[username]


@builder("outsider")
def _outsider(w):
    """A BVDK user who is none of the demo logins."""
    from tests.factories import grant
    from thidua.accounts.roles import Role

    user = UserFactory(username="bvdk.khoanoi")
    grant(user, Role.VIEWER, w.tree.bvdk)
    return user


@builder("outsider_token")
def _outsider_token(w):
    from thidua.accounts import services

    token, _ = services.issue_api_token(w.outsider, name="Kết nối LĐLĐ", by=w.outsider)
    return token


@builder("bvdk_export_job")
def _bvdk_export_job(w):
    """A finished member export of bvdk.thidua, with its output file."""
    from thidua.core.jobs import create_job
    from thidua.organizations import tasks

    job = create_job(
        "members_export", "Xuất danh sách đoàn viên", by=_user(w), org_path=w.tree.bvdk.path
    )
    tasks.run_export.call(job.pk, "members", {}, "vi")
    job.refresh_from_db()
    return job


@builder("bvdk_notification")
def _bvdk_notification(w):
    from thidua.core.notifications import notify

    (notification,) = notify(
        [_user(w)],
        title="Kế hoạch thi đua đã được duyệt",
        url=reverse("documents:document_detail", args=[w.doc.pk]),
        email=False,
    )
    return notification


@builder("filed_doc")
def _filed_doc(w):
    from thidua.documents import services

    return services.create_document(
        org=w.tree.bvdk,
        by=_user(w),
        doc_type="CV",
        title="Công văn gửi Công đoàn ngành",
        data=pdf_bytes("Cong van so 12"),
        file_name="cong-van.pdf",
    )


@builder("pki")
def _pki(w):
    return Pki()


@builder("bvdk_certificate")
def _bvdk_certificate(w):
    from thidua.documents import services

    return services.add_signing_certificate(
        org=w.tree.bvdk,
        by=w.people.nganh_admin,
        name="Chữ ký số BVDK",
        data=w.pki.pkcs12,
        password=w.pki.password,
    )


@builder("trust_anchor")
def _trust_anchor(w):
    from thidua.documents import services

    return services.add_trust_anchor(by=w.people.nganh_admin, name="CA thử", pem=w.pki.ca_pem)


def _pdf_upload(w):
    return {"file": SimpleUploadedFile("ban-chinh.pdf", pdf_bytes("Ban chinh"), "application/pdf")}


def _default_plan_template(w):
    from thidua.documents.rendering.model import Kind
    from thidua.documents.rendering.word import default_template_path

    content = default_template_path(Kind.PLAN).read_bytes()
    return {"file": SimpleUploadedFile("mau-ke-hoach.docx", content)}


def _templates(name, kind="plan"):
    return lambda w: reverse(f"documents:document_templates:{name}", args=["BVDK", kind])


ACCOUNT_PAGES = [
    # User management: the sector admin only; the others are refused before any lookup.
    Check(
        "id edit user bvdk.thidua",
        lambda w: reverse("accounts:user_edit", args=[_user(w).pk]),
        expect(SECTOR_ADMIN),
    ),
    Check(
        "id deactivate user bvdk.thidua",
        lambda w: reverse("accounts:user_set_active", args=[_user(w).pk]),
        expect(SECTOR_ADMIN, ok=302),
        method="post",
        data={"active": "0"},
    ),
    Check(
        "id password email to bvdk.thidua",
        lambda w: reverse("accounts:user_send_password_email", args=[_user(w).pk]),
        expect(SECTOR_ADMIN, ok=302),
        method="post",
    ),
    Check(
        "id reset two-factor of bvdk.thidua",
        lambda w: reverse("accounts:user_reset_two_factor", args=[_user(w).pk]),
        expect(SECTOR_ADMIN, ok=302),
        method="post",
    ),
    Check(
        "id grant a role to bvdk.thidua",
        lambda w: reverse("accounts:role_grant", args=[_user(w).pk]),
        expect(SECTOR_ADMIN, ok=302),
        method="post",
        data=lambda w: {"role": "viewer", "org": w.tree.bvdk_group.pk},
    ),
    Check(
        "id revoke the role of bvdk.thidua",
        lambda w: reverse("accounts:role_revoke", args=[_user(w).pk, _user(w).roles.get().pk]),
        expect(SECTOR_ADMIN, ok=302),
        method="post",
    ),
    Check(
        "id link bvdk.thidua to a member",
        lambda w: reverse("accounts:member_link", args=[_user(w).pk]),
        expect(SECTOR_ADMIN, ok=302),
        method="post",
        data=lambda w: {"member": w.people.nurse.pk},
    ),
    Check(
        "id unlink doanvien from the member",
        lambda w: reverse("accounts:member_unlink", args=[w.people.doanvien.pk]),
        expect(SECTOR_ADMIN, ok=302),
        method="post",
    ),
    Check(
        "id member search for an account",
        lambda w: reverse("accounts:member_search") + "?member_q=Bình",
        expect(SECTOR_ADMIN),
        htmx=True,
        shows=lambda w: w.people.nurse.full_name,
        shown_to=frozenset(SECTOR_ADMIN),
    ),
    # Self-service: every login on their own account.
    Check(
        "id new API token",
        lambda w: reverse("accounts:token_create"),
        expect(USERS, ok=302),
        method="post",
        data={"name": "Báo cáo LĐLĐ"},
    ),
    Check(
        "id revoke another user's token",
        lambda w: reverse("accounts:token_revoke", args=[w.outsider_token.pk]),
        expect(set(), denied=404),
        method="post",
    ),
    # Without fresh codes in the session the page sends back to the two-factor page.
    Check("id backup codes", lambda w: reverse("accounts:two_factor_codes"), expect(USERS, ok=302)),
    # A wrong code shows the form again with the error; nothing changes.
    Check(
        "id verify the session with a code",
        lambda w: reverse("accounts:two_factor_verify"),
        expect(USERS),
        method="post",
        data=WRONG_CODE,
    ),
    Check(
        "id new backup codes",
        lambda w: reverse("accounts:two_factor_new_codes"),
        expect(USERS, ok=302),
        method="post",
        data=WRONG_CODE,
    ),
    Check(
        "id turn two-factor off",
        lambda w: reverse("accounts:two_factor_disable"),
        expect(USERS, ok=302),
        method="post",
        data=WRONG_CODE,
    ),
]

CORE_PAGES = [
    # Jobs and notifications belong to their user: everyone else gets 404.
    Check(
        "id export job of bvdk.thidua",
        lambda w: reverse("core:job_detail", args=[w.bvdk_export_job.pk]),
        expect({"bvdk.thidua"}, denied=404),
    ),
    Check(
        "id export file of bvdk.thidua",
        lambda w: reverse("core:job_download", args=[w.bvdk_export_job.pk]),
        expect({"bvdk.thidua"}, denied=404),
    ),
    Check(
        "id notifications",
        lambda w: reverse("core:notification_list"),
        expect(USERS),
        shows=lambda w: w.bvdk_notification.title,
        shown_to=frozenset({"bvdk.thidua"}),
    ),
    Check(
        "id open notification of bvdk.thidua",
        lambda w: reverse("core:notification_open", args=[w.bvdk_notification.pk]),
        expect({"bvdk.thidua"}, denied=404, ok=302),
    ),
    Check(
        "id mark all notifications read",
        lambda w: reverse("core:notification_read_all"),
        expect(USERS, ok=302),
        method="post",
    ),
]

ORGANIZATION_PAGES = [
    Check(
        "id move BVDK union group",
        lambda w: reverse("organizations:org_move", args=[w.tree.bvdk_group.pk]),
        expect(UNION_GROUP_MANAGERS, hidden=BVNHI_STAFF),
    ),
    Check(
        "id deactivate BVDK union group",
        lambda w: reverse("organizations:org_set_active", args=[w.tree.bvdk_group.pk]),
        expect(UNION_GROUP_MANAGERS, hidden=BVNHI_STAFF, ok=302),
        method="post",
        data=lambda w: {"active": "0", "version": str(w.tree.bvdk_group.version)},
    ),
    Check(
        "id BVDK member leaves",
        lambda w: reverse("organizations:member_deactivate", args=[w.people.hong.pk]),
        expect(MEMBER_EDITORS_OF_BVDK, hidden=BVNHI_STAFF),
    ),
    Check(
        "id unit import template",
        lambda w: reverse("organizations:org_import_template"),
        expect({"nganh.admin", "bvdk.chutich", "bvnhi.chutich"}),
    ),
]

DOCUMENT_PAGES = [
    Check(
        "id new document",
        lambda w: reverse("documents:document_create"),
        expect({"nganh.admin", "nganh.thidua"} | BVDK_STAFF | BVNHI_STAFF),
    ),
    Check(
        "id edit BVDK document",
        lambda w: reverse("documents:document_edit", args=[w.doc.pk]),
        expect(DOCUMENT_EDITORS, hidden=DOCUMENT_HIDDEN),
    ),
    # Issuing takes the unit's own number series: only the unit's own issuers.
    Check(
        "id issue BVDK document",
        lambda w: reverse("documents:document_issue", args=[w.doc.pk]),
        expect(BVDK_STAFF, hidden=DOCUMENT_HIDDEN, ok=302),
        method="post",
        data=lambda w: {"issued_on": datetime.date.today().strftime("%d/%m/%Y")},
    ),
    Check(
        "id cancel BVDK document",
        lambda w: reverse("documents:document_cancel", args=[w.doc.pk]),
        expect(DOCUMENT_EDITORS, hidden=DOCUMENT_HIDDEN, ok=302),
        method="post",
        data={"reason": "Ban hành nhầm"},
    ),
    # A draft cannot be signed: the unit's issuers are sent back with the reason.
    Check(
        "id sign BVDK document",
        lambda w: reverse("documents:document_sign", args=[w.doc.pk]),
        expect(BVDK_STAFF, hidden=DOCUMENT_HIDDEN, ok=302),
        method="post",
    ),
    Check(
        "id verify BVDK document signatures",
        lambda w: reverse("documents:document_verify", args=[w.filed_doc.pk]),
        expect(DOCUMENT_EDITORS, hidden=DOCUMENT_HIDDEN, ok=302),
        method="post",
    ),
    Check(
        "id attach file to BVDK document",
        lambda w: reverse("documents:document_attach", args=[w.doc.pk]),
        expect(DOCUMENT_EDITORS, hidden=DOCUMENT_HIDDEN, ok=302),
        method="post",
        data=_pdf_upload,
    ),
    Check(
        "id BVDK document file",
        lambda w: reverse("documents:download", args=[w.filed_doc.pk]),
        expect(DOCUMENT_READERS, hidden=DOCUMENT_HIDDEN),
    ),
    Check(
        "id outgoing register .xlsx",
        lambda w: reverse("documents:register_export"),
        expect(STAFF),
    ),
    # Signing set-up is the sector admin's alone: the unit's other readers are refused (403),
    # the staff of another unit do not see it (404).
    Check(
        "id BVDK signing set-up",
        lambda w: reverse("documents:unit_signing", args=[w.tree.bvdk.pk]),
        expect(SECTOR_ADMIN, hidden=BVNHI_STAFF),
    ),
    Check(
        "id delete BVDK signing certificate",
        lambda w: reverse("documents:certificate_delete", args=[w.bvdk_certificate.pk]),
        expect(SECTOR_ADMIN, hidden=BVNHI_STAFF, ok=302),
        method="post",
    ),
    Check("id trust anchors", lambda w: reverse("documents:trust_anchors"), expect(SECTOR_ADMIN)),
    Check(
        "id switch a trust anchor off",
        lambda w: reverse("documents:trust_anchor_toggle", args=[w.trust_anchor.pk]),
        expect(SECTOR_ADMIN, ok=302),
        method="post",
    ),
    # A chair manages one unit and goes straight to it; the sector admin chooses among several.
    Check(
        "id document templates",
        lambda w: reverse("documents:document_templates:index"),
        expect(SECTOR_ADMIN, bvdk_chutich=302, bvnhi_chutich=302),
    ),
    Check(
        "id BVDK plan template",
        _templates("download"),
        expect(TEMPLATE_MANAGERS, hidden=BVNHI_STAFF),
    ),
    Check(
        "id default plan template for BVDK",
        _templates("default"),
        expect(TEMPLATE_MANAGERS, hidden=BVNHI_STAFF),
    ),
    Check(
        "id BVDK plan template preview",
        _templates("preview"),
        expect(TEMPLATE_MANAGERS, hidden=BVNHI_STAFF),
    ),
    Check(
        "id upload BVDK plan template",
        _templates("upload"),
        expect(TEMPLATE_MANAGERS, hidden=BVNHI_STAFF, ok=302),
        method="post",
        data=_default_plan_template,
    ),
    Check(
        "id reset BVDK plan template",
        _templates("reset"),
        expect(TEMPLATE_MANAGERS, hidden=BVNHI_STAFF, ok=302),
        method="post",
    ),
]

PAGES = ACCOUNT_PAGES + CORE_PAGES + ORGANIZATION_PAGES + DOCUMENT_PAGES

API = [
    Check(
        "id api revoke own token",
        lambda w: "/api/v1/auth/token",
        expect(USERS, ok=204),
        method="delete",
        api=True,
    ),
    Check(
        "id api new BVDK union group",
        lambda w: "/api/v1/orgs",
        # BVDK is outside BVNHI's reach: 422 on parent_id, without telling whether it exists.
        expect(UNION_GROUP_MANAGERS, ok=201, bvnhi_chutich=422, bvnhi_thidua=422),
        method="post",
        api=True,
        data=lambda w: {
            "code": "BVDK-KNG",
            "name": "Tổ công đoàn Khoa Ngoại",
            "kind": "union_group",
            "parent_id": w.tree.bvdk.pk,
        },
    ),
    Check(
        "id api rename BVDK union group",
        lambda w: f"/api/v1/orgs/{w.tree.bvdk_group.pk}",
        expect(UNION_GROUP_MANAGERS, hidden=BVNHI_STAFF),
        method="patch",
        api=True,
        data={"name": "Tổ công đoàn Khoa Nội - Hồi sức"},
    ),
    Check(
        "id api members",
        lambda w: "/api/v1/members",
        expect(USERS),
        api=True,
        shows=lambda w: f'"id": {w.people.nurse.pk},',
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    Check(
        "id api new BVDK member",
        lambda w: "/api/v1/members",
        expect(MEMBER_EDITORS_OF_BVDK, ok=201, bvnhi_chutich=422, bvnhi_thidua=422),
        method="post",
        api=True,
        data=lambda w: {"org_id": w.tree.bvdk.pk, "full_name": "Phạm Văn An", "gender": "male"},
    ),
    Check(
        "id api documents",
        lambda w: "/api/v1/documents",
        expect(USERS),
        api=True,
        shows=lambda w: f'"id": {w.doc.pk},',
        shown_to=frozenset(DOCUMENT_READERS),
    ),
    Check(
        "id api BVDK document file",
        lambda w: f"/api/v1/documents/{w.filed_doc.pk}/file",
        expect(DOCUMENT_READERS, hidden=DOCUMENT_HIDDEN),
        api=True,
    ),
]

# ``namespace:name`` or ``(METHOD, OpenAPI path)`` → why no matrix line covers it.
NOT_IN_MATRIX = {
    "accounts:login": "the public login form",
    "accounts:login_verify": "the code step of a login in progress, before there is a session",
    "accounts:logout": "ends whatever session it is given; no record, no role",
    "accounts:password_reset": "public: asks for an email address",
    "accounts:password_reset_done": "public confirmation page",
    "accounts:password_reset_confirm": "public: reached with the emailed token",
    "accounts:password_reset_complete": "public confirmation page",
    "verify:verify": "public certificate verification, open to everybody including anonymous",
    ("POST", "/api/v1/auth/token"): "the API login (username and password), no token yet",
    ("POST", "/api/v1/documents"): "multipart upload; the matrix sends JSON bodies",
    ("POST", "/api/v1/members/import"): "multipart upload; the matrix sends JSON bodies",
}
