"""Checking an uploaded file: its real type from its content, its size, its name.

The type is read from the bytes (magic numbers; for zip-based formats the zip's entries; for OLE2
files the stream names), never from the name. A name whose extension says something else is refused,
as are empty and oversized files, password-protected files and zip bombs; with ``CLAMD_ADDRESS`` set
the bytes are also scanned for viruses (``antivirus.py``). Nothing here writes.
"""

import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass

import olefile
from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader

from thidua.core.exceptions import InvalidInput
from thidua.documents import antivirus

# Zip-based formats: refuse archives that would expand beyond these limits.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED = 250 * 1024 * 1024
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = 1024 * 1024  # entries smaller than this are never judged by their ratio


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    content_type: str
    extensions: tuple[str, ...]

    @property
    def extension(self):
        return self.extensions[0]


PDF = FileKind("pdf", "PDF", "application/pdf", (".pdf",))
DOCX = FileKind(
    "docx",
    "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
DOC = FileKind("doc", "Word 97-2003 (.doc)", "application/msword", (".doc",))
XLSX = FileKind(
    "xlsx",
    "Excel (.xlsx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
XLS = FileKind("xls", "Excel 97-2003 (.xls)", "application/vnd.ms-excel", (".xls",))
ODT = FileKind("odt", "OpenDocument (.odt)", "application/vnd.oasis.opendocument.text", (".odt",))
JPG = FileKind("jpg", "JPEG", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileKind("png", "PNG", "image/png", (".png",))
KINDS = (PDF, DOCX, DOC, XLSX, XLS, ODT, JPG, PNG)
KNOWN_EXTENSIONS = {ext: kind for kind in KINDS for ext in kind.extensions}
ACCEPT_ATTRIBUTE = ",".join(ext for kind in KINDS for ext in kind.extensions)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class FileTooLarge(InvalidInput):
    status = 413


def rejected(message):
    return InvalidInput(message, errors=[{"field": "file", "message": message}])


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    kind: FileKind
    name: str

    @property
    def content_type(self):
        return self.kind.content_type


def max_upload_bytes():
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024))


def read_upload(uploaded) -> bytes:
    """The bytes of a Django ``UploadedFile``, refusing an oversized one before reading it all."""
    limit = max_upload_bytes()
    if uploaded.size is not None and uploaded.size > limit:
        raise too_large(limit)
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit)
    return data


def too_large(limit):
    message = _("The file is larger than the limit of %(size)s MB.") % {
        "size": f"{limit / (1024 * 1024):g}"
    }
    return FileTooLarge(message, errors=[{"field": "file", "message": message}])


def check_file(data: bytes, name: str) -> CheckedFile:
    """Validate an upload; returns its real type and a safe name, or raises ``InvalidInput``."""
    if not data:
        raise rejected(_("The file is empty."))
    limit = max_upload_bytes()
    if len(data) > limit:
        raise too_large(limit)
    kind = detect_kind(data)
    if kind is None:
        raise rejected(
            _(
                "This type of file is not accepted. "
                "Send a PDF, Word, Excel, OpenDocument, JPG or PNG file."
            )
        )
    clean = sanitize_filename(name)
    stem, ext = os.path.splitext(clean)
    ext = ext.lower()
    if ext and ext not in kind.extensions:
        raise rejected(
            _("The file name says “%(ext)s” but the content is %(kind)s.")
            % {"ext": ext, "kind": kind.label}
        )
    if not ext:
        clean = f"{stem or _('document')}{kind.extension}"
    if kind is PDF:
        check_pdf(data)
    antivirus.check_for_viruses(data)
    return CheckedFile(data=data, kind=kind, name=clean)


def detect_kind(data: bytes):
    """The ``FileKind`` of ``data`` from its content, or ``None`` when it is none of ours."""
    if data[:1024].find(b"%PDF-") != -1:
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPG
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data)
    return None


def _zip_kind(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise rejected(_("The file is damaged and cannot be read.")) from None
    check_zip_entries(entries)
    names = {entry.filename for entry in entries}
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise rejected(_("The file is protected with a password; send it without the password."))
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "mimetype" in names:
        try:
            with archive.open("mimetype") as handle:
                mimetype = handle.read(200).strip()
        except (zipfile.BadZipFile, OSError, RuntimeError):
            raise rejected(_("The file is damaged and cannot be read.")) from None
        if mimetype == ODT_MIMETYPE:
            return ODT
    return None


def check_zip_entries(entries):
    """Refuse an archive that would expand too far (a zip bomb)."""
    if len(entries) > ZIP_MAX_ENTRIES:
        raise rejected(
            _("The archive holds too many entries (more than %(count)s).")
            % {"count": ZIP_MAX_ENTRIES}
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > ZIP_RATIO_FLOOR and ratio > ZIP_MAX_RATIO:
            raise rejected(
                _("The archive expands abnormally (a possible zip bomb); it is refused.")
            )
    if total > ZIP_MAX_UNCOMPRESSED:
        raise rejected(_("The archive expands abnormally (a possible zip bomb); it is refused."))


def _ole_kind(data):
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):
                raise rejected(
                    _("The file is protected with a password; send it without the password.")
                )
            if ole.exists("WordDocument"):
                return DOC
            if ole.exists("Workbook") or ole.exists("Book"):
                return XLS
    except InvalidInput:
        raise
    except Exception:
        # olefile raises assorted errors on a malformed compound file.
        raise rejected(_("The file is damaged and cannot be read.")) from None
    return None


def check_pdf(data):
    """Refuse a PDF that cannot be opened or that needs a password to be read."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise rejected(_("The PDF is protected with a password and cannot be read."))
        len(reader.pages)
    except InvalidInput:
        raise
    except Exception:
        # pypdf raises many kinds of errors on a broken file.
        raise rejected(_("The PDF is damaged and cannot be read.")) from None


_FORBIDDEN_IN_NAMES = set('<>:"/\\|?*')
MAX_NAME_LENGTH = 200


def sanitize_filename(name: str) -> str:
    """A safe file name: no directories, no control characters; Vietnamese letters kept (NFC)."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(
        "_" if ch in _FORBIDDEN_IN_NAMES else ch
        for ch in name
        if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )
    cleaned = " ".join(cleaned.split()).strip(" .")
    stem, ext = os.path.splitext(cleaned)
    if len(ext) > 10 or " " in ext:
        stem, ext = cleaned, ""
    stem = stem[: MAX_NAME_LENGTH - len(ext)].strip(" .")
    if not stem:
        return f"document{ext}" if ext else ""
    return f"{stem}{ext}"
