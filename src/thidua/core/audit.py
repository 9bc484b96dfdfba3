"""Writing the audit trail: services call ``record`` with snapshots taken by ``snapshot``."""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from thidua.core.models import AuditEntry


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def snapshot(instance, fields=None):
    """A JSON-ready dict of the concrete fields of ``instance`` (FKs as ids)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"created_at", "updated_at", "search_key", "sort_key", "password"}:
            continue
        data[field.name] = _plain(getattr(instance, field.attname))
    return data


def org_path_of(instance):
    """The org path that scopes an audited record, for filtering the trail by subtree."""
    for attr in ("org_path", "path"):
        value = getattr(instance, attr, None)
        if isinstance(value, str):
            return value
    org = getattr(instance, "org", None)
    return getattr(org, "path", "") or ""


def record(actor, action, instance, *, before=None, after=None, comment="", org_path=None):
    """Append one audit entry for ``instance``."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        org_path=org_path if org_path is not None else org_path_of(instance),
        before=before,
        after=after,
        comment=comment,
    )


def history(instance):
    """Audit entries of ``instance``, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
    ).select_related("actor")
