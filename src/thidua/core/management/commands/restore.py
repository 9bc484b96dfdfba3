"""Rebuild an empty installation from an archive of ``manage.py backup``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into an empty installation. Every checksum is "
        "verified before anything is written; a database holding data is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive (.tar or .tar.gz).")
        parser.add_argument("--database", default="default", help="Database alias.")

    @staticmethod
    def quiet(message):
        """Progress is not shown with ``--verbosity 0`` (scheduled runs)."""

    def handle(self, *args, **options):
        progress = self.stdout.write if options["verbosity"] else self.quiet
        try:
            counts = restore_backup(options["path"], using=options["database"], progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not options["verbosity"]:
            return
        summary = _("Restored %(rows)d rows of %(models)d models from %(path)s.")
        self.stdout.write(
            self.style.SUCCESS(
                summary
                % {"rows": sum(counts.values()), "models": len(counts), "path": options["path"]}
            )
        )
