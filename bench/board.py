"""Time the organisation-wide status board of improvement initiatives (improvement:board).

The issue's target: the board with 2,000 initiatives loads with p95 ≤ 150 ms. The initiatives are
inserted in bulk (as bench/build.py does for its rows), spread over the bench organisation's
interventions and the units that deliver them, in every status, with aims over the last three
years and the next one. The board is timed unfiltered and filtered by one intervention, as the
1st-level leader at the top, who may move every card (so every card carries its status form).
The closed columns (afsluttet, opgivet) show only their counts until asked for; the board with
them open, all 2,000 cards, is timed too ("with_closed_columns"), against the same target.
"""

import datetime
import random

from django.db import connection
from django.urls import reverse

from bench.build import TODAY, Built
from lovende.improvement.models import Initiative
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit

INITIATIVES = 2000
TARGET_MS = 150.0
# How an organisation's initiatives spread over the statuses after a few years of work.
STATUS_WEIGHTS = {
    Initiative.Status.IDEA: 12,
    Initiative.Status.PLANNED: 8,
    Initiative.Status.TESTING: 12,
    Initiative.Status.IMPLEMENTING: 8,
    Initiative.Status.DONE: 45,
    Initiative.Status.ABANDONED: 15,
}


def add_initiatives(built: Built, count: int = INITIATIVES, seed: int = 17) -> dict[str, int]:
    """Insert ``count`` initiatives; returns how many there are per status."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    organisation_id = built.director.organisation_id
    interventions = list(
        Intervention.objects.filter(organisation_id=organisation_id).prefetch_related("units")
    )
    units = {
        intervention.pk: [
            None,
            *Unit.objects.filter(
                path__startswith=intervention.units.all()[0].path,
                organisation_id=organisation_id,
            ),
        ]
        for intervention in interventions
    }
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    rows = []
    for number in range(count):
        intervention = rng.choice(interventions)
        rows.append(
            Initiative(
                intervention=intervention,
                unit=rng.choice(units[intervention.pk]),
                title=f"Forbedringstiltag {number + 1}: {rng.choice(IDEAS)}",
                aim=f"{rng.choice(IDEAS)} i 90 % af forløbene",
                aim_date=TODAY + datetime.timedelta(days=rng.randint(-1000, 365)),
                status=rng.choices(statuses, weights)[0],
                created_by=built.director,
            )
        )
    Initiative.objects.bulk_create(rows, batch_size=500)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        str(status): sum(1 for row in rows if row.status == status) for status in STATUS_WEIGHTS
    }


def measure(built: Built, *, samples: int) -> dict:
    """p50/p95 of the board, unfiltered and filtered by one intervention, ``samples`` each."""
    from django.test import Client

    from bench.run import summary
    from bench.timing import _time

    statuses = add_initiatives(built)
    rng = random.Random(19)  # noqa: S311 - benchmark sampling
    client = Client()
    client.force_login(built.director)
    url = reverse("improvement:board")
    interventions = list(built.interventions)
    _time(client, url, {}, [], set())  # warm the template cache, as a running server has it
    timed: dict[str, list[float]] = {"all": [], "intervention": [], "closed": []}
    queries: dict[str, set[int]] = {"all": set(), "intervention": set(), "closed": set()}
    for _ in range(samples):
        _time(client, url, {}, timed["all"], queries["all"])
    for _ in range(samples):
        _time(client, url, {"lukkede": "vis"}, timed["closed"], queries["closed"])
    for _ in range(samples):
        params = {"indsats": rng.choice(interventions)}
        _time(client, url, params, timed["intervention"], queries["intervention"])
    return {
        "initiatives": sum(statuses.values()),
        "per_status": statuses,
        "target_p95_ms": TARGET_MS,
        "unfiltered": summary(timed["all"]) | {"queries_per_page": sorted(queries["all"])},
        "one_intervention": summary(timed["intervention"])
        | {"queries_per_page": sorted(queries["intervention"])},
        "with_closed_columns": summary(timed["closed"])
        | {"queries_per_page": sorted(queries["closed"])},
    }


IDEAS = (
    "Mål ved hver session",
    "Fælles opstartssamtale",
    "Feedback før afslutning",
    "Netværket med fra start",
    "Kortere ventetid på første samtale",
    "Tjekliste ved overdragelse",
    "Borgerens egne mål i planen",
    "Opfølgning efter tre måneder",
)
