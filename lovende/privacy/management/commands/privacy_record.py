from django.core.management.base import BaseCommand, CommandError, CommandParser

from lovende.privacy.record import RECORD_PATH, inventory_gaps, render_record

FIX = "Kør `lovende privacy_record` og commit docs/privacy/record-of-processing.md."


class Command(BaseCommand):
    help = (
        "Skriver fortegnelsen over behandlingsaktiviteter (GDPR art. 30) i "
        "docs/privacy/record-of-processing.md ud fra dataoversigten (PRIV-01). Med --check "
        "skrives intet; kommandoen fejler, hvis filen ikke er ajour."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fejl, hvis filen er forældet.")

    def handle(self, *args: object, **options: object) -> None:
        missing, stale = inventory_gaps()
        if missing or stale:
            raise CommandError(
                "Dataoversigten (lovende/privacy/inventory.py) er ikke ajour. "
                f"Mangler: {', '.join(missing) or '–'}. Findes ikke længere: {', '.join(stale) or '–'}."
            )
        text = render_record()
        current = RECORD_PATH.read_text(encoding="utf-8") if RECORD_PATH.exists() else None
        if options["check"]:
            if current != text:
                raise CommandError(f"Fortegnelsen {RECORD_PATH.name} er forældet. {FIX}")
            self.stdout.write("Fortegnelsen er ajour.")
            return
        RECORD_PATH.parent.mkdir(parents=True, exist_ok=True)
        RECORD_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Fortegnelsen skrevet: {RECORD_PATH}.")
