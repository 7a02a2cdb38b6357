from django.conf import settings
from django.core.management.base import BaseCommand

from lovende.audit.services import prune_access_log


class Command(BaseCommand):
    help = (
        "Sletter adgangslogposter, der er ældre end opbevaringsfristen "
        "(LOVENDE_ACCESS_LOG_RETENTION_DAYS, 183 dage som standard). Køres hver nat; "
        "den eneste måde, adgangsloggen slettes på (SECURITY.md LOG-02)."
    )

    def handle(self, *args: object, **options: object) -> None:
        deleted = prune_access_log()
        days = settings.LOVENDE_ACCESS_LOG_RETENTION_DAYS
        self.stdout.write(f"{deleted} adgangslogposter ældre end {days} dage slettet.")
