"""The right-of-access export (GDPR art. 15, SECURITY PRIV-03): everything held on one citizen.

One document, as JSON and as PDF: the citizen's own fields, every course with its measurements,
outcome summaries, goals, observations, assessments and feedback, the meetings and data packs
the courses appeared in, the change history, and the access-log entries about the citizen.

- The log entries give the date and the type of use, oldest first: after CJEU C-579/21,
  Datatilsynet treats log data as covered by the right of access (decision 2024-32-0283). The
  employees' identities and the pages are left out: the judgment does not give the citizen a
  right to them, and the citizen may ask the municipality about a particular use.
- An employee's export holds the courses they may see; an administrator's holds every course
  and is marked complete. Both hold the citizen's whole access log (dates and types only).
- The change history (art. 16) gives every rectification with the value before and after: the
  citizen's own fields, and the changes in the courses in the export. The restriction of
  processing (art. 18), if set, is given with its date and reason.
- The document is checked against ``schemas/access_export.schema.json`` (Draft 2020-12), which is
  published with the code, so a missing or misspelt part fails before it reaches the citizen.
"""

import datetime
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from lovende.audit.models import AccessLog
from lovende.citizens.models import Citizen, Course
from lovende.citizens.permissions import citizen_changes
from lovende.privacy import permissions

SCHEMA_PATH = Path(__file__).parent / "schemas" / "access_export.schema.json"
SCHEMA_ID = "https://lovende.dk/schemas/privacy/access-export-2.json"


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _person(user: Any) -> str:
    return user.get_full_name() or user.get_username() if user is not None else ""


def _measurements(course: Course) -> list[dict]:
    rows = course.measurements.select_related("instrument", "version", "created_by")
    return [
        {
            "instrument": m.instrument.name,
            "version": m.version.number,
            "measured_on": _iso(m.measured_on),
            "respondent": m.get_respondent_display(),
            "self_report": m.self_report,
            "answers": m.answers,
            "score": m.score,
            "recorded_by": _person(m.created_by),
            "recorded_at": _iso(m.created_at),
        }
        for m in rows.order_by("measured_on", "id")
    ]


def _summaries(course: Course) -> list[dict]:
    return [
        {
            "instrument": s.instrument.name,
            "count": s.count,
            "first_score": s.first_score,
            "first_on": _iso(s.first_on),
            "latest_score": s.latest_score,
            "latest_on": _iso(s.latest_on),
            "change": s.change,
            "category": s.get_category_display() if s.category else "",
            "clinical_at_start": s.clinical_at_start,
            "clinical_now": s.clinical_now,
        }
        for s in course.summaries.select_related("instrument").order_by("instrument__name")
    ]


def _notes(course: Course) -> dict[str, list[dict]]:
    observations = course.observations.select_related("author").order_by("observed_on", "id")
    assessments = course.assessments.select_related("author").order_by("assessed_on", "id")
    feedback = course.feedback.select_related("recorded_by").order_by("given_on", "id")
    return {
        "goals": [
            {
                "title": g.title,
                "expected": g.expected,
                "weight": g.weight,
                "active": g.is_active,
                "created_at": _iso(g.created_at),
            }
            for g in course.goals.order_by("created_at", "id")
        ],
        "observations": [
            {
                "date": _iso(o.observed_on),
                "kind": o.get_kind_display(),
                "text": o.text,
                "tags": list(o.tags or []),
                "author": _person(o.author),
            }
            for o in observations
        ],
        "assessments": [
            {
                "date": _iso(a.assessed_on),
                "direction": a.get_direction_display(),
                "text": a.text,
                "author": _person(a.author),
            }
            for a in assessments
        ],
        "feedback": [
            {"date": _iso(f.given_on), "text": f.text, "recorded_by": _person(f.recorded_by)}
            for f in feedback
        ],
    }


def _course(course: Course) -> dict:
    return {
        "id": course.pk,
        "intervention": course.intervention.name,
        "unit": course.unit.name,
        "start_date": _iso(course.start_date),
        "end_date": _iso(course.end_date),
        "status": course.get_status_display(),
        "responsible": sorted(_person(u) for u in course.responsible.all()),
        "measurements": _measurements(course),
        "outcome_summaries": _summaries(course),
        "trials": [
            {
                "initiative": t.initiative.title,
                "title": t.title,
                "start_date": _iso(t.start_date),
                "end_date": _iso(t.end_date),
            }
            for t in course.trials.select_related("initiative").order_by("start_date", "id")
        ],
        **_notes(course),
    }


def _log_entry(entry: AccessLog) -> dict:
    return {
        "at": _iso(entry.at),
        "action": entry.action,
        "type_of_use": str(entry.get_action_display()),
    }


def _changes(citizen: Citizen, course_ids: set[int]) -> list[dict]:
    """Every change of the citizen's own fields, and of the courses in the export."""
    rows = citizen_changes(citizen, course_ids)
    return [
        {
            "at": _iso(change.changed_at),
            "record": str(change.get_record_display()),
            "course": change.course_id,
            "field": change.field,
            "old_value": change.old_value,
            "new_value": change.new_value,
            "changed_by": _person(change.changed_by),
        }
        for change in rows
    ]


def build(citizen: Citizen, courses: QuerySet[Course] | None = None) -> dict:
    """The export for ``citizen`` as plain JSON values (validated by ``validate``).

    ``courses`` limits it to the courses the exporting employee may see (ACL-02): an export is
    no back door into another unit's records. Without it (administrators) every course is in,
    and the document says whether it is complete.
    """
    complete = courses is None
    chosen = citizen.courses.all() if complete else courses.filter(citizen=citizen)
    courses = list(chosen.select_related("intervention", "unit").order_by("start_date", "id"))
    course_ids = {c.pk for c in courses}
    log = [_log_entry(e) for e in permissions.citizen_log(citizen)]
    return {
        "$schema": SCHEMA_ID,
        "legal_basis": "GDPR art. 15",
        "controller": citizen.organisation.name,
        "generated_at": _iso(timezone.now()),
        "complete": complete,
        "citizen": {
            "pseudonym": citizen.pseudonym,
            "first_name": citizen.first_name,
            "last_name": citizen.last_name,
            "cpr": citizen.cpr or "",
            "birth_date": _iso(citizen.birth_date),
            "gender": citizen.get_gender_display(),
            "created_at": _iso(citizen.created_at),
            "restriction": {
                "restricted": citizen.is_restricted,
                "since": _iso(citizen.restricted_since),
                "reason": citizen.restriction_reason,
            },
        },
        "courses": [_course(c) for c in courses],
        "meetings": [
            {"forum": m.forum.name, "starts_at": _iso(m.starts_at)}
            for m in permissions.meetings_with_courses(course_ids)
        ],
        "data_packs": [
            {
                "forum": p.meeting.forum.name,
                "meeting": _iso(p.meeting.starts_at),
                "created_at": _iso(p.created_at),
            }
            for p in permissions.packs_with_courses(citizen.organisation_id, course_ids)
        ],
        "change_history": _changes(citizen, course_ids),
        "access_log": log,
    }


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(document: dict) -> None:
    """Raise ``jsonschema.ValidationError`` unless the document matches the published schema."""
    # Imported here: jsonschema's format checkers take about 2 s to import, which every
    # process would otherwise pay at start-up for a page few people open.
    from jsonschema import Draft202012Validator

    Draft202012Validator(schema()).validate(document)


def as_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
