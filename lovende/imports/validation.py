"""Validating an import file against what the user may create (SECURITY FILE-02). Pure, no Django.

The caller (``services.py``) looks up the user's units, interventions, instruments and the
citizens they can already see into a ``Lookup``; these functions judge every row against it and
return errors as ``(row, column, code, context)`` so each names the row and column it is about.
Nothing here writes: the whole file is judged before anything is created.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lovende.citizens import cpr as cpr_numbers
from lovende.imports import columns as c
from lovende.instruments import scoring

Error = dict  # {"row": int, "column": str, "code": str, "context": dict}; JSON for the session
HEADER_ROW = 1


def error(row: int, column: str, code: str, **context: object) -> Error:
    return {"row": row, "column": column, "code": code, "context": context}


@dataclass(frozen=True)
class InterventionInfo:
    id: int
    unit_ids: frozenset[int]  # units the user may create courses in where it is delivered


@dataclass(frozen=True)
class InstrumentInfo:
    id: int
    definition: Mapping
    intervention_ids: frozenset[int]


@dataclass(frozen=True)
class ExistingCourse:
    id: int
    is_open: bool
    end_date: datetime.date | None


@dataclass(frozen=True)
class ExistingCitizen:
    id: int
    first_name: str
    last_name: str
    # (intervention id, unit id, start date ISO) → the course, for courses the user may see
    courses: Mapping[tuple[int, int, str], ExistingCourse] = field(default_factory=dict)
    restricted: bool = False  # processing restricted (art. 18): nothing new may be recorded


@dataclass
class Lookup:
    today: datetime.date
    units: Mapping[str, list[int]]  # canonical name → ids (several: ambiguous)
    interventions: Mapping[str, InterventionInfo]  # canonical name → info
    instruments: Mapping[str, InstrumentInfo]  # canonical name and code → info
    citizens: Mapping[str, ExistingCitizen]  # CPR (10 digits) → a citizen the user can see


def check_header(header: Sequence[str]) -> tuple[dict[str, int], list[Error]]:
    """Column positions by their canonical name, or errors for unknown, repeated or missing ones."""
    index: dict[str, int] = {}
    errors = []
    for position, name in enumerate(header):
        known = c.KNOWN_BY_KEY.get(c.canonical(name))
        if known is None:
            errors.append(error(HEADER_ROW, name or f"#{position + 1}", "unknown_column"))
        elif known in index:
            errors.append(error(HEADER_ROW, known, "repeated_column"))
        else:
            index[known] = position
    errors += [error(HEADER_ROW, n, "missing_column") for n in c.REQUIRED if n not in index]
    return index, errors


class _Row:
    """One row's cells by column name, collecting the errors found while reading them."""

    def __init__(self, number: int, cells: Sequence[str], index: Mapping[str, int]) -> None:
        self.number = number
        self.cells = cells
        self.index = index
        self.errors: list[Error] = []

    def text(self, column: str) -> str:
        position = self.index.get(column)
        return self.cells[position] if position is not None and position < len(self.cells) else ""

    def fail(self, column: str, code: str, **context: object) -> None:
        self.errors.append(error(self.number, column, code, **context))

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.fail(column, "required")
        return value

    def date(self, column: str, *, required: bool) -> datetime.date | None:
        value = self.required(column) if required else self.text(column)
        if not value:
            return None
        try:
            return c.parse_date(value)
        except ValueError:
            self.fail(column, "date_format", value=value[:20])
            return None


def parse_row(number: int, cells: Sequence[str], index: Mapping[str, int], lookup: Lookup):
    """A row as plain data (JSON-safe), or None and its errors."""
    row = _Row(number, cells, index)
    parsed: dict = {"row": number}
    _parse_citizen(row, lookup, parsed)
    _parse_course(row, lookup, parsed)
    _parse_measurement(row, lookup, parsed)
    return (None if row.errors else parsed), row.errors


