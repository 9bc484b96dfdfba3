"""The writes on documents: upload, issue (numbering), cancel, sign, and the signing set-up.

Views, the API, other apps and commands call these. Every function checks the actor's permission,
validates, writes in one transaction and appends the audit entry. Files are checked
(``uploads.check_file``) before anything is stored, so a refused file leaves nothing behind.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput, InvalidTransition, NotFound
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.core.workflow import transition
from thidua.documents import signatures, uploads
from thidua.documents.extraction import extract_text
from thidua.documents.models import (
    DOCUMENT_TRANSITIONS,
    Document,
    DocumentStatus,
    DocumentType,
    IssuerSettings,
    Retention,
    SigningCertificate,
    TrustAnchor,
)
from thidua.documents.numbering import format_number_symbol, series_for, take_next_number
from thidua.documents.storage import read_blob, store_bytes

# Fields of a document kept in audit snapshots (not the extracted text: it can be long).
AUDIT_FIELDS = (
    "org",
    "doc_type",
    "title",
    "summary",
    "recipients",
    "status",
    "origin",
    "number",
    "year",
    "number_symbol",
    "issued_on",
    "signer_name",
    "signer_title",
    "file",
    "file_name",
    "retention",
    "content_type",
    "object_id",
    "signed",
    "signature_intact",
    "signature_trusted",
    "signature_signer",
    "cancel_reason",
    "version",
)
EDITABLE_FIELDS = ("title", "summary", "recipients", "retention", "signer_name", "signer_title")
CERTIFICATE_AUDIT_FIELDS = ("org", "name", "subject", "issuer", "serial", "fingerprint")
ANCHOR_AUDIT_FIELDS = ("name", "subject", "fingerprint", "active")


def snapshot(document):
    return audit.snapshot(document, AUDIT_FIELDS)


def org_for_upload(user, org_id=None):
    """The unit a document goes to: ``org_id`` if the user sees it (404 otherwise), else home."""
    from thidua.organizations.models import OrgUnit

    if org_id is None:
        org = user.home_org
        if org is None:
            raise invalid("org_id", _("Choose the unit of the document."))
        return org
    org = OrgUnit.objects.visible_to(user).filter(pk=org_id).first()
    if org is None:
        raise NotFound(_("No such unit, or it is not visible to you."))
    return org


def invalid(field, message):
    return InvalidInput(message, errors=[{"field": field, "message": message}])


def resolve_doc_type(value):
    """A ``DocumentType`` from a type, its code (any case) or its abbreviation; 422 otherwise."""
    if isinstance(value, DocumentType):
        return value
    text = str(value or "").strip()
    doc_type = None
    if text:
        doc_type = (
            DocumentType.objects.filter(active=True, code__iexact=text).first()
            or DocumentType.objects.filter(active=True, abbreviation=text).first()
        )
    if doc_type is None:
        raise invalid("doc_type", _("Unknown document type “%(value)s”.") % {"value": text})
    return doc_type


def _clean_fields(fields):
    cleaned = {k: v for k, v in fields.items() if k in EDITABLE_FIELDS and v is not None}
    for key, value in list(cleaned.items()):
        if isinstance(value, str):
            cleaned[key] = value.strip()
    if "retention" in cleaned and cleaned["retention"] not in Retention.values:
        raise invalid("retention", _("Choose a retention period from the list."))
    return cleaned


def _check_title(title):
    title = (title or "").strip()
    if not title:
        raise invalid("title", _("Give the document a title."))
    if len(title) > 500:
        raise invalid("title", _("The title is longer than 500 characters."))
    return title


def apply_file(document, checked):
    """Store ``checked`` and set the file, its text and the signature summary on ``document``."""
    document.file = store_bytes(checked.data, checked.content_type)
    document.file_name = checked.name
    document.text = extract_text(checked.data, checked.kind)
    summary = (
        signatures.verify_pdf(checked.data)
        if checked.kind is uploads.PDF
        else signatures.empty_summary()
    )
    _apply_signature_summary(document, summary)


def _apply_signature_summary(document, summary):
    document.signed = summary["signed"]
    document.signature_intact = summary["intact"]
    document.signature_trusted = summary["trusted"]
    document.signature_signer = summary["signer"][:255]
    document.signature_signed_at = signatures.parse_signed_at(summary["signed_at"])
    document.signatures = summary["signatures"]


def create_document(
    *,
    org,
    by,
    doc_type,
    title,
    data=None,
    file_name="",
    record=None,
    **fields,
):
    """Create a draft document of ``org``, with a file when ``data`` is given.

    The file is checked (type from content, size, name), stored content-addressed, its text
    extracted and its signatures verified. ``record`` links the document to the record it serves.
    Side effects: a ``StoredFile`` (when new) and one audit entry.
    """
    require(by, "documents.add_document", org)
    doc_type = resolve_doc_type(doc_type)
    title = _check_title(title)
    cleaned = _clean_fields(fields)
    checked = uploads.check_file(data, file_name) if data is not None else None
    document = Document(org=org, doc_type=doc_type, title=title, created_by=by, **cleaned)
    if record is not None:
        document.content_type = ContentType.objects.get_for_model(record)
        document.object_id = record.pk
    with transaction.atomic():
        if checked is not None:
            apply_file(document, checked)
        document.save()
        audit.record(by, AuditEntry.Action.CREATE, document, after=snapshot(document))
    return document


def update_document(document, *, by, version=None, **fields):
    """Change the descriptive fields of a document (a cancelled one is frozen)."""
    require(by, "documents.change_document", document)
    cleaned = _clean_fields(fields)
    if "title" in cleaned:
        cleaned["title"] = _check_title(cleaned["title"])
    with transaction.atomic():
        document = lock_for_update(document)
        check_version(document, version)
        if document.status == DocumentStatus.CANCELLED:
            raise InvalidTransition(_("A cancelled document cannot be changed."))
        before = snapshot(document)
        for key, value in cleaned.items():
            setattr(document, key, value)
        document.version += 1
        document.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, document, before=before, after=snapshot(document)
        )
    return document


def attach_file(document, *, by, data, file_name, version=None):
    """Put a (new) file on a draft or issued document, e.g. the rendered or scanned original."""
    require(by, "documents.change_document", document)
    checked = uploads.check_file(data, file_name)
    with transaction.atomic():
        document = lock_for_update(document)
        check_version(document, version)
        if document.status == DocumentStatus.CANCELLED:
            raise InvalidTransition(_("A cancelled document cannot be changed."))
        before = snapshot(document)
        apply_file(document, checked)
        document.version += 1
        document.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, document, before=before, after=snapshot(document)
        )
    return document


def link_document(document, record, *, by, version=None):
    """Link ``document`` to the record it serves (a nomination, a decision, a report...)."""
    require(by, "documents.change_document", document)
    with transaction.atomic():
        document = lock_for_update(document)
        check_version(document, version)
        before = snapshot(document)
        document.content_type = ContentType.objects.get_for_model(record)
        document.object_id = record.pk
        document.version += 1
        document.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, document, before=before, after=snapshot(document)
        )
    return document


def issue_document(document, *, by, issued_on=None, signer_name=None, signer_title=None):
    """Give a draft its number and symbol and mark it issued.

    The number is the next of the issuing unit's series for the calendar year of ``issued_on``
    (today by default), taken under a row lock so concurrent issues never share a number. Issuing a
    document that is not a draft is refused (409). Side effects: the counter grows, a transition row
    and audit entries are written.
    """
    require(by, "documents.issue_document", document)
    issued_on = issued_on or timezone.localdate()
    if not isinstance(issued_on, datetime.date):
        raise invalid("issued_on", _("Enter a valid date."))
    if issued_on > timezone.localdate():
        raise invalid("issued_on", _("The issue date cannot be later than today."))
    with transaction.atomic():
        document = lock_for_update(document)
        if document.status != DocumentStatus.DRAFT:
            raise InvalidTransition(
                _("Only a draft can be issued; this document is “%(status)s”.")
                % {"status": document.get_status_display()}
            )
        before = snapshot(document)
        series = series_for(document.org, document.doc_type)
        number = take_next_number(document.org, issued_on.year, series)
        document.number = number
        document.year = issued_on.year
        document.series = series
        document.number_symbol = format_number_symbol(number, document.doc_type, document.org)
        document.issued_on = issued_on
        if signer_name is not None:
            document.signer_name = signer_name.strip()
        if signer_title is not None:
            document.signer_title = signer_title.strip()
        transition(
            document,
            DocumentStatus.ISSUED,
            by=by,
            allowed=DOCUMENT_TRANSITIONS,
            comment=document.number_symbol,
        )
        audit.record(
            by, AuditEntry.Action.UPDATE, document, before=before, after=snapshot(document)
        )
    return document


def cancel_document(document, *, by, reason, version=None):
    """Cancel a draft or an issued document; an issued document keeps its number for ever."""
    require(by, "documents.change_document", document)
    reason = (reason or "").strip()
    if not reason:
        raise invalid("reason", _("Give the reason for the cancellation."))
    with transaction.atomic():
        document = lock_for_update(document)
        check_version(document, version)
        document.cancel_reason = reason
        transition(
            document, DocumentStatus.CANCELLED, by=by, allowed=DOCUMENT_TRANSITIONS, comment=reason
        )
    return document


def verify_document(document, *, by):
    """Verify the signatures of a document's PDF again (e.g. after a trust anchor was added)."""
    require(by, "documents.change_document", document)
    if not document.is_pdf:
        raise InvalidInput(_("Only PDF files carry signatures."))
    summary = signatures.verify_pdf(read_blob(document.file))
    with transaction.atomic():
        document = lock_for_update(document)
        before = snapshot(document)
        _apply_signature_summary(document, summary)
        document.save()
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            document,
            before=before,
            after=snapshot(document),
            comment=_("Signatures verified again"),
        )
    return document


