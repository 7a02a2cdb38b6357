from django.conf import settings
from django.core.management.base import BaseCommand

from lovende.audit.services import prune_access_log, prune_security_records


class Command(BaseCommand):
    help = (
        "Sletter adgangslogposter, sikkerhedshændelser og stikprøver, der er ældre end "
        "opbevaringsfristen (LOVENDE_ACCESS_LOG_RETENTION_DAYS, 183 dage som standard). Køres "
        "hver nat; den eneste måde, loggene slettes på (SECURITY.md LOG-02, LOG-03)."
    )

    def handle(self, *args: object, **options: object) -> None:
        # Security records first: spot-check items point at log entries the next step deletes.
        events = prune_security_records()
        deleted = prune_access_log()
        days = settings.LOVENDE_ACCESS_LOG_RETENTION_DAYS
        self.stdout.write(
            f"{deleted} adgangslogposter og {events} sikkerhedshændelser "
            f"ældre end {days} dage slettet."
        )
