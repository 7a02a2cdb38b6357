"""lovende backup [--out DIR]: one tar file with the database, its manifest and checksums."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from lovende.ops.backup import BackupRefused, make_backup


class Command(BaseCommand):
    help = "Write a backup of the database (REL-04): dump, manifest, checksums."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=Path("."), help="directory to write to")

    def handle(self, *args, out: Path, **options):
        started = time.perf_counter()
        try:
            backup = make_backup(connections["default"], out)
        except BackupRefused as error:
            raise CommandError(str(error), returncode=2) from error
        tables = backup.manifest["tables"]
        size = backup.path.stat().st_size / 1e6
        rows = sum(table["rows"] for table in tables.values())
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Sikkerhedskopi skrevet: {backup.path.resolve()} ({size:.1f} MB, {len(tables)} "
            f"tabeller, {rows} rækker, {seconds:.1f} s)"
        )
