"""``restore_backup``: rebuild an empty installation from an archive."""

import io

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from thidua.core.backup.manifest import (
    BackupError,
    open_archive,
    read_manifest,
    verify_members,
)
from thidua.core.backup.media import check_media_targets, restore_media
from thidua.core.backup.tables import (
    check_tables,
    dumped_models,
    existing_tables,
    label,
    rows_outside_reference,
)


def _check_migrations(manifest, using):
    """The archive must have been made at the migration state of this code (same version)."""
    known = set(MigrationLoader(connections[using], ignore_no_migrations=True).graph.nodes)
    archived = {
        (app_label, name) for app_label, names in manifest["migrations"].items() for name in names
    }
    version = manifest.get("thidua_version", "?")
    if unknown := sorted(archived - known):
        raise BackupError(
            _(
                "The archive was made by a newer thidua (%(version)s, migration %(migration)s): "
                "restore it with that version."
            )
            % {"version": version, "migration": ".".join(unknown[0])}
        )
    if missing := sorted(known - archived):
        raise BackupError(
            _(
                "The archive was made by an older thidua (%(version)s, without migration "
                "%(migration)s): restore it with that version, then upgrade."
            )
            % {"version": version, "migration": ".".join(missing[0])}
        )


def _check_models(manifest):
    known = {label(model) for model in dumped_models()}
    if unknown := [entry["label"] for entry in manifest["models"] if entry["label"] not in known]:
        raise BackupError(_("This thidua has no model %(model)s.") % {"model": unknown[0]})


def _check_empty(using):
    if occupied := rows_outside_reference(using):
        model, count = occupied
        raise BackupError(
            _(
                "The database is not empty (%(model)s holds %(count)d rows): restore only into "
                "a new, empty installation."
            )
            % {"model": model, "count": count}
        )


def _load_rows(archive, manifest, using, progress):
    """Replace the reference rows, then insert every archived row with its primary key."""
    models = dumped_models()
    connection = connections[using]
    tables = existing_tables(using)
    with connection.cursor() as cursor:
        for model in reversed(models):
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through._meta
                if through.auto_created and through.db_table in tables:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(through.db_table)}")
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    counts = {}
    for entry in manifest["models"]:
        stream = io.TextIOWrapper(archive.extractfile(entry["member"]), encoding="utf-8")
        count = 0
        for obj in serializers.deserialize("jsonl", stream, using=using):
            obj.save(using=using, force_insert=True)
            count += 1
        counts[entry["label"]] = count
        progress(_("%(model)s: %(rows)d rows") % {"model": entry["label"], "rows": count})
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return counts


def restore_backup(path, *, using="default", storage=default_storage, progress=print):
    """Rebuild database ``using`` and ``storage`` from the archive at ``path``; rows per model.

    Everything is checked before anything is written: the manifest and every member's checksum,
    the migration state (the archive's must be this code's), an empty database, and no different
    file at an archived file's name. Then the database is migrated, the rows are loaded in one
    transaction, the files are written, and PostgreSQL's sequences are moved past the loaded keys.
    """
    with open_archive(path) as archive:
        manifest = read_manifest(archive)
        verify_members(archive, manifest, progress)
        _check_migrations(manifest, using)
        _check_models(manifest)
        _check_empty(using)
        check_media_targets(manifest, storage)
        progress(_("Archive verified; migrating the database."))
        call_command("migrate", database=using, interactive=False, verbosity=0)
        check_tables(using)
        _check_empty(using)
        try:
            with transaction.atomic(using=using):
                counts = _load_rows(archive, manifest, using, progress)
                restore_media(archive, manifest, progress, storage)
        except (DatabaseError, DeserializationError) as exc:
            raise BackupError(
                _("The rows could not be loaded; no row was kept: %(error)s") % {"error": exc}
            ) from exc
        finally:
            # The content types were replaced by the archive's: forget the cached ones.
            ContentType.objects.clear_cache()
    return counts
