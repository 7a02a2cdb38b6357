from django.core.management.base import BaseCommand

from lovende.culture import survey_services


class Command(BaseCommand):
    help = (
        "Lukker spørgeskemarunder, hvis lukkedato er passeret, og skriver deres rækker om i "
        "neutral rækkefølge. Kan køres dagligt; en runde lukkes kun én gang."
    )

    def handle(self, *args: object, **options: object) -> None:
        closed = survey_services.close_due_rounds()
        self.stdout.write(f"{closed} spørgeskemarunder lukket.")
