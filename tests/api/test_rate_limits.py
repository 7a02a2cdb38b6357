"""Anti-automation: per-user limits on exports and the API, and no unbounded pages (API-02)."""

import time

import time_machine
from django.core.cache import cache
from django.db import connection

from lovende.api import ratelimit

EXPORT = "/overblik/organisation/excel/"
API = "/api/v1/overblik/organisation"


def test_the_61st_export_in_a_minute_gets_429_in_danish(client_for, lars, settings):
    # covers API-02: 60 exports a minute, then 429 with Retry-After; the next minute is open again
    settings.LOVENDE_RATE_LIMIT_EXPORTS = 60
    client = client_for(lars)

    with time_machine.travel("2026-03-02 10:00:05 +00:00", tick=False):
        statuses = [client.get(EXPORT).status_code for _ in range(61)]
        refused = client.get(EXPORT)
    with time_machine.travel("2026-03-02 10:01:01 +00:00", tick=False):
        again = client.get(EXPORT)

    assert statuses[:60] == [200] * 60
    assert statuses[60] == 429
    assert "for mange forespørgsler" in refused.content.decode()
    assert refused["Retry-After"] == "55"
    assert again.status_code == 200
    print(f"\nAPI-02: exports {statuses.count(200)} answered, the 61st: {statuses[60]}")


def test_the_limit_is_per_user(client_for, lars, ida, settings):
    # covers API-02: one user's burst does not stop another
    settings.LOVENDE_RATE_LIMIT_API = 3

    with time_machine.travel("2026-03-02 10:00:05 +00:00", tick=False):
        lars_statuses = [client_for(lars).get(API).status_code for _ in range(4)]
        ida_status = client_for(ida).get(API).status_code

    assert lars_statuses == [200, 200, 200, 429]
    assert ida_status == 200


def test_the_api_answers_429_as_json(client_for, lars, settings):
    # covers API-02: the API's refusal is JSON with the Danish message
    settings.LOVENDE_RATE_LIMIT_API = 1
    client = client_for(lars)

    with time_machine.travel("2026-03-02 10:00:05 +00:00", tick=False):
        client.get(API)
        refused = client.get(API)

    assert refused.status_code == 429
    assert "for mange" in refused.json()["detail"]


def test_the_counts_live_in_the_database_shared_by_all_workers(client_for, lars, db):
    # covers API-02: the cache is the database table, so every gunicorn worker sees one count
    with time_machine.travel("2026-03-02 10:00:05 +00:00", tick=False):
        client_for(lars).get(API)
        client_for(lars).get(API)
        counted = cache.get(f"ratelimit:api:{lars.pk}:{int(time.time() // ratelimit.WINDOW)}")

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM lovende_cache")
        rows = cursor.fetchone()[0]
    assert rows >= 1
    assert counted == 2


def test_no_page_size_parameter_lifts_the_page_cap(client_for, mette, intervention, tree):
    # covers API-02: pages are always PAGE_SIZE rows; page-size parameters are not read at all
    from lovende.web import PAGE_SIZE
    from tests.conftest import make_course

    for n in range(PAGE_SIZE + 5):
        make_course(mette, intervention, tree.nord, "Borger", f"Nr{n}")
    client = client_for(mette)

    for parameter in ("page_size", "per_page", "limit", "antal"):
        body = client.get(f"/borgere/?{parameter}=100000").content.decode()
        assert body.count("Borger Nr") == PAGE_SIZE, parameter
