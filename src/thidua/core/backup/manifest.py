"""The manifest of an archive, the checksums of its members and their verification."""

import datetime
import hashlib
import json
import tarfile

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.timezone import is_aware
from django.utils.translation import gettext as _

FORMAT = "thidua-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.json.sha256"
DATA_DIR = "data/"
MEDIA_DIR = "media/"
CHUNK = 1024 * 1024


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes and times keep their microseconds (Django's stops at
    milliseconds, which would make a restored timestamp differ from the original)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            if isinstance(o, datetime.time) and is_aware(o):
                return super().default(o)
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why, nothing was written."""


class HashingWriter:
    """A binary stream that counts and hashes what passes through it on its way to ``target``."""

    def __init__(self, target):
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.digest.update(data)
        self.size += len(data)
        return self.target.write(data)

    def flush(self):
        self.target.flush()

    @property
    def sha256(self):
        return self.digest.hexdigest()


def sha256_of_stream(stream):
    """(sha256, size, newline count) of a binary stream read to its end."""
    digest, size, lines = hashlib.sha256(), 0, 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        lines += chunk.count(b"\n")
    return digest.hexdigest(), size, lines


def safe_member_name(name):
    """Refuse absolute names and ``..`` so that no member can point outside its place."""
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and ".." not in parts and "" not in parts


def open_archive(path):
    try:
        return tarfile.open(path, "r:*")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(_("%(path)s is not a readable backup archive.") % {"path": path}) from exc


def read_manifest(archive):
    """The manifest of an open archive, after checking it against ``manifest.json.sha256``."""
    try:
        raw = archive.extractfile(MANIFEST).read()
        expected = archive.extractfile(MANIFEST_SUM).read().decode().strip()
    except (KeyError, AttributeError, tarfile.TarError, UnicodeDecodeError) as exc:
        raise BackupError(_("The archive has no valid manifest.")) from exc
    if hashlib.sha256(raw).hexdigest() != expected:
        raise BackupError(_("The manifest does not match its checksum: the archive was altered."))
    try:
        manifest = json.loads(raw)
    except ValueError as exc:
        raise BackupError(_("The archive has no valid manifest.")) from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("Unsupported archive format %(format)s version %(version)s.")
            % {"format": manifest.get("format"), "version": manifest.get("format_version")}
        )
    return manifest


def verify_members(archive, manifest, progress):
    """Check every member against the manifest: the same names, sizes, checksums and row counts."""
    listed = manifest["members"]
    rows = {entry["member"]: entry["rows"] for entry in manifest["models"]}
    seen = set()
    try:
        members = archive.getmembers()
    except tarfile.TarError as exc:
        raise BackupError(_("The archive is damaged.")) from exc
    for member in members:
        if member.name in (MANIFEST, MANIFEST_SUM):
            continue
        expected = listed.get(member.name)
        if expected is None or not member.isfile() or not safe_member_name(member.name):
            raise BackupError(
                _("The archive holds an unexpected member %(name)s.") % {"name": member.name}
            )
        try:
            digest, size, lines = sha256_of_stream(archive.extractfile(member))
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(_("The archive is damaged.")) from exc
        if digest != expected["sha256"] or size != expected["size"]:
            raise BackupError(
                _("%(name)s does not match its checksum: the archive was altered.")
                % {"name": member.name}
            )
        if member.name in rows and lines != rows[member.name]:
            raise BackupError(
                _("%(name)s does not hold the number of rows in the manifest.")
                % {"name": member.name}
            )
        seen.add(member.name)
        if member.name in rows:
            progress(_("Verified %(name)s") % {"name": member.name})
    missing = sorted(set(listed) - seen)
    if missing:
        raise BackupError(_("The archive lacks %(name)s.") % {"name": missing[0]})
    files = sum(1 for name in seen if name.startswith(MEDIA_DIR))
    progress(_("Verified %(count)d stored files.") % {"count": files})
