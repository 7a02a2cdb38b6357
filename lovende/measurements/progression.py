"""Everything the course page shows about progression, gathered in a constant number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.citizens.models import Assessment, Course
from lovende.citizens.permissions import (
    course_assessments,
    course_feedback,
    course_goals,
    course_observations,
)
from lovende.instruments import scoring
from lovende.instruments.models import Instrument
from lovende.measurements import charts, signals
from lovende.measurements.evidence import Evidence, weigh
from lovende.measurements.models import Measurement, OutcomeSummary
from lovende.measurements.permissions import course_measurements, course_summaries


@dataclass
class Panel:
    """One instrument on the course page: its measurements, summary, chart and thresholds."""

    instrument: Instrument
    measurements: list[Measurement]
    summary: OutcomeSummary | None
    chart: dict
    definition: dict
    threshold: float | None = None
    cutoff: dict | None = None

    goals: list[tuple[object, int | None]] = field(default_factory=list)  # (Goal, latest level)

    @property
    def chart_id(self) -> str:
        return f"chart-{self.instrument.pk}"


@dataclass(frozen=True)
class Event:
    """One line of the course timeline."""

    on: datetime.date
    kind: str  # measurement | observation | feedback
    title: str
    text: str = ""
    author: str = ""
    tags: tuple = ()


@dataclass
class Progression:
    panels: list[Panel]
    signals: list[tuple[signals.Signal, str]]
    timeline: list[Event]
    enabled: list[Instrument] = field(default_factory=list)
    assessment: Assessment | None = None
    evidence: Evidence | None = None

    @property
    def self_report(self) -> list[Instrument]:
        """Enabled instruments the citizen may fill in on the tablet."""
        return [i for i in self.enabled if i.versions.all()[0].definition.get("self_report")]


def chart_labels() -> dict[str, str]:
    return {
        "session": _("Session"),
        "score": _("Score"),
        "date": _("Dato"),
        "clinical": _("Klinisk område"),
        "band": _("Ingen pålidelig ændring fra start"),
        "improved": _("Pålideligt bedre end start"),
        "unchanged": _("Ingen pålidelig ændring"),
        "deteriorated": _("Pålideligt dårligere end start"),
    }


def signal_text(signal: signals.Signal) -> str:
    params = {"instrument": signal.instrument, **signal.params}
    texts = {
        "no_improvement": _(
            "%(instrument)s: ingen pålidelig forbedring efter %(sessions)s sessioner."
        ),
        "deterioration": _("%(instrument)s: pålidelig forværring fra %(first)s til %(latest)s."),
        "low_alliance": _(
            "%(instrument)s: alliancen er under %(cutoff)s (seneste %(latest)s). Tal om samarbejdet."
        ),
        "falling_alliance": _(
            "%(instrument)s: faldet fra %(previous)s til %(latest)s siden sidste session."
        ),
        "no_measurement": _("Ingen målinger i %(days)s dage."),
    }
    return texts[signal.code] % {
        k: (f"{v:g}" if isinstance(v, float) else v) for k, v in params.items()
    }


def course_progression(course: Course) -> Progression:
    """The panels, signals and timeline of a course already checked by get_course_for_user."""
    by_instrument: dict[int, list[Measurement]] = defaultdict(list)
    for measurement in course_measurements(course).order_by("measured_on", "id"):
        by_instrument[measurement.instrument_id].append(measurement)
    summaries = {s.instrument_id: s for s in course_summaries(course)}
    labels = chart_labels()
    panels = [_panel(rows, summaries.get(key), labels) for key, rows in by_instrument.items()]
    _attach_goals(course, panels)
    found = signals.course_signals(
        [
            signals.Series(
                p.instrument.name, p.definition, [(m.measured_on, m.score) for m in p.measurements]
            )
            for p in panels
        ],
        today=timezone.localdate(),
        course_start=course.start_date,
        course_open=course.status == Course.Status.ACTIVE,  # a waiting course has not begun
        rules=signals.Rules(settings.LOVENDE_SIGNAL_SESSIONS, settings.LOVENDE_SIGNAL_DAYS),
    )
    assessment = course_assessments(course).first()
    weighed = None
    if assessment is not None:
        outcomes = [
            (
                p.instrument.name,
                p.definition.get("purpose", "outcome"),
                p.summary.category if p.summary else "",
            )
            for p in panels
        ]
        weighed = weigh(assessment.direction, outcomes)
    return Progression(
        assessment=assessment,
        evidence=weighed,
        panels=sorted(panels, key=lambda p: p.instrument.name),
        signals=[(s, signal_text(s)) for s in found],
        timeline=_timeline(course, by_instrument),
        enabled=list(
            Instrument.objects.filter(interventions=course.intervention_id)
            .prefetch_related("versions")
            .order_by("name")
        ),
    )


def _panel(rows: list[Measurement], summary: OutcomeSummary | None, labels: dict) -> Panel:
    definition = rows[-1].version.definition
    points = [(m.measured_on, m.score) for m in rows]
    return Panel(
        instrument=rows[-1].instrument,
        measurements=rows,
        summary=summary,
        chart=charts.progression_spec(definition, points, labels),
        definition=definition,
        threshold=scoring.reliable_change_threshold(definition),
        cutoff=scoring.clinical_cutoff(definition),
    )


def _attach_goals(course: Course, panels: list[Panel]) -> None:
    """Give the goal-attainment panel its goals with the level each reached last time."""
    gas = [panel for panel in panels if panel.definition.get("kind") == "gas"]
    if not gas:
        return
    latest = gas[0].measurements[-1].answers
    gas[0].goals = [(goal, latest.get(f"goal_{goal.pk}")) for goal in course_goals(course)]


def _timeline(course: Course, by_instrument: dict[int, list[Measurement]]) -> list[Event]:
    """Measurements of one day on one line; observations and feedback each on their own."""
    per_day: dict[datetime.date, list[Measurement]] = defaultdict(list)
    for rows in by_instrument.values():
        for m in rows:
            per_day[m.measured_on].append(m)
    events = [
        Event(
            day,
            "measurement",
            _("Målinger"),
            " · ".join(
                f"{m.instrument.name.split(' – ')[0]} {floatformat(m.score, -1)}" for m in rows
            ),
            str(rows[0].created_by),
        )
        for day, rows in per_day.items()
    ]
    events += [
        Event(
            o.observed_on, "observation", o.get_kind_display(), o.text, str(o.author), tuple(o.tags)
        )
        for o in course_observations(course)
    ]
    events += [
        Event(f.given_on, "feedback", _("Borgerens feedback"), f.text, str(f.recorded_by))
        for f in course_feedback(course)
    ]
    return sorted(events, key=lambda e: e.on, reverse=True)
