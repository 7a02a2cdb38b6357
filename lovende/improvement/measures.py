"""Every write to an initiative's measures and their hand-entered values, and the parser for a
pasted block of values.

Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms. A
pasted block is all or nothing: one wrong line and no value is saved, and every wrong line is
named by its number.
"""

import datetime
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.improvement import measure_charts
from lovende.improvement.models import Initiative, Measure, MeasureValue
from lovende.instruments import scoring
from lovende.organisation.models import User

MEASURE_FIELDS = (
    "name",
    "kind",
    "definition",
    "source",
    "instrument",
    "chart_type",
    "direction",
    "multiply",
    "baseline_end",
    "phase_starts",
)
MAX_PASTE_LINES = 500
MAX_MULTIPLY = 1_000_000
EARLIEST = datetime.date(2000, 1, 1)  # dates before this are typing errors, not data
MAX_DAYS_AHEAD = 366  # a baseline or phase may be planned up to a year ahead
MAX_NOTE_LENGTH = 300  # MeasureValue.note

# The chart types that fit each derived source: a mean is a measurement, a share a proportion
DERIVED_CHART_TYPES = {
    Measure.Source.MEAN_SCORE: ("run", "i"),
    Measure.Source.MEASURED_SHARE: ("run", "i", "p", "pp"),
    Measure.Source.IMPROVED_SHARE: ("run", "i", "p", "pp"),
}


@dataclass(frozen=True)
class ValueRow:
    """One value to enter; ``line`` is its line in a pasted block (None from the single form)."""

    period: datetime.date
    value: float
    denominator: float | None = None
    note: str = ""
    line: int | None = None


# --- Parsing a pasted block -------------------------------------------------------------------

ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DANISH_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
SEPARATOR = re.compile(r"[;\t]")


def _on_line(line: int | None, message: str) -> str:
    if line is None:
        return message[:1].upper() + message[1:]
    return _("Linje %(line)s: %(problem)s") % {"line": line, "problem": message}


def parse_date(text: str) -> datetime.date:
    """dd-mm-yyyy (also with . or /) or yyyy-mm-dd; ValueError with a Danish message."""
    text = text.strip()
    if match := ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := DANISH_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(
            _("«%(text)s» er ikke en dato. Skriv fx 31-01-2026 eller 2026-01-31.") % {"text": text}
        )
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("datoen %(text)s findes ikke.") % {"text": text}) from None


def parse_number(text: str) -> float:
    """A number with a decimal comma or point; ValueError with a Danish message."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(_("«%(text)s» er ikke et tal.") % {"text": text.strip()}) from None
    if not math.isfinite(number):
        raise ValueError(_("«%(text)s» er ikke et tal.") % {"text": text.strip()})
    return number


def _parse_line(line: int, text: str) -> ValueRow:
    fields = SEPARATOR.split(text.strip())
    if len(fields) not in (2, 3):
        raise ValueError(
            _("skriv dato;værdi eller dato;tæller;nævner – linjen har %(count)s felter.")
            % {"count": len(fields)}
        )
    period = parse_date(fields[0])
    numbers = [parse_number(field) for field in fields[1:]]
    return ValueRow(period, numbers[0], numbers[1] if len(numbers) == 2 else None, line=line)


def _is_header(text: str) -> bool:
    return SEPARATOR.split(text.strip())[0].strip().lower() in {"dato", "date", "periode"}


def parse_values(text: str) -> list[ValueRow]:
    """One value a line: ``dato;værdi`` or ``dato;tæller;nævner`` (a tab works as well, as when
    pasting from a spreadsheet). Blank lines and a heading line are skipped.

    Raises ValidationError listing every wrong line; nothing is returned unless all are right.
    """
    rows, errors, seen = [], [], {}
    lines = text.splitlines()
    if len(lines) > MAX_PASTE_LINES:
        raise ValidationError(
            _("Indsæt højst %(max)s linjer ad gangen.") % {"max": MAX_PASTE_LINES}
        )
    for number, line in enumerate(lines, start=1):
        if not line.strip() or (not rows and not errors and _is_header(line)):
            continue
        try:
            row = _parse_line(number, line)
        except ValueError as error:
            errors.append(_on_line(number, str(error)))
            continue
        if row.period in seen:
            errors.append(
                _on_line(
                    number,
                    _("datoen %(date)s står også i linje %(other)s.")
                    % {"date": row.period.strftime("%d-%m-%Y"), "other": seen[row.period]},
                )
            )
        seen[row.period] = number
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("Indsæt mindst én linje med dato og værdi."))
    return rows


# --- Checking values against the measure's chart ----------------------------------------------


def _chart_name(measure: Measure) -> str:
    return Measure.ChartType(measure.chart_type).label


def value_problem(measure: Measure, row: ValueRow, today: datetime.date) -> str | None:
    """What is wrong with one value for this measure's chart, or None."""
    chart = measure.chart_type
    names = {"chart": _chart_name(measure)}
    if row.period > today:
        return _("datoen %(date)s ligger i fremtiden.") % {"date": row.period.strftime("%d-%m-%Y")}
    if row.period < EARLIEST:
        return _("datoen %(date)s er for gammel.") % {"date": row.period.strftime("%d-%m-%Y")}
    if chart in measure_charts.RATIO_TYPES and row.denominator is None:
        return _("et %(chart)s skal have en nævner: skriv dato;tæller;nævner.") % names
    if row.denominator is not None and row.denominator <= 0:
        return _("nævneren skal være over 0.")
    if chart in measure_charts.COUNT_TYPES and row.value < 0:
        return _("værdien kan ikke være negativ i et %(chart)s.") % names
    if chart in measure_charts.PROPORTION_TYPES and row.value > row.denominator:
        return _(
            "tælleren (%(value)s) er større end nævneren (%(denominator)s); en andel er højst 1."
        ) % {"value": _plain(row.value), "denominator": _plain(row.denominator)}
    if chart == "t" and row.value <= 0:
        return _("et %(chart)s skal have tider over 0.") % names
    if len(row.note) > MAX_NOTE_LENGTH:
        return _("noten er for lang (højst %(max)s tegn).") % {"max": MAX_NOTE_LENGTH}
    return None


