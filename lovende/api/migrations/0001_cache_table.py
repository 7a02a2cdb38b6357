"""The database cache's table (settings.CACHES), so `migrate` is all a new server needs.

The rate limits (SECURITY API-02) count in the cache, and the cache must be shared by every
process, hence the database. createcachetable skips a table that exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
