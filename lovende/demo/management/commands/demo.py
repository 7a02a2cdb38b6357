from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lovende.demo.seed import REFUSAL, SeedResult, demo_data_allowed, seed_demo

HOST = "127.0.0.1"
SAMPLE_IMPORTS = Path(__file__).resolve().parents[2] / "fixtures"


class Command(BaseCommand):
    help = (
        "Klargør databasen, opretter Demo Kommune og starter udviklingsserveren "
        "på http://127.0.0.1:8000 (kun med LOVENDE_MODE=demo eller test)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="port (standard 8000)")
        parser.add_argument(
            "--no-serve", action="store_true", help="opret kun data; start ikke serveren"
        )

    def handle(self, *args, port: int, no_serve: bool, **options):
        if not demo_data_allowed():
            raise CommandError(REFUSAL)
        self.stdout.write(
            "Klargør databasen og opretter Demo Kommune (første gang tager det ca. 30 sekunder) ..."
        )
        call_command("migrate", interactive=False, verbosity=0)
        result = seed_demo()
        address = f"{HOST}:{port}"
        self.stdout.write(welcome(result, address, serving=not no_serve))
        if not no_serve:
            call_command("runserver", address, use_reloader=False)


def welcome(result: SeedResult, address: str, *, serving: bool) -> str:
    """The block that tells a first-time user where to go and whom to log in as."""
    width = max(len(username) for username, _, _ in result.logins)
    logins = [f"  {name:<{width}}  {password}  {who}" for name, password, who in result.logins]
    start = (
        "Stop serveren med Ctrl+C." if serving else f"Start serveren med: lovende serve {address}"
    )
    return "\n".join(
        [
            "",
            "Lovende - demo",
            result.summary,
            "",
            f"Åbn http://{address} i browseren og log ind som en af personerne herunder. {start}",
            "Alle navne og CPR-numre er opdigtede.",
            # imports (FILE-02): sample files to try «Importér fra fil» with, e.g. as mette
            f"Eksempelfiler til import (med og uden fejl): {SAMPLE_IMPORTS}",
            "",
            f"  {'Bruger':<{width}}  {'Adgangskode':<17}  Hvem",
            *logins,
            "",
        ]
    )
