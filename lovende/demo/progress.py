"""The demo courses' histories: sessions with measurements along a trajectory, and notes.

Every course except the waiting ones has sessions every one to three weeks from its start to its end
(or today): ORS or CORS and SRS or CSRS at most sessions, WHO-5 about monthly for the infant team's
adult citizens, the progression wheel about every six weeks. Each course follows a trajectory
(improver, slow improver, non-responder, deteriorator, drop-out), some with a low or falling
alliance and some open ones with a long gap, so every outcome category and every signal shows.
Everything goes through the services. Measurements are only recorded on open courses, so the
caseload registers every course open and closes the closed ones after their history is written.
"""

import datetime
import math
import random
from dataclasses import dataclass

from lovende.citizens.models import Course
from lovende.citizens.services import record_feedback, record_observation
from lovende.demo import notes
from lovende.demo.assessments import write_assessment
from lovende.demo.goals import write_goal_attainment
from lovende.demo.interventions import FAMILY, INFANT, RESIDENTIAL, YOUTH
from lovende.demo.tree import Town
from lovende.instruments import scoring
from lovende.instruments.services import BUILT_IN_BY_CODE, enable_instrument, install_builtin
from lovende.measurements.services import record_measurement, refreshed_once
from lovende.organisation.models import User

S = Course.Status
DAY = datetime.timedelta(days=1)

# Per intervention: the outcome instrument, the alliance instrument, then the occasional ones.
INSTRUMENTS = {
    FAMILY: ("ors", "srs"),
    INFANT: ("ors", "srs", "who5"),
    YOUTH: ("ors", "srs", "hjul", "gas"),
    RESIDENTIAL: ("cors", "csrs", "hjul"),
}
ADULTS_ONLY = {"who5"}  # the infant team's parents, not the infants
EVERY_DAYS = {"who5": 28, "hjul": 42}  # the occasional instruments; the others at most sessions
SESSION_SKIP, ALLIANCE_SKIP = 0.08, 0.1  # sessions without measurements; SRS left out


@dataclass(frozen=True)
class Scale:
    """How one instrument's answers are drawn. Scores are in the instrument's own points."""

    anchor: float  # the clinical cutoff or the middle of the scale; starts are drawn around it
    unit: float  # one reliable change
    noise: float  # standard deviation from session to session
    bias: float  # standard deviation of a course's lasting item differences, in item steps
    spread: float  # session-to-session wobble of the items, in item steps


SCALES = {
    "ors": Scale(25, 5, 1.4, 8, 6),
    "cors": Scale(32, 5, 1.4, 8, 6),
    "srs": Scale(36, 5, 0.25, 3, 3),  # the alliance's totals come from _alliance_values
    "csrs": Scale(36, 5, 0.25, 3, 3),
    "who5": Scale(50, 10, 5, 0.5, 0.5),
    "hjul": Scale(6, 1, 0.25, 1.2, 0.5),
}


@dataclass(frozen=True)
class Trajectory:
    """A course's outcome over time, in reliable changes of whichever instrument measures it."""

    name: str
    below: tuple[float, float]  # where it starts, below the anchor
    gain: tuple[float, float]  # the change it heads for
    pace: tuple[int, int]  # days until about two thirds of the change


IMPROVER = Trajectory("improver", (0.6, 2.0), (1.2, 2.4), (25, 60))
SLOW = Trajectory("slow", (0.4, 1.8), (0.7, 1.5), (120, 240))
FLAT = Trajectory("non-responder", (-0.4, 1.8), (0, 0), (60, 60))
WORSE = Trajectory("deteriorator", (-0.8, 0.8), (-1.8, -1.1), (30, 80))
DROPOUT = Trajectory("drop-out", (0.4, 2.0), (-0.4, 0.2), (30, 60))

HIGH, LOW, DIP = "high", "low", "dip"  # the alliance; a dip falls at the latest open session


@dataclass(frozen=True)
class Profile:
    trajectory: Trajectory
    alliance: str = HIGH
    gap: bool = False  # an open course without measurements for the last six weeks or more
    diligent: bool = False  # measured at every session


TRAJECTORY_SHARES = {
    S.ACTIVE: ((IMPROVER, 35), (SLOW, 25), (FLAT, 28), (WORSE, 12)),
    S.COMPLETED: ((IMPROVER, 52), (SLOW, 25), (FLAT, 15), (WORSE, 8)),
    S.DISCONTINUED: ((DROPOUT, 1),),
}
ALLIANCE_SHARES = {S.DISCONTINUED: ((HIGH, 50), (LOW, 30), (DIP, 20))}
USUAL_ALLIANCE = ((HIGH, 83), (LOW, 8), (DIP, 9))
GAP_SHARE, GAP_MIN_DAYS, GAP_DAYS = 0.08, 120, (45, 80)
# The caseload holder's open courses show every signal (newest first, of those this old).
SHOWCASE_MIN_DAYS = 120
SHOWCASE = (
    Profile(IMPROVER, diligent=True),
    Profile(FLAT, diligent=True),
    Profile(WORSE, DIP, diligent=True),
    Profile(SLOW, LOW, diligent=True),
    Profile(IMPROVER, gap=True, diligent=True),
)


