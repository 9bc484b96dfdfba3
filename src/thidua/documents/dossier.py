"""Dossier ZIP: the files of a set of documents with a ``manifest.json`` another thidua can read.

``dossier_zip`` packs documents (or the documents linked to a record); ``import_dossier``
checks every file against the manifest's SHA-256 and size, checks its type like an upload, and only
then recreates all the documents at once, as received documents of the importing unit. A dossier
with any fault changes nothing.
"""

import datetime
import io
import json
import zipfile

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import InvalidInput
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.documents import services, uploads
from thidua.documents.models import Document, DocumentStatus, Origin, Retention
from thidua.documents.storage import read_blob, sha256_of

MANIFEST_NAME = "manifest.json"
FORMAT = "thidua-dossier"
FORMAT_VERSION = 1
MAX_DOCUMENTS = 500


def documents_of(target):
    """The documents of ``target``: a document, an iterable of them, or a record they serve."""
    if isinstance(target, Document):
        return [target]
    if isinstance(target, Model):
        return list(
            Document.objects.for_record(target)
            .exclude(status=DocumentStatus.CANCELLED)
            .select_related("org", "doc_type", "file")
            .order_by("issued_on", "id")
        )
    return list(target)


def _entry(index, document):
    path = None
    if document.file is not None:
        path = f"files/{index:03d}-{document.file_name or document.file.sha256}"
    return {
        "title": document.title,
        "number_symbol": document.number_symbol,
        "doc_type": document.doc_type.code,
        "doc_type_abbreviation": document.doc_type.abbreviation,
        "issued_on": document.issued_on.isoformat() if document.issued_on else None,
        "status": document.status,
        "summary": document.summary,
        "recipients": document.recipients,
        "signer_name": document.signer_name,
        "signer_title": document.signer_title,
        "retention": document.retention,
        "org_code": document.org.code,
        "org_name": document.org.name,
        "file_name": document.file_name or None,
        "path": path,
        "sha256": document.file.sha256 if document.file else None,
        "size": document.file.size if document.file else None,
        "content_type": document.file.content_type if document.file else None,
    }


def dossier_zip(target, *, title="") -> bytes:
    """A ZIP of the documents of ``target`` and their ``manifest.json`` (see the module doc)."""
    documents = documents_of(target)
    entries = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, document in enumerate(documents, start=1):
            entry = _entry(index, document)
            if document.file is not None:
                archive.writestr(entry["path"], read_blob(document.file))
            entries.append(entry)
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "title": title or (str(target) if isinstance(target, Model) else ""),
            "generated_at": timezone.now().isoformat(),
            "documents": entries,
        }
        archive.writestr(
            MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        )
    return buffer.getvalue()


def _bad(message, field="file"):
    return InvalidInput(message, errors=[{"field": field, "message": message}])


def _read_manifest(archive):
    try:
        with archive.open(MANIFEST_NAME) as handle:
            manifest = json.loads(handle.read(5 * 1024 * 1024).decode("utf-8"))
    except KeyError:
        raise _bad(_("The dossier has no manifest.json.")) from None
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        raise _bad(_("The dossier's manifest.json cannot be read.")) from None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("documents"), list)
    ):
        raise _bad(_("The file is not a thidua dossier."))
    if manifest.get("version") != FORMAT_VERSION:
        raise _bad(_("This dossier version is not supported."))
    if len(manifest["documents"]) > MAX_DOCUMENTS:
        raise _bad(_("The dossier holds too many documents."))
    return manifest


def _parse_date(value):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return False


def _text(entry, key, limit):
    value = entry.get(key)
    return str(value)[:limit] if isinstance(value, str | int) else ""


