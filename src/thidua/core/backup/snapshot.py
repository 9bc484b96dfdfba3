"""One read-only transaction around the whole dump, so that every table is read at one instant."""

from contextlib import contextmanager

from django.db import connections
from django.utils.translation import gettext as _

from thidua.core.backup.manifest import BackupError


@contextmanager
def read_snapshot(using):
    """Run the block in one read transaction of ``using``: ``REPEATABLE READ READ ONLY`` on
    PostgreSQL (one snapshot for every query), a deferred transaction on SQLite (in WAL mode the
    reader sees the database as of its first read, without blocking writers)."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError(_("A backup must not run inside another transaction."))
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    elif connection.vendor == "sqlite":
        begin = "BEGIN DEFERRED"
    else:
        raise BackupError(
            _("Backups support PostgreSQL and SQLite, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    with connection.cursor() as cursor:
        cursor.execute(begin)
    try:
        yield connection
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")
