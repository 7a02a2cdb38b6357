#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lovende.settings")
    # manage.py is the developer's tool in a checkout; a server runs `lovende` (or gunicorn) with
    # LOVENDE_MODE=production and its SECRET_KEY in the environment.
    os.environ.setdefault("LOVENDE_MODE", "demo")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