@dataclass(frozen=True)
class PlannedCourse:
    """A course registered open, and the status and end date it is to have once its history is in."""

    course: Course
    key: str  # the intervention, as in INSTRUMENTS
    status: str
    end: datetime.date | None
    staff: list[User]


def install_instruments(town: Town) -> None:
    """Install the built-in instruments the town's interventions use, and enable them there."""
    for key, intervention in town.interventions.items():
        for code in INSTRUMENTS[key]:
            if code not in town.instruments:
                town.instruments[code] = install_builtin(organisation=town.organisation, code=code)
            enable_instrument(instrument=town.instruments[code], intervention=intervention)


def write_histories(
    town: Town,
    planned: list[PlannedCourse],
    rng: random.Random,
    today: datetime.date,
    showcase: User | None = None,
) -> None:
    """Write each course's sessions and notes while it is still open; the caller closes them."""
    chosen = _showcase(planned, showcase, today)
    with refreshed_once():  # summaries and monthly scores once per course, not per measurement
        _write_all(town, planned, rng, today, chosen)


def _write_all(
    town: Town,
    planned: list[PlannedCourse],
    rng: random.Random,
    today: datetime.date,
    chosen: dict,
) -> None:
    for plan in planned:
        if plan.status == S.WAITING:
            _waiting_note(plan, rng, today)
            continue
        days_open = ((plan.end or today) - plan.course.start_date).days
        profile = chosen.get(plan.course.pk) or _draw(rng, plan.status, days_open)
        _write_history(town, plan, profile, rng, today)


def _showcase(
    planned: list[PlannedCourse], holder: User | None, today: datetime.date
) -> dict[int, Profile]:
    if holder is None:
        return {}
    theirs = [
        plan
        for plan in planned
        if plan.status == S.ACTIVE
        and holder in plan.staff
        and (today - plan.course.start_date).days >= SHOWCASE_MIN_DAYS
    ]
    theirs.sort(key=lambda plan: plan.course.start_date, reverse=True)
    return {plan.course.pk: profile for plan, profile in zip(theirs, SHOWCASE, strict=False)}


def _weighted(rng: random.Random, shares: tuple) -> object:
    options, weights = zip(*shares, strict=True)
    return rng.choices(options, weights)[0]


def _draw(rng: random.Random, status: str, days_open: int) -> Profile:
    trajectory = _weighted(rng, TRAJECTORY_SHARES[status])
    alliance = _weighted(rng, ALLIANCE_SHARES.get(status, USUAL_ALLIANCE))
    gap = status == S.ACTIVE and days_open >= GAP_MIN_DAYS and rng.random() < GAP_SHARE
    return Profile(trajectory, alliance, gap)


def _author(town: Town, plan: PlannedCourse, rng: random.Random) -> User:
    return rng.choice(plan.staff) if plan.staff else town.registrar


# Sessions and measurements


def _session_days(
    rng: random.Random, plan: PlannedCourse, profile: Profile, today: datetime.date
) -> list[datetime.date]:
    last = plan.end or today
    if profile.gap:
        last = today - rng.randint(*GAP_DAYS) * DAY
    limit = rng.randint(1, 4) if profile.trajectory is DROPOUT else math.inf
    interval = rng.choice((7, 10, 14) if profile.diligent else (7, 10, 14, 14, 21))
    day = plan.course.start_date + rng.randint(0, 6) * DAY
    days = []
    while day <= last and len(days) < limit:
        days.append(day)
        day += max(5, interval + rng.randint(-3, 3)) * DAY
    return days


def _schedule(
    rng: random.Random, days: list[datetime.date], codes: tuple[str, ...], profile: Profile
) -> list[tuple[datetime.date, str]]:
    """Which instrument is answered when: never two sessions in a row without, nor the latest."""
    rows: list[tuple[datetime.date, str]] = []
    latest: dict[str, datetime.date] = {}
    skipped = False
    for index, day in enumerate(days):
        final = index == len(days) - 1
        if not (profile.diligent or final or skipped or index == 0):
            skipped = rng.random() < SESSION_SKIP
            if skipped:
                continue
        skipped = False
        for code in codes:
            if (
                code in EVERY_DAYS
                and code in latest
                and (day - latest[code]).days < EVERY_DAYS[code]
            ):
                continue
            if (
                code == codes[1]
                and not (profile.diligent or final)
                and rng.random() < ALLIANCE_SKIP
            ):
                continue
            rows.append((day, code))
            latest[code] = day
    return rows


