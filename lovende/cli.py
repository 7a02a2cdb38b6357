"""The ``lovende`` console command.

lovende demo          set up the demo municipality and serve it on http://127.0.0.1:8000
lovende seed          load the demo municipality into the database (idempotent)
lovende serve         run the development server (not for production)
lovende chart         a run or control chart of a CSV file, as JSON (no database, no secret)
lovende backup        write a checked backup of the database (docs/operations.md)
lovende restore FILE  restore one into an empty database, and check it
lovende <command>     any Django management command (migrate, check, createsuperuser, ...)
"""

import os
import sys

from django.core.management import execute_from_command_line

ALIASES = {"serve": "runserver", "privacy-record": "privacy_record"}  # SECURITY.md PRIV-01 spelling
# Commands that touch neither the database nor anything secret run without a server's settings
STANDALONE = {"demo", "chart"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in STANDALONE:
        os.environ.setdefault("LOVENDE_MODE", "demo")
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lovende.settings")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
