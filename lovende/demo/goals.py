"""Individual goals and Goal Attainment Scaling for the youth courses of the demo (Spydspidsen)."""

import datetime
import random

from lovende.citizens.services import add_goal
from lovende.demo.tree import Town
from lovende.measurements.services import record_measurement

YOUTH_GOALS = (
    ("Møde op i praktikken hver dag", "Møder op fire af fem dage uden påmindelse"),
    ("Komme op om morgenen selv", "Står op med eget vækkeur de fleste hverdage"),
    ("Søge ind på en uddannelse", "Har sendt en ansøgning og været til samtale"),
    ("Styre sin egen økonomi", "Har et budget og betaler faste regninger selv"),
    ("Have en fast fritidsaktivitet", "Går til en aktivitet hver uge"),
)
EVERY_DAYS = 42


def write_goal_attainment(
    town: Town, course, author, session_days: list[datetime.date], gain: float, rng: random.Random
) -> None:
    """Two or three goals at the start, scored about every six weeks, drifting up with ``gain``."""
    if "gas" not in town.instruments or len(session_days) < 2:
        return
    chosen = rng.sample(YOUTH_GOALS, rng.randint(2, 3))
    goals = [
        add_goal(
            by=author,
            context=None,
            course=course,
            title=title,
            expected=expected,
            weight=rng.choice((1, 1, 2, 3)),
        )
        for title, expected in chosen
    ]
    starts = {goal.pk: rng.choice((-2, -2, -1)) for goal in goals}
    first, last = session_days[0], session_days[-1]
    span = max(1, (last - first).days)
    day = first
    while day <= last:
        progress = (day - first).days / span
        levels = {
            f"goal_{goal.pk}": max(
                -2, min(2, round(starts[goal.pk] + gain * progress * 3 + rng.uniform(-0.6, 0.6)))
            )
            for goal in goals
        }
        record_measurement(
            by=author,
            context=None,
            course=course,
            instrument=town.instruments["gas"],
            answers=levels,
            measured_on=day,
        )
        day += datetime.timedelta(days=EVERY_DAYS)
