"""Reading the user's reach into a Lookup, and committing an import all-or-nothing (FILE-02).

Every citizen, course and measurement is created through the same services the forms use
(``citizens.services``, ``measurements.services``), so their checks, the access log and the
outcome summaries and monthly scores stay true. The whole file is validated again inside the
transaction (the database may have changed since the preview); any error, or any exception at
all, rolls everything back.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_access
from lovende.citizens import permissions as citizen_permissions
from lovende.citizens import services as citizen_services
from lovende.citizens.models import Citizen, Course
from lovende.imports import columns
from lovende.imports.reading import Table
from lovende.imports.validation import (
    Error,
    ExistingCitizen,
    ExistingCourse,
    InstrumentInfo,
    InterventionInfo,
    Lookup,
    Summary,
    check_header,
    course_key,
    cross_check,
    error,
    validate_rows,
)
from lovende.instruments.models import Instrument
from lovende.instruments.services import current_version
from lovende.interventions.models import Intervention
from lovende.measurements import services as measurement_services
from lovende.organisation.models import User


class ImportInvalid(Exception):
    """The file has errors; nothing was written."""

    def __init__(self, errors: list[Error]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def may_import(user: User) -> bool:
    """Staff who may start courses somewhere may import them there."""
    return citizen_permissions.units_for_new_courses(user).exists()


def cprs_in(table: Table, rows: Iterable[tuple[int, list[str]]] | None = None) -> set[str]:
    index, _ = check_header(table.header)
    position = index.get(columns.CPR)
    if position is None:
        return set()
    found = set()
    for _, cells in rows if rows is not None else table.rows:
        if position < len(cells):
            found.add(cells[position].replace("-", "").strip())
    return found


def build_lookup(user: User, cprs: set[str]) -> Lookup:
    """What the user may create in, and the citizens with these CPR numbers they can already see."""
    units = list(citizen_permissions.units_for_new_courses(user))
    by_name: dict[str, list[int]] = {}
    for unit in units:
        by_name.setdefault(columns.canonical(unit.name), []).append(unit.pk)
    interventions = {}
    for intervention in Intervention.objects.filter(
        organisation_id=user.organisation_id
    ).prefetch_related("units"):
        owners = list(intervention.units.all())
        reach = frozenset(u.pk for u in units if any(u.is_within(o) for o in owners))
        interventions[columns.canonical(intervention.name)] = InterventionInfo(
            intervention.pk, reach
        )
    return Lookup(
        today=timezone.localdate(),
        units=by_name,
        interventions=interventions,
        instruments=_instruments(user),
        citizens=_existing_citizens(user, cprs),
    )


def _instruments(user: User) -> dict[str, InstrumentInfo]:
    found = {}
    for instrument in Instrument.objects.filter(
        organisation_id=user.organisation_id
    ).prefetch_related("interventions"):
        version = current_version(instrument)
        if version is None:
            continue
        info = InstrumentInfo(
            instrument.pk,
            version.definition,
            frozenset(i.pk for i in instrument.interventions.all()),
        )
        found[columns.canonical(instrument.code)] = info
        found[columns.canonical(instrument.name)] = info
    return found


def _existing_citizens(user: User, cprs: set[str]) -> dict[str, ExistingCitizen]:
    citizens = citizen_permissions.citizens_visible_to(user).filter(cpr__in=cprs)
    courses: dict[int, dict] = {}
    for course in citizen_permissions.courses_visible_to(user).filter(citizen__in=citizens):
        key = (course.intervention_id, course.unit_id, course.start_date.isoformat())
        courses.setdefault(course.citizen_id, {})[key] = ExistingCourse(
            course.pk, course.is_open, course.end_date
        )
    return {
        citizen.cpr: ExistingCitizen(
            citizen.pk,
            citizen.first_name,
            citizen.last_name,
            courses.get(citizen.pk, {}),
            restricted=citizen.is_restricted,
        )
        for citizen in citizens
    }


def validate_table(user: User, table: Table) -> tuple[list[dict], Summary, list[Error], Lookup]:
    """The whole file at once: the parsed rows, what would be created, and every error."""
    index, errors = check_header(table.header)
    lookup = build_lookup(user, cprs_in(table))
    if errors:
        return [], Summary(rows=len(table.rows)), errors, lookup
    parsed, errors = validate_rows(table.rows, index, lookup)
    summary, cross_errors = cross_check(parsed, lookup)
    summary.rows = len(table.rows)
    return parsed, summary, sorted(errors + cross_errors, key=_order), lookup


def _order(e: Error) -> tuple:
    return (e["row"], e["column"])


def record_preview(*, by: User, context: AccessContext, lookup: Lookup) -> None:
    """The preview tells which rows are citizens the user already has: a read of them (LOG-01)."""
    seen = [Citizen(pk=c.id) for c in lookup.citizens.values()]
    if seen:
        pseudonyms = dict(
            citizen_permissions.citizens_visible_to(by)
            .filter(pk__in=[c.pk for c in seen])
            .values_list("pk", "pseudonym")
        )
        for citizen in seen:
            citizen.pseudonym = pseudonyms.get(citizen.pk, "")
        record_access(
            by=by,
            context=context,
            action=AccessLog.Action.VIEW,
            citizens=seen,
            criterion="Import: kontrol af fil",
        )


def commit_import(*, by: User, context: AccessContext, table: Table) -> Summary:
    """Create everything in the file in one transaction, or nothing (raises ImportInvalid)."""
    # refreshed_once is one transaction.atomic() that also refreshes each outcome summary and
    # monthly cell once at the end instead of after every measurement.
    with measurement_services.refreshed_once():
        parsed, summary, errors, lookup = validate_table(by, table)
        if errors:
            raise ImportInvalid(errors)
        writer = _Writer(by, context, lookup)
        for row in parsed:
            try:
                writer.write(row)
            except ValidationError as problem:
                raise ImportInvalid([_service_error(row, problem)]) from None
    return summary


def _service_error(row: dict, problem: ValidationError) -> Error:
    """A refusal from a service (e.g. a CPR number held by a citizen out of reach) as a row error."""
    texts = [str(m) for m in problem.messages]
    return error(row["row"], columns.CPR, "service", text=" ".join(texts))


class _Writer:
    """Creates each row's citizen, course and measurement once, reusing what exists."""

    def __init__(self, by: User, context: AccessContext, lookup: Lookup) -> None:
        self.by, self.context, self.lookup = by, context, lookup
        self.citizens: dict[str, Citizen] = {}
        self.courses: dict[tuple, Course] = {}
        self.units = {u.pk: u for u in citizen_permissions.units_for_new_courses(by)}
        # Prefetched owners: each course checks the intervention is delivered in its unit
        self.interventions = Intervention.objects.prefetch_related("units").in_bulk(
            {i.id for i in lookup.interventions.values()}
        )
        self.instruments = Instrument.objects.in_bulk({i.id for i in lookup.instruments.values()})

    def write(self, row: dict) -> None:
        course = self._course(row)
        if row["instrument"]:
            measurement_services.record_measurement(
                by=self.by,
                context=self.context,
                course=course,
                instrument=self.instruments[row["instrument"]],
                answers=row["answers"],
                measured_on=datetime.date.fromisoformat(row["measured_on"]),
            )

    def _course(self, row: dict) -> Course:
        key = course_key(row)
        if key in self.courses:
            return self.courses[key]
        fields = {
            "intervention": self.interventions[row["intervention"]],
            "unit": self.units[row["unit"]],
            "start_date": datetime.date.fromisoformat(row["start"]),
            "end_date": datetime.date.fromisoformat(row["end"]) if row["end"] else None,
            "status": row["status"],
        }
        existing = self.lookup.citizens.get(row["cpr"])
        citizen = self.citizens.get(row["cpr"])
        if existing and (old := existing.courses.get(key[1:])):
            course = citizen_permissions.get_course_for_user(self.by, old.id)
        elif existing or citizen:
            citizen = citizen or citizen_permissions.get_citizen_for_user(self.by, existing.id)
            course = citizen_services.create_course(
                by=self.by, context=self.context, citizen=citizen, **fields
            )
        else:
            course = citizen_services.create_citizen(
                by=self.by,
                context=self.context,
                first_name=row["first_name"],
                last_name=row["last_name"],
                birth_date=datetime.date.fromisoformat(row["birth_date"]),
                gender=row["gender"],
                cpr=row["cpr"],
                **fields,
            )
            citizen = course.citizen
        self.citizens[row["cpr"]] = course.citizen if citizen is None else citizen
        self.courses[key] = course
        return course


def answer_columns(user: User) -> int:
    """How many «Svar» columns the template needs: the longest instrument the user can import."""
    longest = max(
        (len(i.definition.get("items", [])) for i in _instruments(user).values()), default=4
    )
    return min(max(longest, 1), columns.MAX_ANSWERS)