def _plain(number: float) -> str:
    return f"{number:g}".replace(".", ",")


def _check_values(measure: Measure, rows: Iterable[ValueRow]) -> None:
    today = timezone.localdate()
    errors = [
        _on_line(row.line, problem)
        for row in rows
        if (problem := value_problem(measure, row, today)) is not None
    ]
    if errors:
        raise ValidationError(errors)


# --- Measures ---------------------------------------------------------------------------------


def _check_date(day: datetime.date, today: datetime.date) -> bool:
    return EARLIEST <= day <= today + datetime.timedelta(days=MAX_DAYS_AHEAD)


def _check_source(measure: Measure, errors: dict[str, str]) -> None:
    if measure.source not in Measure.Source.values:
        errors["source"] = _("Ukendt datakilde.")
        return
    if measure.source == Measure.Source.MANUAL:
        return
    instrument = measure.instrument
    if instrument is None:
        errors["instrument"] = _("Vælg det måleredskab, målingen skal beregnes ud fra.")
    elif not instrument.interventions.filter(pk=measure.initiative.intervention_id).exists():
        errors["instrument"] = _("Indsatsen %(intervention)s bruger ikke %(instrument)s.") % {
            "intervention": measure.initiative.intervention,
            "instrument": instrument,
        }
    elif measure.source == Measure.Source.IMPROVED_SHARE and not _judges_change(instrument):
        errors["instrument"] = _(
            "%(instrument)s har ingen grænse for pålidelig ændring, så ingen forløb kan tælle "
            "som forbedret. Vælg en anden datakilde."
        ) % {"instrument": instrument}
    fitting = DERIVED_CHART_TYPES[measure.source]
    if measure.chart_type in Measure.ChartType.values and measure.chart_type not in fitting:
        errors["chart_type"] = _("%(chart)s passer ikke til datakilden. Vælg %(choices)s.") % {
            "chart": _chart_name(measure),
            "choices": _(" eller ").join(str(Measure.ChartType(value).label) for value in fitting),
        }


def _judges_change(instrument) -> bool:
    latest = instrument.versions.order_by("-number").first()
    return latest is not None and scoring.reliable_change_threshold(latest.definition) is not None


def _check_dates(measure: Measure, errors: dict[str, str]) -> None:
    today = timezone.localdate()
    if measure.baseline_end and not _check_date(measure.baseline_end, today):
        errors["baseline_end"] = _(
            "Basislinjens slutdato skal ligge mellem år 2000 og et år frem i tiden."
        )
    try:
        phases = [datetime.date.fromisoformat(day) for day in measure.phase_starts]
    except (TypeError, ValueError):
        errors["phase_starts"] = _("Skriv faserne som datoer, fx 01-03-2026.")
        return
    if any(not _check_date(day, today) for day in phases):
        errors["phase_starts"] = _("En ny fase skal begynde mellem år 2000 og et år frem i tiden.")
    elif len(set(phases)) != len(phases):
        errors["phase_starts"] = _("Den samme dato står flere gange blandt faserne.")
    elif phases and measure.baseline_end:
        errors["baseline_end"] = _(
            "Vælg enten en fastfrosset basislinje eller nye faser: hver fase får sin egen "
            "midterlinje, så en fastfrosset basislinje bruges ikke, når der er faser."
        )


