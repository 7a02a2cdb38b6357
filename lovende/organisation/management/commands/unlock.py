"""`lovende unlock USERNAME`: lift a brute-force lockout before its 15 minutes are up (AUTH-03).

The failures stay in axes' failure log; only the lockout counters for the username are removed.
The message is Danish and not marked for translation: it is for the operator at the command line.
"""

from axes.utils import reset
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Ophæv en spærring efter for mange mislykkede login-forsøg for et brugernavn."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        count = reset(username=username)
        self.stdout.write(f"Spærring ophævet for {username} ({count} registrering(er) fjernet).")
