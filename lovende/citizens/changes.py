"""The change history of a citizen's record (GDPR art. 16): what a field said before and after.

The write services take a snapshot before and after a change and keep the fields that differ as
``Change`` rows in the same transaction (``citizens.services.record_changes``), so a rolled-back
change leaves no history either.
Snapshots are plain dicts of Danish labels to the values as the screen shows them; ``diff`` is
pure. The labels are written in Danish whatever the editor's language: the history is part of
the municipality's record and is read back to the citizen as it was kept.
"""

import datetime
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.text import capfirst

from lovende.citizens import cpr
from lovende.citizens.models import Change, Citizen, Course, Goal
from lovende.organisation.models import User

if TYPE_CHECKING:  # measurements builds on citizens
    from lovende.measurements.models import Measurement

Snapshot = dict[str, str]


def value(item: object) -> str:
    """A value as the history shows it: dates as on screen, nothing as an empty string."""
    if item is None:
        return ""
    if isinstance(item, datetime.date):
        return item.strftime("%d.%m.%Y")  # as the pages show dates
    if isinstance(item, bool):
        return "ja" if item else "nej"
    if isinstance(item, float):
        return f"{item:g}".replace(".", ",")
    if isinstance(item, dict | list):
        return json.dumps(item, ensure_ascii=False, sort_keys=True)
    return str(item)


def diff(before: Mapping[str, str], after: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(label, old, new) for every label whose value changed, in the order of ``after``."""
    return [
        (label, before.get(label, ""), new)
        for label, new in after.items()
        if before.get(label, "") != new
    ]


def citizen_snapshot(citizen: Citizen) -> Snapshot:
    with translation.override("da"):
        return {
            capfirst(str(Citizen._meta.get_field(name).verbose_name)): value(item)
            for name, item in (
                ("first_name", citizen.first_name),
                ("last_name", citizen.last_name),
                ("cpr", citizen.cpr),
                ("birth_date", citizen.birth_date),
                ("gender", citizen.get_gender_display() if citizen.gender else ""),
            )
        }


def course_snapshot(course: Course, responsible: Iterable[User]) -> Snapshot:
    with translation.override("da"):
        label = {
            name: capfirst(str(Course._meta.get_field(name).verbose_name))
            for name in ("intervention", "unit", "start_date", "end_date", "status", "responsible")
        }
        return {
            label["intervention"]: value(course.intervention.name),
            label["unit"]: value(course.unit.name),
            label["start_date"]: value(course.start_date),
            label["end_date"]: value(course.end_date),
            label["status"]: value(course.get_status_display()),
            label["responsible"]: ", ".join(sorted(str(user) for user in responsible)),
        }


def goal_active_label(goal: Goal) -> str:
    return f"Mål «{goal.title}»: aktivt"


def measurement_label(measurement: "Measurement") -> str:
    return f"Måling ({measurement.instrument.name})"


def measurement_snapshot(measurement: "Measurement") -> Snapshot:
    """One line per measurement, so a correction shows the whole before and after."""
    return {
        measurement_label(measurement): (
            f"{value(measurement.measured_on)}: score {value(measurement.score)}; "
            f"svar {value(measurement.answers)}"
        )
    }


def cpr_label() -> str:
    with translation.override("da"):
        return capfirst(str(Citizen._meta.get_field("cpr").verbose_name))


def _masked(number: str) -> str:
    return cpr.mask(number) if number else ""


def for_display(rows: Iterable[Change]) -> list[dict]:
    """The history as the citizen page shows it: CPR numbers masked, like everywhere on screen
    (PRIV-02); the right-of-access export gives them whole."""
    masked = cpr_label()
    return [
        {
            "changed_at": change.changed_at,
            "record": change.get_record_display(),
            "field": change.field,
            "old": _masked(change.old_value) if change.field == masked else change.old_value,
            "new": _masked(change.new_value) if change.field == masked else change.new_value,
            "changed_by": change.changed_by,
        }
        for change in rows
    ]
