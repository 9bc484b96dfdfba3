"""The stored files of the default storage: listing them, and writing them back on a restore."""

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from thidua.core.backup.manifest import MEDIA_DIR, BackupError, sha256_of_stream


def stored_names(storage=default_storage, directory=""):
    """Every file name of ``storage`` below ``directory``, sorted (works for S3 buckets too)."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    prefix = f"{directory}/" if directory else ""
    names = [prefix + name for name in files]
    for sub in directories:
        names.extend(stored_names(storage, prefix + sub))
    return sorted(names)


def media_members(manifest):
    return sorted(name for name in manifest["members"] if name.startswith(MEDIA_DIR))


def check_media_targets(manifest, storage=default_storage):
    """Refuse before anything is written when a file of the archive exists with other content."""
    for member in media_members(manifest):
        name = member.removeprefix(MEDIA_DIR)
        if storage.exists(name):
            with storage.open(name, "rb") as handle:
                digest, _size, _lines = sha256_of_stream(handle)
            if digest != manifest["members"][member]["sha256"]:
                raise BackupError(
                    _("The storage already holds a different file %(name)s.") % {"name": name}
                )


def restore_media(archive, manifest, progress, storage=default_storage):
    """Write the archive's files into ``storage`` (skipping those already there, identical)."""
    written = 0
    for member in media_members(manifest):
        name = member.removeprefix(MEDIA_DIR)
        if storage.exists(name):
            continue
        saved = storage.save(name, File(archive.extractfile(member), name=name))
        if saved != name:
            storage.delete(saved)
            raise BackupError(_("Could not write %(name)s to the storage.") % {"name": name})
        written += 1
    progress(_("Restored %(count)d stored files.") % {"count": written})
    return written