def _check_entry(archive, index, entry, errors):
    """Validate one manifest entry; returns what to create, or ``None`` after adding errors."""
    prefix = f"documents[{index}]"
    if not isinstance(entry, dict):
        errors.append({"field": prefix, "message": _("Not a document entry.")})
        return None
    before = len(errors)
    title = _text(entry, "title", 500).strip()
    if not title:
        errors.append({"field": f"{prefix}.title", "message": _("The title is missing.")})
    try:
        doc_type = services.resolve_doc_type(entry.get("doc_type"))
    except InvalidInput as exc:
        doc_type = None
        errors.append({"field": f"{prefix}.doc_type", "message": str(exc.detail)})
    issued_on = _parse_date(entry.get("issued_on"))
    if issued_on is False:
        errors.append({"field": f"{prefix}.issued_on", "message": _("Enter a valid date.")})
    checked = None
    if entry.get("path"):
        checked = _check_file(archive, prefix, entry, errors)
    if len(errors) > before:
        return None
    retention = entry.get("retention")
    return {
        "title": title,
        "doc_type": doc_type,
        "issued_on": issued_on,
        "number_symbol": _text(entry, "number_symbol", 60),
        "summary": _text(entry, "summary", 20_000),
        "recipients": _text(entry, "recipients", 20_000),
        "signer_name": _text(entry, "signer_name", 150),
        "signer_title": _text(entry, "signer_title", 150),
        "retention": retention if retention in Retention.values else Retention.YEARS_10,
        "checked": checked,
    }


def _check_file(archive, prefix, entry, errors):
    try:
        info = archive.getinfo(str(entry["path"]))
    except KeyError:
        errors.append(
            {"field": f"{prefix}.path", "message": _("The file is missing from the dossier.")}
        )
        return None
    if info.file_size > uploads.max_upload_bytes():
        errors.append({"field": f"{prefix}.size", "message": _("The file is too large.")})
        return None
    try:
        with archive.open(info) as handle:
            data = handle.read(uploads.max_upload_bytes() + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError):
        errors.append({"field": f"{prefix}.path", "message": _("The file is damaged.")})
        return None
    if sha256_of(data) != str(entry.get("sha256") or "").lower():
        errors.append(
            {"field": f"{prefix}.sha256", "message": _("The file does not match its checksum.")}
        )
        return None
    if entry.get("size") is not None and entry.get("size") != len(data):
        errors.append(
            {"field": f"{prefix}.size", "message": _("The file does not have the declared size.")}
        )
        return None
    try:
        return uploads.check_file(data, str(entry.get("file_name") or info.filename))
    except InvalidInput as exc:
        errors.append({"field": f"{prefix}.file", "message": str(exc.detail)})
        return None


def import_dossier(zip_bytes, *, org, by, record=None):
    """Recreate the documents of a dossier at ``org`` (as received documents); all or nothing.

    Every file must match the manifest's SHA-256 and size and pass the upload checks. Side effects:
    stored files, the documents (linked to ``record`` when given) and one audit entry each.
    """
    require(by, "documents.add_document", org)
    if not zip_bytes:
        raise _bad(_("The file is empty."))
    if len(zip_bytes) > uploads.max_upload_bytes() * 10:
        raise _bad(_("The dossier is too large."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
        uploads.check_zip_entries(archive.infolist())
    except zipfile.BadZipFile:
        raise _bad(_("The dossier is not a ZIP file.")) from None
    with archive:
        manifest = _read_manifest(archive)
        errors = []
        planned = [
            _check_entry(archive, index, entry, errors)
            for index, entry in enumerate(manifest["documents"])
        ]
    if errors:
        raise InvalidInput(_("The dossier cannot be imported; nothing was saved."), errors=errors)
    created = []
    with transaction.atomic():
        for plan in planned:
            checked = plan.pop("checked")
            document = Document(
                org=org,
                origin=Origin.RECEIVED,
                status=DocumentStatus.ISSUED if plan["number_symbol"] else DocumentStatus.DRAFT,
                year=plan["issued_on"].year if plan["issued_on"] else None,
                created_by=by,
                **plan,
            )
            if record is not None:
                document.record = record
            if checked is not None:
                services.apply_file(document, checked)
            document.save()
            audit.record(
                by,
                AuditEntry.Action.IMPORT,
                document,
                after=services.snapshot(document),
                comment=_("Imported from a dossier"),
            )
            created.append(document)
    return created