def _parse_citizen(row: _Row, lookup: Lookup, parsed: dict) -> None:
    number = row.required(c.CPR)
    if number:
        try:
            info = cpr_numbers.parse(number)
        except cpr_numbers.InvalidCpr as problem:
            row.fail(c.CPR, "cpr_" + problem.code)
        else:
            parsed["cpr"] = info.number
            parsed["birth_date"] = info.birth_date.isoformat()
            if info.birth_date > lookup.today:
                row.fail(c.CPR, "cpr_future")
    parsed["first_name"] = row.required(c.FIRST_NAME)[:100]
    parsed["last_name"] = row.required(c.LAST_NAME)[:100]
    gender = row.required(c.GENDER)
    if gender:
        parsed["gender"] = c.GENDERS.get(gender.casefold(), "")
        if not parsed["gender"]:
            row.fail(c.GENDER, "gender", value=gender[:30])


def _parse_course(row: _Row, lookup: Lookup, parsed: dict) -> None:
    unit_ids = _unit(row, lookup)
    intervention = None
    if name := row.required(c.INTERVENTION):
        intervention = lookup.interventions.get(c.canonical(name))
        if intervention is None:
            row.fail(c.INTERVENTION, "intervention", value=name[:100])
    if unit_ids and intervention:
        if unit_ids[0] not in intervention.unit_ids:
            row.fail(c.UNIT, "not_delivered")
        parsed["unit"], parsed["intervention"] = unit_ids[0], intervention.id
    start = row.date(c.START, required=True)
    end = row.date(c.END, required=False)
    status = row.text(c.STATUS).casefold() or "aktiv"
    if status not in c.STATUSES:
        row.fail(c.STATUS, "status", value=status[:30])
    if end and status not in c.CLOSED_STATUSES:
        row.fail(c.END, "end_open")
    if start and end and end < start:
        row.fail(c.END, "end_before_start")
    if start and start > lookup.today:
        row.fail(c.START, "future")
    if start and parsed.get("birth_date") and start.isoformat() < parsed["birth_date"]:
        row.fail(c.START, "before_birth")
    parsed.update(
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        status=status,
    )


def _unit(row: _Row, lookup: Lookup) -> list[int] | None:
    name = row.required(c.UNIT)
    if not name:
        return None
    ids = lookup.units.get(c.canonical(name), [])
    if not ids:
        # The same answer for a unit that does not exist and one out of reach (ACL-02)
        row.fail(c.UNIT, "unit", value=name[:100])
    elif len(ids) > 1:
        row.fail(c.UNIT, "unit_ambiguous", value=name[:100])
    return ids if len(ids) == 1 else None


def _parse_measurement(row: _Row, lookup: Lookup, parsed: dict) -> None:
    name = row.text(c.INSTRUMENT)
    answers_given = [column for column in c.ANSWERS if row.text(column)]
    parsed["instrument"], parsed["measured_on"], parsed["answers"] = None, None, {}
    if not name:
        if row.text(c.MEASURED_ON) or answers_given:
            row.fail(c.INSTRUMENT, "instrument_missing")
        return
    instrument = lookup.instruments.get(c.canonical(name))
    if instrument is None:
        row.fail(c.INSTRUMENT, "instrument", value=name[:100])
        return
    if instrument.definition.get("kind") == "gas":
        row.fail(c.INSTRUMENT, "instrument_gas")
        return
    if parsed.get("intervention") and parsed["intervention"] not in instrument.intervention_ids:
        row.fail(c.INSTRUMENT, "instrument_off")
    measured_on = row.date(c.MEASURED_ON, required=True)
    _check_measured_on(row, lookup, parsed, measured_on)
    parsed["instrument"] = instrument.id
    parsed["measured_on"] = measured_on.isoformat() if measured_on else None
    parsed["answers"] = _answers(row, instrument)


def _check_measured_on(row: _Row, lookup: Lookup, parsed: dict, on: datetime.date | None) -> None:
    if on is None:
        return
    if on > lookup.today:
        row.fail(c.MEASURED_ON, "future")
    elif parsed.get("start") and on.isoformat() < parsed["start"]:
        row.fail(c.MEASURED_ON, "before_start")
    elif parsed.get("end") and on.isoformat() > parsed["end"]:
        row.fail(c.MEASURED_ON, "after_end")
    if parsed.get("status") in c.CLOSED_STATUSES:
        row.fail(c.STATUS, "closed_measurement")