def sign_document(document, *, by, reason=""):
    """Sign an issued PDF with the issuing unit's certificate (PAdES, visible stamp).

    The signed file is a new content (new SHA-256) that replaces the document's file; the unsigned
    one stays in storage. Side effects: a ``StoredFile`` and one audit entry.
    """
    require(by, "documents.sign_document", document)
    if document.status != DocumentStatus.ISSUED:
        raise InvalidTransition(_("Only an issued document can be signed."))
    if not document.is_pdf:
        raise InvalidInput(
            _("Only a PDF file can be signed; attach the PDF of the document first.")
        )
    issuer = (
        IssuerSettings.objects.filter(org=document.org)
        .select_related("signing_certificate")
        .first()
    )
    certificate = issuer.signing_certificate if issuer else None
    if certificate is None:
        raise InvalidInput(_("This unit has no signing certificate; the sector admin sets one up."))
    if certificate.not_valid_after < timezone.now():
        raise InvalidInput(_("The unit's signing certificate has expired."))
    signed = signatures.sign_pdf(
        read_blob(document.file),
        signatures.decrypt(certificate.pkcs12_encrypted),
        signatures.decrypt(certificate.password_encrypted).decode(),
        reason=reason or document.number_symbol,
        location=document.org.place,
    )
    checked = uploads.CheckedFile(data=signed, kind=uploads.PDF, name=document.file_name)
    with transaction.atomic():
        document = lock_for_update(document)
        before = snapshot(document)
        apply_file(document, checked)
        document.version += 1
        document.save()
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            document,
            before=before,
            after=snapshot(document),
            comment=_("Signed with %(certificate)s") % {"certificate": certificate},
        )
    return document


