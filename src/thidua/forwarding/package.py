"""The package exchanged between installations: a thidua dossier ZIP plus ``nominations.json``.

``build_package`` packs, with ``documents.dossier.dossier_zip``, the documents of every nomination's
dossier and the batch's TTr (``manifest.json`` with the SHA-256 and size of each file), adds
``nominations.json`` with what the upper level needs of each nominee, and records that file's
SHA-256 in the manifest (``attachments``) so the whole package is checked on import.

``nominations.json`` holds per nominee only: name, gender, birth year, unit name, job title, award
type code and name, year, achievements, score, the direct-worker flag, whether it is a collective,
the nomination's id at the sender (``ref``) and its documents (indexes into the manifest's list).
No birth date, no contact data, no identity numbers.
"""

import decimal
import io
import json
import zipfile

from django.utils.translation import gettext as _

from thidua.core.exceptions import InvalidInput
from thidua.documents import dossier, uploads
from thidua.documents.storage import sha256_of

NOMINATIONS_NAME = "nominations.json"
FORMAT = "thidua-forwarding"
FORMAT_VERSION = 1
MAX_NOMINATIONS = 1000


def nominee_data(nomination, document_indexes):
    member = nomination.member
    if member is not None:
        birth_year = member.birth_date.year if member.birth_date else None
        unit_name, job_title = member.org.name, member.job_title or ""
        gender, direct = member.gender or "", bool(member.is_direct_worker)
    else:
        birth_year, gender, direct = None, "", False
        unit_name, job_title = nomination.nominee_org.name, ""
    return {
        "ref": nomination.pk,
        "collective": member is None,
        "full_name": nomination.nominee_name,
        "gender": gender,
        "birth_year": birth_year,
        "unit_name": unit_name,
        "job_title": job_title,
        "award_type_code": nomination.award_type.code,
        "award_type_name": nomination.award_type.name,
        "year": nomination.year,
        "achievements": nomination.achievements,
        "score": str(nomination.score),
        "is_direct_worker": direct,
        "documents": document_indexes,
    }


def build_package(batch, nominations, dossiers):
    """The package bytes of ``batch``: ``dossiers`` maps each nomination's pk to its documents."""
    documents, index_of = [], {}

    def add(document):
        if document.pk not in index_of:
            index_of[document.pk] = len(documents)
            documents.append(document)
        return index_of[document.pk]

    add(batch.submission_document)
    people = [nominee_data(n, [add(d) for d in dossiers.get(n.pk, [])]) for n in nominations]
    base = dossier.dossier_zip(documents, title=batch.title)
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "title": batch.title,
        "level": batch.level,
        "year": batch.year,
        "from_org": {"code": batch.org.code, "name": batch.org.name},
        "to": {
            "code": batch.upper_org.code if batch.upper_org_id else "",
            "name": batch.upper_body,
        },
        "submission": {
            "document": 0,
            "number_symbol": batch.submission_document.number_symbol,
        },
        "nominations": people,
    }
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == dossier.MANIFEST_NAME:
                manifest = json.loads(content.decode("utf-8"))
                manifest["attachments"] = [
                    {"path": NOMINATIONS_NAME, "sha256": sha256_of(payload), "size": len(payload)}
                ]
                content = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            target.writestr(info.filename, content)
        target.writestr(NOMINATIONS_NAME, payload)
    return out.getvalue()


def _bad(message, field="file"):
    return InvalidInput(message, errors=[{"field": field, "message": str(message)}])


