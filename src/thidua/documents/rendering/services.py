"""Replacing a unit's document templates and going back to the default (every write is here)."""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import InvalidInput
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.documents.rendering.model import Kind
from thidua.documents.rendering.word import TemplateInvalid, override_name, validate_template

PERMISSION = "documents.manage_templates"


def replace_template(*, org, kind, content: bytes, by, filename: str = "") -> None:
    """Store ``content`` as ``org``'s own template of ``kind``.

    Checks the permission, refuses (``InvalidInput`` on the ``file`` field, nothing stored) a
    file that is not a DOCX or cannot render the kind's sample, replaces any previous template of
    the unit and records an audit entry on the unit with the file's name and SHA-256.
    """
    kind = Kind(kind)
    require(by, PERMISSION, org)
    try:
        validate_template(kind, content)
    except TemplateInvalid as exc:
        raise InvalidInput(
            _("The template was refused."), errors=[{"field": "file", "message": str(exc)}]
        ) from exc
    name = override_name(kind, org)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        had_own = default_storage.exists(name)
        if had_own:
            default_storage.delete(name)
        default_storage.save(name, ContentFile(content))
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            org,
            before={"document_template": kind.value, "own": had_own},
            after={"document_template": kind.value, "file": filename, "sha256": digest},
            comment=_("Document template replaced"),
        )


def reset_template(*, org, kind, by) -> bool:
    """Delete ``org``'s own template of ``kind`` (the parent's or the default applies again).

    Returns False when the unit had none. Records an audit entry when one was deleted.
    """
    kind = Kind(kind)
    require(by, PERMISSION, org)
    name = override_name(kind, org)
    if not default_storage.exists(name):
        return False
    with transaction.atomic():
        default_storage.delete(name)
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            org,
            before={"document_template": kind.value, "own": True},
            after={"document_template": kind.value, "own": False},
            comment=_("Document template reset to the default"),
        )
    return True
