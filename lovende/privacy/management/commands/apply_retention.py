from django.core.management.base import BaseCommand, CommandParser

from lovende.privacy import services


class Command(BaseCommand):
    help = (
        "Sletter afsluttede og afbrudte forløb (med målinger, mål, noter og borgere uden andre "
        "forløb), når kommunens opbevaringsfrist er udløbet, og genberegner månedstallene "
        "(PRIV-04). Køres hver nat. Med --dry-run slettes intet; der vises kun, hvad der ville "
        "blive slettet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Vis kun, slet intet.")

    def handle(self, *args: object, **options: object) -> None:
        dry_run = bool(options["dry_run"])
        verb = "ville slette" if dry_run else "slettede"
        for result in services.apply_retention(dry_run=dry_run):
            # Counts only: no citizen, course or name in the output (it lands in cron's mail).
            self.stdout.write(
                f"{result.organisation}: frist {result.months} måneder (afsluttet før "
                f"{result.cutoff:%Y-%m-%d}); {verb} {result.courses} forløb og "
                f"{result.citizens} borgere; {result.closed_without_end_date} afsluttede "
                "forløb uden slutdato blev ikke rørt; "
                f"{result.kept_restricted} udløbne forløb bevaret, fordi behandlingen er "
                "begrænset (art. 18)."
            )
