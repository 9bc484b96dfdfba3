"""Write a consistent archive of the database and the stored files (see ``thidua.core.backup``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write an archive of the database (JSON Lines per model) and of every stored file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Archive path (.tar, or .tar.gz to compress). Default: "
            "thidua-backup-<UTC date and time>.tar.gz in the current directory.",
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    @staticmethod
    def quiet(message):
        """Progress is not shown with ``--verbosity 0`` (scheduled runs)."""

    def handle(self, *args, **options):
        output = options["output"] or timezone.now().strftime("thidua-backup-%Y%m%dT%H%M%SZ.tar.gz")
        progress = self.stdout.write if options["verbosity"] else self.quiet
        try:
            manifest = create_backup(output, using=options["database"], progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not options["verbosity"]:
            return
        rows = sum(entry["rows"] for entry in manifest["models"])
        summary = _("%(path)s: %(rows)d rows of %(models)d models, %(files)d stored files.")
        self.stdout.write(
            self.style.SUCCESS(
                summary
                % {
                    "path": output,
                    "rows": rows,
                    "models": len(manifest["models"]),
                    "files": manifest["files"],
                }
            )
        )
