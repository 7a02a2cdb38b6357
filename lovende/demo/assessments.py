"""Professional assessments on some demo courses, so the course page can set them beside the data."""

import random

from lovende.citizens.models import Assessment
from lovende.citizens.services import record_assessment

SHARE = 0.4
TEXTS = {
    Assessment.Direction.IMPROVING: (
        "Jeg oplever, at familien har fået mere ro i hverdagen, og at forældrene oftere tager initiativ selv.",
        "Den unge møder mere stabilt op og taler selv om fremtiden. Det går den rigtige vej.",
        "Samarbejdet er blevet tættere, og vi ser færre konflikter omkring sengetid og morgener.",
    ),
    Assessment.Direction.STABLE: (
        "Der er gode perioder, men mønstret er det samme som ved start. Vi skal tale om, hvad der skal til.",
        "Familien er glade for samarbejdet, men jeg ser ikke en tydelig forandring endnu.",
    ),
    Assessment.Direction.WORSENING: (
        "Det er blevet sværere de seneste uger; der er flere konflikter og mindre overskud.",
    ),
}
DIRECTIONS = (
    (Assessment.Direction.IMPROVING, 6),
    (Assessment.Direction.STABLE, 3),
    (Assessment.Direction.WORSENING, 1),
)


def write_assessment(course, author, session_days: list, seed: int) -> None:
    """Now and then, the employee's latest assessment, written at a session in the last third."""
    rng = random.Random(seed)  # noqa: S311 - demo data
    if len(session_days) < 4 or rng.random() > SHARE:
        return
    direction = rng.choices([d for d, _ in DIRECTIONS], weights=[w for _, w in DIRECTIONS])[0]
    day = session_days[rng.randint(len(session_days) * 2 // 3, len(session_days) - 1)]
    text = rng.choice(TEXTS[direction])
    record_assessment(
        by=author, context=None, course=course, assessed_on=day, direction=direction, text=text
    )
