from django.core.management.base import BaseCommand, CommandError

from lovende.demo.seed import DEFAULT_CITIZENS, REFUSAL, demo_data_allowed, seed_demo


class Command(BaseCommand):
    help = (
        "Opretter demokommunen Demo Kommune (og Nabo Kommune) med enheder, medarbejdere, "
        "indsatser, borgere og forløb. Gør intet, hvis Demo Kommune allerede findes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--citizens",
            type=int,
            default=DEFAULT_CITIZENS,
            help=f"antal borgere i Demo Kommune (standard {DEFAULT_CITIZENS})",
        )

    def handle(self, *args, citizens: int, **options):
        if not demo_data_allowed():
            raise CommandError(REFUSAL)
        try:
            result = seed_demo(citizens=citizens)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(result.summary)