# --- signing set-up -------------------------------------------------------------------------


def settings_for(org):
    return IssuerSettings.objects.filter(org=org).first() or IssuerSettings(org=org)


def update_issuer_settings(org, *, by, per_type_series=None, signing_certificate=...):
    """Change a unit's numbering series mode and its signing certificate."""
    require(by, "documents.manage_signing", org)
    with transaction.atomic():
        current, _created = IssuerSettings.objects.select_for_update().get_or_create(org=org)
        before = audit.snapshot(current, ("per_type_series", "signing_certificate"))
        if per_type_series is not None:
            current.per_type_series = bool(per_type_series)
        if signing_certificate is not ...:
            if signing_certificate is not None and signing_certificate.org_id != org.pk:
                raise invalid(
                    "signing_certificate", _("Choose a certificate that belongs to this unit.")
                )
            current.signing_certificate = signing_certificate
        current.save()
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            current,
            before=before,
            after=audit.snapshot(current, ("per_type_series", "signing_certificate")),
        )
    return current


def add_signing_certificate(*, org, by, name, data, password):
    """Store a unit's PKCS#12 (key and certificate), encrypted; it becomes the unit's default."""
    require(by, "documents.manage_signing", org)
    name = (name or "").strip()
    if not name:
        raise invalid("name", _("Give the certificate a name."))
    if not data:
        raise invalid("file", _("The file is empty."))
    info = signatures.read_pkcs12(data, password or "")
    cert = info.certificate
    if cert.not_valid_after_utc < timezone.now():
        raise invalid("file", _("This certificate has expired."))
    with transaction.atomic():
        certificate = SigningCertificate.objects.create(
            org=org,
            name=name,
            subject=info.subject[:255],
            issuer=info.issuer[:255],
            serial=format(cert.serial_number, "x")[:80],
            fingerprint=signatures.fingerprint(cert),
            not_valid_before=cert.not_valid_before_utc,
            not_valid_after=cert.not_valid_after_utc,
            pkcs12_encrypted=signatures.encrypt(data),
            password_encrypted=signatures.encrypt((password or "").encode()),
            created_by=by,
        )
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            certificate,
            after=audit.snapshot(certificate, CERTIFICATE_AUDIT_FIELDS),
        )
        current, _created = IssuerSettings.objects.get_or_create(org=org)
        if current.signing_certificate_id is None:
            current.signing_certificate = certificate
            current.save(update_fields=["signing_certificate"])
    return certificate