def _check_measure(measure: Measure, organisation_id: int | None) -> None:
    errors: dict[str, str] = {}
    if not measure.name.strip():
        errors["name"] = _("Giv målingen et navn.")
    if measure.kind not in Measure.Kind.values:
        errors["kind"] = _("Vælg resultatmål, procesmål eller balancemål.")
    if measure.chart_type not in Measure.ChartType.values:
        errors["chart_type"] = _("Ukendt diagramtype.")
    if measure.direction not in ("", *Measure.Direction.values):
        errors["direction"] = _("Ukendt retning.")
    if not (0 < measure.multiply <= MAX_MULTIPLY) or not math.isfinite(measure.multiply):
        errors["multiply"] = _("Gang med et tal over 0, fx 1 eller 100 for procent.")
    if measure.initiative.intervention.organisation_id != organisation_id:
        errors["initiative"] = _("Forbedringstiltaget hører til en anden organisation.")
    _check_source(measure, errors)
    _check_dates(measure, errors)
    if errors:
        raise ValidationError(errors)


def _check_kept_values(measure: Measure) -> None:
    """The hand-entered values already saved must fit a new chart type too."""
    if measure.source != Measure.Source.MANUAL or measure.pk is None:
        return
    today = timezone.localdate()
    rows = [
        ValueRow(v.period, v.value, v.denominator)
        for v in measure.values.all()
        if v.period <= today  # a value entered before today's date moved on stays valid
    ]
    wrong = [row for row in rows if value_problem(measure, row, today)]
    if wrong:
        first = value_problem(measure, wrong[0], today)
        raise ValidationError(
            {
                "chart_type": _(
                    "%(count)s af de indtastede værdier passer ikke til et %(chart)s, fx "
                    "%(date)s: %(problem)s"
                )
                % {
                    "count": len(wrong),
                    "chart": _chart_name(measure),
                    "date": wrong[0].period.strftime("%d-%m-%Y"),
                    "problem": first,
                }
            }
        )


def _prepared(fields: dict[str, object]) -> dict[str, object]:
    fields = dict(fields)
    for name in ("name", "definition", "direction"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    if "phase_starts" in fields:
        days = fields["phase_starts"] or []
        fields["phase_starts"] = sorted(
            day.isoformat() if isinstance(day, datetime.date) else str(day) for day in days
        )
    return fields


def _drop_unused_instrument(measure: Measure) -> list[str]:
    """A hand-entered measure is computed from nothing: keep no instrument on it."""
    if measure.source == Measure.Source.MANUAL and measure.instrument_id is not None:
        measure.instrument = None
        return ["instrument"]
    return []


def _check_fields(fields: dict[str, object]) -> None:
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected measure fields {sorted(unknown)}")


@transaction.atomic
def create_measure(*, by: User, initiative: Initiative, **fields: object) -> Measure:
    """Add a measure to an initiative: entered by hand or derived from Lovende's own data."""
    _check_fields(fields)
    measure = Measure(initiative=initiative, created_by=by, **_prepared(fields))
    _drop_unused_instrument(measure)
    _check_measure(measure, by.organisation_id)
    measure.save()
    return measure


@transaction.atomic
def update_measure(*, by: User, measure: Measure, **fields: object) -> Measure:
    _check_fields(fields)
    fields = _prepared(fields)
    for name, value in fields.items():
        setattr(measure, name, value)
    _check_measure(measure, by.organisation_id)
    _check_kept_values(measure)
    dropped = _drop_unused_instrument(measure)
    measure.save(update_fields=list({*fields, *dropped}))
    return measure


@transaction.atomic
def delete_measure(*, by: User, measure: Measure) -> None:
    """Delete a measure and its values; the initiative and its trials stay."""
    measure.delete()


# --- Values -----------------------------------------------------------------------------------


def _only_manual(measure: Measure) -> None:
    if measure.source != Measure.Source.MANUAL:
        raise ValidationError(
            _("Målingen opdateres automatisk fra Lovendes data; værdier kan ikke indtastes.")
        )


@transaction.atomic
def set_values(*, by: User, measure: Measure, rows: Sequence[ValueRow]) -> list[MeasureValue]:
    """Enter values, replacing any already saved for the same dates: all of them or none."""
    _only_manual(measure)
    _check_values(measure, rows)
    saved = []
    for row in rows:
        value, _created = MeasureValue.objects.update_or_create(
            measure=measure,
            period=row.period,
            defaults={"value": row.value, "denominator": row.denominator, "note": row.note},
        )
        saved.append(value)
    return saved


def add_value(
    *,
    by: User,
    measure: Measure,
    period: datetime.date,
    value: float,
    denominator: float | None = None,
    note: str = "",
) -> MeasureValue:
    """Enter one value (the common case); a value for the same date is replaced."""
    row = ValueRow(period, value, denominator, note.strip())
    return set_values(by=by, measure=measure, rows=[row])[0]


@transaction.atomic
def delete_value(*, by: User, value: MeasureValue) -> None:
    value.delete()