def _outcome_values(
    rng: random.Random, code: str, trajectory: Trajectory, offsets: list[int]
) -> list[float]:
    """Scores along the trajectory with noise, then held to what the trajectory means."""
    scale = SCALES[code]
    start = scale.anchor - rng.uniform(*trajectory.below) * scale.unit
    gain = rng.uniform(*trajectory.gain) * scale.unit
    pace = rng.randint(*trajectory.pace)
    values = [
        start + gain * (1 - math.exp(-days / pace)) + rng.gauss(0, scale.noise) for days in offsets
    ]
    first, margin = values[0], 1.05 * scale.unit  # clear of the reliable change after rounding
    if trajectory is FLAT:
        values = [min(first + 0.88 * scale.unit, max(first - 0.88 * scale.unit, v)) for v in values]
    elif trajectory is IMPROVER and len(values) >= 4 and offsets[-1] - offsets[0] >= 56:
        values[-1] = max(values[-1], first + margin)
    elif trajectory is WORSE and len(values) >= 3:
        values[-1] = min(values[-1], first - margin)
    return values


def _alliance_values(
    rng: random.Random, alliance: str, offsets: list[int], is_open: bool
) -> tuple[list[float], int | None]:
    """SRS totals, and the index of a fall of a point or more from the session before, if any."""
    if alliance == LOW:
        start, rise, noise, ceiling = rng.uniform(29, 34.5), rng.uniform(0, 2), 0.8, 35.8
    else:
        start, rise, noise, ceiling = rng.uniform(37, 39.4), rng.uniform(0, 0.6), 0.25, 40
    span = max(offsets[-1] - offsets[0], 1)
    values = [
        min(ceiling, start + rise * (days - offsets[0]) / span + rng.gauss(0, noise))
        for days in offsets
    ]
    dip = None
    if alliance == DIP and len(values) >= 2:
        dip = len(values) - 1 if is_open else rng.randrange(1, len(values))
    elif alliance == HIGH and len(values) >= 8 and rng.random() < 0.2:
        dip = rng.randrange(1, len(values) - 1)  # a fall the alliance recovered from
    if dip is not None:
        values[dip] = values[dip - 1] - rng.uniform(1.3, 4)
    return values, dip


def _answers(rng: random.Random, code: str, value: float, bias: list[float]) -> dict[str, float]:
    """Item answers on the instrument's steps whose total scores ``value`` (as near as steps go)."""
    definition = BUILT_IN_BY_CODE[code]
    items = scoring.items_of(definition)
    step = items[0].step
    low, high = round(items[0].min / step), round(items[0].max / step)
    method = definition["scoring"]["method"]
    per_point = {"mean": len(items), "linear": 1 / definition["scoring"].get("factor", 1)}
    total = round(value * per_point.get(method, 1) / step)
    total = min(len(items) * high, max(len(items) * low, total))
    mean, wobble = total / len(items), SCALES[code].spread
    parts = [min(high, max(low, round(mean + b + rng.uniform(-wobble, wobble)))) for b in bias]
    index = rng.randrange(len(parts))
    while difference := total - sum(parts):
        index = (index + 1) % len(parts)
        nudged = parts[index] + (1 if difference > 0 else -1)
        if low <= nudged <= high:
            parts[index] = nudged
    return {item.key: round(part * step, 1) for item, part in zip(items, parts, strict=True)}


def _is_adult(course: Course) -> bool:
    return (course.start_date - course.citizen.birth_date).days >= 18 * 365.25


def _write_history(
    town: Town, plan: PlannedCourse, profile: Profile, rng: random.Random, today: datetime.date
) -> None:
    course = plan.course
    days = _session_days(rng, plan, profile, today)
    codes = tuple(
        code
        for code in INSTRUMENTS[plan.key]
        if code != "gas" and (code not in ADULTS_ONLY or _is_adult(course))
    )
    rows = _schedule(rng, days, codes, profile)
    values: dict[tuple[datetime.date, str], float] = {}
    dip_day = None
    for code in codes:
        dates = [day for day, c in rows if c == code]
        if not dates:
            continue
        offsets = [(day - course.start_date).days for day in dates]
        if code == codes[1]:
            scores, dip = _alliance_values(rng, profile.alliance, offsets, plan.end is None)
            dip_day = dates[dip] if dip is not None else None
        else:
            scores = _outcome_values(rng, code, profile.trajectory, offsets)
        values.update(zip([(day, code) for day in dates], scores, strict=True))
    bias = {
        code: [rng.gauss(0, SCALES[code].bias) for _ in range(_item_count(code))] for code in codes
    }
    by = plan.staff[0] if plan.staff else town.registrar
    for day, code in rows:
        record_measurement(
            by=by,
            context=None,
            course=course,
            instrument=town.instruments[code],
            answers=_answers(rng, code, values[day, code], bias[code]),
            measured_on=day,
        )
    _write_notes(town, plan, profile, days, dip_day, rng, today)
    write_assessment(course, by, days, seed=course.pk + 7)
    if "gas" in INSTRUMENTS[plan.key]:
        gain = sum(profile.trajectory.gain) / 2
        # its own generator, so the other histories stay as they were drawn before goals existed
        write_goal_attainment(town, course, by, days, gain, random.Random(course.pk))  # noqa: S311