def delete_signing_certificate(certificate, *, by):
    """Remove a signing key (documents already signed keep their signatures)."""
    require(by, "documents.manage_signing", certificate.org)
    with transaction.atomic():
        audit.record(
            by,
            AuditEntry.Action.DELETE,
            certificate,
            before=audit.snapshot(certificate, CERTIFICATE_AUDIT_FIELDS),
        )
        IssuerSettings.objects.filter(signing_certificate=certificate).update(
            signing_certificate=None
        )
        certificate.delete()


def add_trust_anchor(*, by, name, pem):
    """Trust signatures that chain to this root certificate (sector admin)."""
    require(by, "documents.manage_signing")
    name = (name or "").strip()
    if not name:
        raise invalid("name", _("Give the trust anchor a name."))
    cert = signatures.read_pem_certificate(pem or "")
    fingerprint = signatures.fingerprint(cert)
    if TrustAnchor.objects.filter(fingerprint=fingerprint).exists():
        raise Conflict(_("This certificate is already a trust anchor."))
    with transaction.atomic():
        anchor = TrustAnchor.objects.create(
            name=name,
            certificate_pem=signatures.to_pem(cert),
            subject=signatures.common_name(cert.subject)[:255],
            fingerprint=fingerprint,
            not_valid_after=cert.not_valid_after_utc,
            created_by=by,
        )
        audit.record(
            by, AuditEntry.Action.CREATE, anchor, after=audit.snapshot(anchor, ANCHOR_AUDIT_FIELDS)
        )
    return anchor


def set_trust_anchor_active(anchor, active, *, by):
    require(by, "documents.manage_signing")
    with transaction.atomic():
        before = audit.snapshot(anchor, ANCHOR_AUDIT_FIELDS)
        anchor.active = bool(active)
        anchor.save(update_fields=["active"])
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            anchor,
            before=before,
            after=audit.snapshot(anchor, ANCHOR_AUDIT_FIELDS),
        )
    return anchor
