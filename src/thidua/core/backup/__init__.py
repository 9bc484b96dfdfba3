"""Backup and restore of a whole installation: ``manage.py backup`` and ``manage.py restore``.

An archive is a tar file (``.tar``, or ``.tar.gz``/``.tgz`` compressed) holding:

``data/NNN-<app>.<model>.jsonl``
    every row of every model, one JSON object a line in Django's serialisation format (primary keys
    kept), one member per model in dependency order, so it loads into SQLite or PostgreSQL alike;
``media/<name>``
    every file of the default storage (the document blobs ``blobs/ab/cd/<sha256>``, job files,
    template overrides) under its storage name;
``manifest.json``
    the format version, the thidua version, the applied migrations per app, the creation time, the
    database vendor, the row count of each model, and the SHA-256 and size of every other member;
``manifest.json.sha256``
    the SHA-256 of ``manifest.json``, so that a change anywhere in the archive is detected.

The data is read inside one read-only transaction (``REPEATABLE READ`` on PostgreSQL, one read
transaction on SQLite), so the rows are a consistent snapshot. A restore verifies everything
before it writes anything, refuses a database that is not empty, and loads in one transaction.
"""

from thidua.core.backup.dump import create_backup
from thidua.core.backup.load import restore_backup
from thidua.core.backup.manifest import BackupError

__all__ = ["BackupError", "create_backup", "restore_backup"]
