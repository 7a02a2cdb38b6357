from django.core.management.base import BaseCommand, CommandError

from lovende.audit.services import set_log_reviewer
from lovende.organisation.models import User


class Command(BaseCommand):
    help = (
        "Gør en medarbejder til logkontrollant (må læse adgangsloggen og udføre "
        "stikprøvekontrol, SECURITY.md LOG-02), eller fjerner rollen med --revoke. "
        "Ændringen gemmes som en sikkerhedshændelse."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="Fjern rollen igen.")

    def handle(self, *args: object, **options: object) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None or user.organisation_id is None:
            raise CommandError("Ingen medarbejder med det brugernavn.")
        set_log_reviewer(user=user, reviewer=not options["revoke"])
        state = "er ikke længere" if options["revoke"] else "er nu"
        self.stdout.write(f"{user.username} {state} logkontrollant.")
