"""lovende pg_grants ROLE [--apply]: the application role's privileges on PostgreSQL (LOG-02)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from lovende.ops.grants import app_role_grants


class Command(BaseCommand):
    help = (
        "Print (or with --apply, run as the owner) the GRANTs for the role the application runs "
        "as: append-only on the access log, the usual rights elsewhere. Run after every migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the PostgreSQL role the application connects as")
        parser.add_argument("--apply", action="store_true", help="run the statements now")

    def handle(self, *args, role: str, apply: bool, **options):
        connection = connections["default"]
        if connection.vendor != "postgresql":
            raise CommandError("Kun til PostgreSQL.", returncode=2)
        tables = connection.introspection.table_names(include_views=False)
        statements = app_role_grants(role, tables)
        if not apply:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"{len(statements)} rettigheder givet til {role}.")
