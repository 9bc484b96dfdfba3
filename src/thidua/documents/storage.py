"""Content-addressed storage of document files through Django's default storage.

The blob of a content lives at ``blobs/ab/cd/<sha256>``; any storage backend configured as
``default`` (the local file system, an S3-compatible bucket) works unchanged. A content is written
once; its ``StoredFile`` row is shared by every document that carries it.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from thidua.documents.models import StoredFile, blob_path


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_bytes(data: bytes, content_type: str) -> StoredFile:
    """The ``StoredFile`` of ``data``, writing the blob and the row when the content is new."""
    digest = sha256_of(data)
    path = blob_path(digest)
    if not default_storage.exists(path):
        saved = default_storage.save(path, ContentFile(data))
        if saved != path:
            # Another writer stored the same content at the same moment: keep theirs.
            default_storage.delete(saved)
    existing = StoredFile.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return StoredFile.objects.create(
                sha256=digest, size=len(data), content_type=content_type
            )
    except IntegrityError:
        return StoredFile.objects.get(sha256=digest)


def open_blob(stored: StoredFile):
    """A binary file object on the blob of ``stored`` (the caller closes it)."""
    return default_storage.open(stored.storage_path, "rb")


def read_blob(stored: StoredFile) -> bytes:
    with open_blob(stored) as handle:
        return handle.read()
