"""The dashboards and their API cost the same number of queries at any data size (API-02).

No N+1: the page, its Excel file and the API run a fixed number of queries whether the
intervention has 6 courses or 60. (make bench times the same pages at 60,000 courses.)
"""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_course


def urls(intervention) -> list[str]:
    return [
        f"/overblik/indsats/{intervention.pk}/",
        f"/overblik/indsats/{intervention.pk}/?opdeling=koen",
        f"/overblik/indsats/{intervention.pk}/excel/",
        "/overblik/organisation/",
        "/overblik/organisation/excel/",
        f"/api/v1/overblik/indsats/{intervention.pk}",
        "/api/v1/overblik/organisation",
    ]


def query_counts(client, intervention) -> dict[str, int]:
    counts = {}
    for url in urls(intervention):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def add_courses(mette, intervention, tree, start: int, stop: int) -> None:
    for n in range(start, stop):
        unit = tree.nord if n % 2 else tree.syd
        make_course(mette, intervention, unit, "Borger", f"Nr{n}")


@pytest.mark.parametrize("persona", ["lars", "ida"])
def test_the_query_count_does_not_grow_with_the_data(
    client_for, request, mette, intervention, tree, ors, persona
):
    # covers API-02: the same count at 6 and at 60 courses, page, export and API alike
    client = client_for(request.getfixturevalue(persona))
    add_courses(mette, intervention, tree, 0, 6)
    # One clock minute: the rate limit's counter row is inserted by the minute's first call.
    with time_machine.travel("2026-03-02 10:00:05 +00:00", tick=False):
        query_counts(client, intervention)
        small = query_counts(client, intervention)

        add_courses(mette, intervention, tree, 6, 60)
        large = query_counts(client, intervention)

    assert large == small
    print(f"\nAPI-02 {persona}: queries per request at 6 and 60 courses: {small}")
