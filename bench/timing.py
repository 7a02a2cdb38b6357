"""Time the course page, a measurement write and the dashboards against the built database."""

import datetime
import random
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.build import TODAY
from lovende.audit.services import AccessContext
from lovende.citizens.models import Citizen, Course
from lovende.measurements import services
from lovende.measurements.models import Measurement, OutcomeSummary
from lovende.organisation.models import Unit


def sizes() -> dict:
    return {
        "citizens": Citizen.objects.count(),
        "courses": Course.objects.count(),
        "measurements": Measurement.objects.count(),
        "summaries": OutcomeSummary.objects.count(),
    }


def measure(built, *, samples: int) -> dict:
    from bench.run import summary

    rng = random.Random(11)  # noqa: S311 - benchmark sampling
    client = Client()
    client.force_login(built.reader)
    pages, queries = [], set()
    chosen = rng.sample(built.open_courses, min(samples, len(built.open_courses)))
    for course_id in chosen:
        url = reverse("citizens:course_detail", args=[course_id])
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            pages.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code  # noqa: S101 - a broken bench must stop
        queries.add(len(captured))
    writes = []
    context = AccessContext("/bench/", "127.0.0.1", "bench")
    ors = built.instruments[0]
    answers = {"individuelt": 6.1, "relationer": 5.5, "socialt": 7.0, "generelt": 6.4}
    for course_id in chosen:
        course = Course.objects.select_related("citizen", "intervention").get(pk=course_id)
        started = time.perf_counter()
        services.record_measurement(
            by=built.reader,
            context=context,
            course=course,
            instrument=ors,
            answers=answers,
            measured_on=TODAY,
        )
        writes.append((time.perf_counter() - started) * 1000)
    return {
        "course_page": summary(pages) | {"queries_per_page": sorted(queries)},
        "measurement_write": summary(writes),
    }


def measure_dashboards(built, *, samples: int) -> dict:
    """Time both dashboards over ``samples`` requests each, with varied filters."""
    from bench.run import summary

    rng = random.Random(13)  # noqa: S311 - benchmark sampling
    client = Client()
    client.force_login(built.director)
    units = list(
        Unit.objects.filter(organisation=built.director.organisation, kind="afdeling").values_list(
            "pk", flat=True
        )
    )
    interventions = list(built.interventions)
    weights = [built.interventions[i] for i in interventions]
    timed: dict[str, list[float]] = {"intervention": [], "organisation": []}
    queries: dict[str, set[int]] = {"intervention": set(), "organisation": set()}
    order = []
    for _ in range(samples):
        intervention = rng.choices(interventions, weights)[0]
        order.append(intervention)
        params = {"opdeling": rng.choice(["enhed", "faggruppe", "koen", "alder"]), **_period(rng)}
        if rng.random() < 0.3:
            params["enhed"] = rng.choice(units)
        url = reverse("dashboards:intervention_overview", args=[intervention])
        _time(client, url, params, timed["intervention"], queries["intervention"])
    for _ in range(samples):
        params = {"maalgruppe": rng.choice(["", *built.target_groups]), **_period(rng)}
        url = reverse("dashboards:organisation_overview")
        _time(client, url, params, timed["organisation"], queries["organisation"])
    return {
        "intervention_dashboard": summary(timed["intervention"])
        | {"queries_per_page": sorted(queries["intervention"])},
        "organisation_dashboard": summary(timed["organisation"])
        | {"queries_per_page": sorted(queries["organisation"])},
        "order": order,
    }


def _period(rng: random.Random) -> dict:
    choice = rng.random()
    if choice < 0.4:
        return {}
    if choice < 0.7:
        return {"fra": (TODAY - datetime.timedelta(days=365)).isoformat()}
    start = TODAY - datetime.timedelta(days=rng.randint(200, 700))
    return {"fra": start.isoformat(), "til": (start + datetime.timedelta(days=182)).isoformat()}


def _time(client: Client, url: str, params: dict, into: list[float], queries: set[int]) -> None:
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url, params)
        into.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, (url, params, response.status_code)  # noqa: S101 - a broken bench must stop
    queries.add(len(captured))


def our_shares(built, intervention_id: int) -> list:
    """Our answer for one intervention, unfiltered: the check against DuckDB's."""
    from django.http import QueryDict

    from lovende.dashboards import intervention_dashboard
    from lovende.interventions.models import Intervention

    intervention = Intervention.objects.get(pk=intervention_id)
    dashboard = intervention_dashboard.build(built.director, intervention, QueryDict(""))
    figures = dashboard.report.total.figures
    return [
        figures.outcome_courses,
        *(figures.share(part) for part in ("improved", "unchanged", "deteriorated")),
        figures.share("clinical_at_start"),
        figures.share("clinical_now"),
    ]
