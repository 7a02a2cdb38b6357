"""Give every unit a UUID: add it nullable, fill existing rows, then make it unique."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    units = apps.get_model("organisation", "Unit").objects.using(schema_editor.connection.alias)
    for unit in units.filter(uuid__isnull=True).only("pk"):
        units.filter(pk=unit.pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="UUID"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="unit",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="UUID"
            ),
        ),
    ]
