"""``create_backup``: write the archive of the database and the stored files."""

import json
import os
import tarfile
import tempfile
import time
from pathlib import Path

from django.core import serializers
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import thidua
from thidua.core.backup.manifest import (
    CHUNK,
    DATA_DIR,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_SUM,
    MEDIA_DIR,
    BackupError,
    ExactJSONEncoder,
    HashingWriter,
)
from thidua.core.backup.media import stored_names
from thidua.core.backup.snapshot import read_snapshot
from thidua.core.backup.tables import check_tables, dumped_models, label

BATCH = 2000


def _write_mode(path):
    return "w:gz" if str(path).endswith((".tar.gz", ".tgz")) else "w"


def _add_file(archive, name, handle, size):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(time.time())
    info.mode = 0o600
    handle.seek(0)
    archive.addfile(info, handle)


def _applied_migrations(using):
    applied = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _check_migrated(using):
    executor = MigrationExecutor(connections[using])
    if plan := executor.migration_plan(executor.loader.graph.leaf_nodes()):
        migration = plan[0][0]
        raise BackupError(
            _("The database lacks migration %(migration)s: run `manage.py migrate` first.")
            % {"migration": f"{migration.app_label}.{migration.name}"}
        )
    check_tables(using)


def _dump_model(archive, model, member, using):
    """Stream the rows of ``model`` (by primary key) into ``member``; (rows, sha256, size)."""
    with tempfile.TemporaryFile() as spool:
        writer = HashingWriter(spool)
        rows = model._base_manager.using(using).order_by("pk")
        count = 0

        def counted():
            nonlocal count
            for row in rows.iterator(chunk_size=BATCH):
                count += 1
                yield row

        serializers.serialize("jsonl", counted(), stream=writer, cls=ExactJSONEncoder)
        _add_file(archive, member, spool, writer.size)
        return count, writer.sha256, writer.size


def _dump_file(archive, name, storage):
    with tempfile.TemporaryFile() as spool, storage.open(name, "rb") as source:
        writer = HashingWriter(spool)
        while chunk := source.read(CHUNK):
            writer.write(chunk)
        _add_file(archive, MEDIA_DIR + name, spool, writer.size)
        return writer.sha256, writer.size


def create_backup(output, *, using="default", storage=default_storage, progress=print):
    """Write the archive of database ``using`` and of ``storage`` to ``output``; its manifest.

    The files are read after the rows: blobs are never deleted, so every file the rows refer to is
    in the archive. The archive is written beside ``output`` and renamed when complete; it holds
    personal data, so only its owner may read it.
    """
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    _check_migrated(using)
    try:
        manifest = _write_archive(partial, _write_mode(output), using, storage, progress)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(output)
    return manifest


def _write_archive(path, mode, using, storage, progress):
    models, members = [], {}
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode=mode) as archive:
        with read_snapshot(using) as connection:
            migrations = _applied_migrations(using)
            for index, model in enumerate(dumped_models(), start=1):
                member = f"{DATA_DIR}{index:03d}-{label(model)}.jsonl"
                rows, digest, size = _dump_model(archive, model, member, using)
                models.append(
                    {
                        "label": label(model),
                        "table": model._meta.db_table,
                        "member": member,
                        "rows": rows,
                    }
                )
                members[member] = {"sha256": digest, "size": size}
                progress(_("%(model)s: %(rows)d rows") % {"model": label(model), "rows": rows})
            vendor = connection.vendor
        names = stored_names(storage)
        for name in names:
            digest, size = _dump_file(archive, name, storage)
            members[MEDIA_DIR + name] = {"sha256": digest, "size": size}
        progress(_("Stored files: %(count)d") % {"count": len(names)})
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "thidua_version": thidua.__version__,
            "created_at": timezone.now().isoformat(),
            "database_vendor": vendor,
            "migrations": migrations,
            "models": models,
            "files": len(names),
            "members": members,
        }
        raw = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        with tempfile.TemporaryFile() as spool:
            writer = HashingWriter(spool)
            writer.write(raw)
            _add_file(archive, MANIFEST, spool, len(raw))
            spool.seek(0)
            spool.truncate()
            checksum = f"{writer.sha256}\n".encode()
            spool.write(checksum)
            _add_file(archive, MANIFEST_SUM, spool, len(checksum))
    return manifest