def _answers(row: _Row, instrument: InstrumentInfo) -> dict[str, float]:
    items = scoring.items_of(instrument.definition)
    answers = {}
    for column, item in zip(c.ANSWERS, items, strict=False):
        text = row.text(column)
        if not text:
            row.fail(column, "answer_missing", label=item.label)
            continue
        try:
            value = c.parse_number(text)
        except ValueError:
            row.fail(column, "number", value=text[:20])
            continue
        if not item.min <= value <= item.max:
            row.fail(column, "answer_range", label=item.label, min=item.min, max=item.max)
        answers[item.key] = value
    for column in c.ANSWERS[len(items) :]:
        if row.text(column):
            row.fail(column, "answer_extra", count=len(items))
    return answers


@dataclass
class Summary:
    rows: int = 0
    new_citizens: int = 0
    existing_citizens: int = 0
    new_courses: int = 0
    measurements: int = 0


def course_key(row: Mapping) -> tuple:
    return (row["cpr"], row["intervention"], row["unit"], row["start"])


def _existing_record_problem(
    row: Mapping, existing: ExistingCitizen | None, old_course: ExistingCourse | None
) -> Error | None:
    """A row that would write to a restricted citizen, or measure in a closed course."""
    if existing and existing.restricted and (row["instrument"] or old_course is None):
        return error(row["row"], c.CPR, "restricted")
    if row["instrument"] and old_course and not old_course.is_open:
        return error(row["row"], c.MEASURED_ON, "closed_existing")
    return None


def cross_check(parsed: Iterable[Mapping], lookup: Lookup) -> tuple[Summary, list[Error]]:
    """Checks across rows and against existing citizens: names agree, no duplicates, no
    measurement in a closed existing course. Also counts what would be created."""
    summary, errors = Summary(), []
    citizens: dict[str, Mapping] = {}
    courses: dict[tuple, Mapping] = {}
    entries: dict[tuple, int] = {}
    for row in parsed:
        summary.rows += 1
        number = row["row"]
        first = citizens.setdefault(row["cpr"], row)
        existing = lookup.citizens.get(row["cpr"])
        names = (row["first_name"].casefold(), row["last_name"].casefold())
        if first is not row and names != (
            first["first_name"].casefold(),
            first["last_name"].casefold(),
        ):
            errors.append(error(number, c.FIRST_NAME, "cpr_conflict", other=first["row"]))
        elif existing and names != (existing.first_name.casefold(), existing.last_name.casefold()):
            errors.append(error(number, c.FIRST_NAME, "existing_name"))
        key = course_key(row)
        course = courses.setdefault(key, row)
        if course is not row and (course["status"], course["end"]) != (row["status"], row["end"]):
            errors.append(error(number, c.STATUS, "course_conflict", other=course["row"]))
        old_course = existing.courses.get(key[1:]) if existing else None
        if problem := _existing_record_problem(row, existing, old_course):
            errors.append(problem)
        entry = (*key, row["instrument"], row["measured_on"])
        if entry in entries:
            errors.append(error(number, c.CPR, "duplicate", other=entries[entry]))
        entries.setdefault(entry, number)
        summary.measurements += bool(row["instrument"])
        if course is row and old_course is None:
            summary.new_courses += 1
        if first is row:
            if existing:
                summary.existing_citizens += 1
            else:
                summary.new_citizens += 1
    return summary, errors


def validate_rows(
    rows: Iterable[tuple[int, Sequence[str]]], index: Mapping[str, int], lookup: Lookup
):
    """parse_row over ``rows``: the parsed rows and every error."""
    parsed, errors = [], []
    for number, cells in rows:
        row, row_errors = parse_row(number, cells, index, lookup)
        errors += row_errors
        if row is not None:
            parsed.append(row)
    return parsed, errors
