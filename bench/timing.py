"""Time the course page and a measurement write against the built database."""

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
