"""lovende restore FILE [--yes]: restore a backup into the configured database and check it.

Exit code 2 when the archive or the target is refused (nothing changed), 1 when the restored
content differs from the manifest. Stop the app before restoring.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from lovende.ops.backup import BackupRefused, RestoreMismatch, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `lovende backup` (REL-04) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace the content of a database that is not empty",
        )

    def handle(self, *args, archive: Path, yes: bool, **options):
        started = time.perf_counter()
        if not archive.is_file():
            raise CommandError(f"Filen {archive} findes ikke.", returncode=2)
        try:
            manifest = restore_backup(archive, connections["default"], replace=yes)
        except BackupRefused as error:
            raise CommandError(str(error), returncode=2) from error
        except RestoreMismatch as error:
            raise CommandError(str(error), returncode=1) from error
        tables = manifest["tables"]
        rows = sum(table["rows"] for table in tables.values())
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Gendannet og kontrolleret: {len(tables)} tabeller, {rows} rækker fra "
            f"{manifest['created']} ({seconds:.1f} s)"
        )