def read_package(zip_bytes):
    """``(manifest, nominations_data)`` of a package, after checking ``nominations.json`` against
    the manifest's checksum and its structure; ``InvalidInput`` naming the fault otherwise. The
    documents themselves are checked by ``documents.dossier.import_dossier``."""
    if not zip_bytes:
        raise _bad(_("The file is empty."))
    if len(zip_bytes) > uploads.max_upload_bytes() * 10:
        raise _bad(_("The package is too large."))
    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
            uploads.check_zip_entries(archive.infolist())
            names = set(archive.namelist())
            if dossier.MANIFEST_NAME not in names or NOMINATIONS_NAME not in names:
                raise _bad(_("The file is not a thidua package of forwarded nominations."))
            manifest_raw = archive.read(dossier.MANIFEST_NAME)
            payload = archive.read(NOMINATIONS_NAME)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        raise _bad(_("The file is not a ZIP package or it is damaged.")) from None
    try:
        manifest = json.loads(manifest_raw.decode("utf-8"))
        data = json.loads(payload.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _bad(_("The package's manifest or nominations.json cannot be read.")) from None
    if not isinstance(manifest, dict) or not isinstance(data, dict):
        raise _bad(_("The file is not a thidua package of forwarded nominations."))
    declared = {
        a.get("path"): a.get("sha256")
        for a in manifest.get("attachments") or []
        if isinstance(a, dict)
    }
    if declared.get(NOMINATIONS_NAME) != sha256_of(payload):
        raise _bad(_("nominations.json does not match its checksum in the manifest."))
    if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
        raise _bad(_("The file is not a thidua package of forwarded nominations."))
    documents = manifest.get("documents")
    count = len(documents) if isinstance(documents, list) else 0
    return manifest, clean_data(data, count)


def _text(value, limit):
    return str(value).strip()[:limit] if isinstance(value, str | int) else ""


def _int(value, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def clean_data(data, document_count):
    """The checked content of ``nominations.json``; every fault is listed (field, message)."""
    errors = []
    year = _int(data.get("year"), 2000, 2100)
    if year is None:
        errors.append({"field": "year", "message": _("Enter a year from 2000 to 2100.")})
    level = data.get("level")
    if level not in ("federation", "confederation", "state"):
        errors.append({"field": "level", "message": _("Unknown award level.")})
    sender = data.get("from_org") if isinstance(data.get("from_org"), dict) else {}
    if not _text(sender.get("name"), 255):
        errors.append({"field": "from_org", "message": _("The sending unit is missing.")})
    items = data.get("nominations")
    if not isinstance(items, list) or not items:
        errors.append({"field": "nominations", "message": _("The package lists no nominations.")})
        items = []
    if len(items) > MAX_NOMINATIONS:
        errors.append({"field": "nominations", "message": _("The package lists too many.")})
        items = []
    people = []
    for index, item in enumerate(items):
        prefix = f"nominations[{index}]"
        if not isinstance(item, dict):
            errors.append({"field": prefix, "message": _("Not a nomination entry.")})
            continue
        person = _clean_item(item, prefix, document_count, errors)
        if person is not None:
            people.append(person)
    if errors:
        raise InvalidInput(_("The package cannot be imported; nothing was saved."), errors=errors)
    submission = data.get("submission") if isinstance(data.get("submission"), dict) else {}
    return {
        "title": _text(data.get("title"), 500) or _("Forwarded nominations"),
        "level": level,
        "year": year,
        "from_code": _text(sender.get("code"), 30),
        "from_name": _text(sender.get("name"), 255),
        "submission_number": _text(submission.get("number_symbol"), 60),
        "nominations": people,
    }


def _clean_item(item, prefix, document_count, errors):
    before = len(errors)
    ref = _int(item.get("ref"), 1, 2**63 - 1)
    name = _text(item.get("full_name"), 255)
    code = _text(item.get("award_type_code"), 30)
    year = _int(item.get("year"), 2000, 2100)
    if ref is None:
        errors.append({"field": f"{prefix}.ref", "message": _("The reference is missing.")})
    if not name:
        errors.append({"field": f"{prefix}.full_name", "message": _("The name is missing.")})
    if not code:
        errors.append(
            {"field": f"{prefix}.award_type_code", "message": _("The award type is missing.")}
        )
    if year is None:
        errors.append({"field": f"{prefix}.year", "message": _("Enter a year from 2000 to 2100.")})
    birth_year = item.get("birth_year")
    if birth_year is not None and _int(birth_year, 1900, 2100) is None:
        errors.append({"field": f"{prefix}.birth_year", "message": _("Not a valid year.")})
    try:
        score = decimal.Decimal(str(item.get("score") or "0"))
        if not score.is_finite() or not 0 <= score < 1_000_000:
            raise decimal.InvalidOperation
    except (decimal.InvalidOperation, ValueError):
        score = None
        errors.append({"field": f"{prefix}.score", "message": _("Not a valid score.")})
    documents = item.get("documents") or []
    if not isinstance(documents, list) or any(
        _int(i, 0, max(document_count - 1, 0)) is None or i >= document_count for i in documents
    ):
        errors.append(
            {
                "field": f"{prefix}.documents",
                "message": _("Refers to documents not in the package."),
            }
        )
    if len(errors) > before:
        return None
    return {
        "source_id": ref,
        "collective": bool(item.get("collective")),
        "full_name": name,
        "gender": item.get("gender") if item.get("gender") in ("male", "female") else "",
        "birth_year": birth_year,
        "unit_name": _text(item.get("unit_name"), 255),
        "job_title": _text(item.get("job_title"), 255),
        "award_type_code": code,
        "award_type_name": _text(item.get("award_type_name"), 255),
        "year": year,
        "achievements": _text(item.get("achievements"), 20_000),
        "score": score.quantize(decimal.Decimal("0.01")),
        "is_direct_worker": bool(item.get("is_direct_worker")),
        "documents": documents,
    }