def _item_count(code: str) -> int:
    return len(BUILT_IN_BY_CODE[code]["items"])


# Observations and feedback


def _mood(trajectory: Trajectory, position: float, rng: random.Random) -> str:
    """How an observation at ``position`` (0 at the start, 1 at the end) reads."""
    if trajectory is IMPROVER:
        return notes.GOOD if position > 0.3 else notes.NEUTRAL
    if trajectory is SLOW:
        return notes.GOOD if position > 0.6 else notes.NEUTRAL
    if trajectory is WORSE:
        return notes.BAD if position > 0.3 else notes.NEUTRAL
    return notes.BAD if rng.random() < 0.25 else notes.NEUTRAL


def _unused(rng: random.Random, options: tuple, used: set) -> object:
    fresh = [option for option in options if option not in used]
    choice = rng.choice(fresh or list(options))
    used.add(choice)
    return choice


def _planned_notes(
    rng: random.Random,
    plan: PlannedCourse,
    profile: Profile,
    days: list[datetime.date],
    dip_day: datetime.date | None,
    today: datetime.date,
) -> list[tuple[datetime.date, tuple]]:
    """(date, (kind, text, tags)): a note at the start, a few on the way, and the signals' own."""
    used: set = set()
    planned = [(days[0], _unused(rng, notes.OBSERVATIONS[plan.key, notes.START], used))]
    later = days[1:]
    span = max((days[-1] - days[0]).days, 1)
    for day in sorted(rng.sample(later, min(len(later), 1 + len(later) // 8, 3))):
        mood = _mood(profile.trajectory, (day - days[0]).days / span, rng)
        planned.append((day, _unused(rng, notes.OBSERVATIONS[plan.key, mood], used)))
    general = notes.GENERAL_OBSERVATIONS
    if dip_day:
        planned.append((dip_day, _unused(rng, general[notes.FALLING_ALLIANCE], used)))
    if profile.alliance == LOW and len(days) > 2:
        planned.append((days[min(3, len(days) - 1)], rng.choice(general[notes.LOW_ALLIANCE])))
    if profile.gap:  # the cancellations after the latest session
        day = min(today, days[-1] + rng.randint(21, 35) * DAY)
        planned.append((day, rng.choice(general[notes.GAP])))
    if profile.trajectory is DROPOUT:
        planned.append((plan.end or days[-1], rng.choice(general[notes.DROPOUT])))
    return planned


def _write_notes(
    town: Town,
    plan: PlannedCourse,
    profile: Profile,
    days: list[datetime.date],
    dip_day: datetime.date | None,
    rng: random.Random,
    today: datetime.date,
) -> None:
    for day, (kind, text, tags) in _planned_notes(rng, plan, profile, days, dip_day, today):
        record_observation(
            by=_author(town, plan, rng),
            context=None,
            course=plan.course,
            observed_on=day,
            kind=kind,
            text=text,
            tags=tags,
        )
    chosen = rng.sample(days, min(len(days), 1 + len(days) // 10, 3))
    if dip_day and dip_day not in chosen:
        chosen[-1] = dip_day  # the citizen says why the session scored lower
    texts, used = notes.FEEDBACK[plan.key], set()
    for day in sorted(chosen):
        critical = profile.alliance == LOW and rng.random() < 0.7
        critical = critical or day == dip_day or rng.random() < 0.1
        tone = notes.CRITICISM if critical else notes.PRAISE
        record_feedback(
            by=_author(town, plan, rng),
            context=None,
            course=plan.course,
            given_on=day,
            text=_unused(rng, texts[tone], used),
        )


def _waiting_note(plan: PlannedCourse, rng: random.Random, today: datetime.date) -> None:
    if not plan.staff or rng.random() < 0.5:
        return
    kind, text, tags = rng.choice(notes.GENERAL_OBSERVATIONS[notes.WAITING])
    waited = (today - plan.course.start_date).days
    record_observation(
        by=plan.staff[0],
        context=None,
        course=plan.course,
        observed_on=plan.course.start_date + rng.randint(0, waited) * DAY,
        kind=kind,
        text=text,
        tags=tags,
    )
