"""The eligible group of each survey round, frozen when it opens (docs/decisions.md, decision 21).

Rounds opened before this migration get their group from today's roles, the best that is left:
the staff with a role at or below the unit (a 360° round: without its leader, and with its
invitees), without the culture's leaders for a culture round; a split 360° round's invitees who
are not employees are the fellow leaders. Rows go in user-id order, like the service writes them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CONSULTANT, ADMINISTRATOR, LEADER = "udviklingskonsulent", "administrator", "leder"


def backfill(apps, schema_editor):
    alias = schema_editor.connection.alias
    SurveyRound = apps.get_model("culture", "SurveyRound")
    Eligibility = apps.get_model("culture", "Eligibility")
    Role = apps.get_model("organisation", "Role")
    for survey in SurveyRound.objects.using(alias).select_related("unit").order_by("pk"):
        unit = survey.unit
        roles = Role.objects.using(alias).filter(
            unit__organisation_id=unit.organisation_id,
            unit__path__startswith=unit.path,
            user__is_active=True,
            user__organisation_id=unit.organisation_id,
        )
        staff = set(roles.values_list("user_id", flat=True))
        members: dict[int, str] = {}
        if survey.kind == "kultur":
            ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
            leaders = set(
                Role.objects.using(alias)
                .filter(unit__organisation_id=unit.organisation_id)
                .filter(
                    models.Q(kind__in=(CONSULTANT, ADMINISTRATOR))
                    | models.Q(kind=LEADER, unit_id__in=ancestors)
                )
                .values_list("user_id", flat=True)
            )
            members = dict.fromkeys(staff - leaders, "")
        else:
            employees = staff - {survey.subject_id}
            invitees = set(survey.invitees.using(alias).values_list("pk", flat=True)) - employees
            split = survey.split_groups
            members = {
                **dict.fromkeys(employees, "medarbejdere" if split else ""),
                **dict.fromkeys(invitees, "lederkolleger" if split else ""),
            }
        Eligibility.objects.using(alias).bulk_create(
            Eligibility(round_id=survey.pk, user_id=user_id, group=members[user_id])
            for user_id in sorted(members)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("culture", "0003_concern_scaling_target"),
        ("organisation", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Eligibility",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "group",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Alle"),
                            ("medarbejdere", "Medarbejdere"),
                            ("lederkolleger", "Lederkolleger"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="eligibility",
                        to="culture.surveyround",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "kan svare",
                "verbose_name_plural": "kan svare",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "user"), name="eligibility_once_per_round"
                    )
                ],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
