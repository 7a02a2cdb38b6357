"""The dashboards, lists and their API cost the same number of queries at any data size (API-02).

No N+1: every dashboard page, its Excel file, the API, the intervention pages and the course list
run a fixed number of queries whether the municipality has 1,000 courses or 10,000. Both sizes
are built by bench/build.py (bulk inserts, the services' own outcome summaries and monthly
scores), once per module, each in a transaction rolled back after it is counted. (make bench
times the same pages at 60,000 courses.)
"""

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.build import Built, build
from lovende.organisation import services as org_services
from lovende.organisation.models import Role, Unit, User

pytestmark = pytest.mark.django_db
SIZES = (1_000, 10_000)
# One clock minute for every request: the rate limit's counter row is inserted by the minute's
# first call, so each page is requested once before it is counted. The day is just after
# bench/build.py's TODAY, so the dashboards' default period holds the built courses.
NOW = "2026-11-02 10:00:05 +00:00"
INTERVENTION = (
    "/overblik/indsats/{intervention}/",
    "/overblik/indsats/{intervention}/?opdeling=koen",
    "/overblik/indsats/{intervention}/excel/",
    "/api/v1/overblik/indsats/{intervention}",
    "/indsatser/",
    "/indsatser/{intervention}/",
)
ORGANISATION = (
    "/overblik/organisation/",
    "/overblik/organisation/excel/",
    "/api/v1/overblik/organisation",
)
COURSES = ("/borgere/", "/borgere/?side=2", "/borgere/eksport/")
# The course export writes one access-log row for each citizen in it (LOG-02), in batches as
# large as the database's parameter limit allows (about 160 rows on SQLite, all in one on
# PostgreSQL): those inserts grow with the data by design, so they are counted apart, and only
# the export may have more.
ACCESS_LOG_INSERT = 'INSERT INTO "audit_accesslog"'
GROWING_ACCESS_LOG = {"/borgere/eksport/"}
# Who asks: the director (a 1st-level leader at the top) sees every dashboard, the
# administrator manages the organisation and sees them too; the reader (a 4th-level leader at
# the top) sees every course and the intervention dashboards, not the organisation's.
PAGES = {
    "director": INTERVENTION + ORGANISATION,
    "administrator": INTERVENTION + ORGANISATION,
    "reader": INTERVENTION + COURSES,
}

Counts = dict[str, dict[str, tuple[int, int]]]  # persona → page → (queries, access-log inserts)


def administrator(built: Built) -> User:
    organisation = built.director.organisation
    root = Unit.objects.get(organisation=organisation, parent=None)
    user = org_services.create_staff(
        organisation=organisation, username="bench-admin", first_name="Admin", last_name="1"
    )
    org_services.assign_role(user=user, unit=root, kind=Role.Kind.ADMINISTRATOR)
    return user


def query_counts(
    user: User, pages: tuple[str, ...], intervention: int
) -> dict[str, tuple[int, int]]:
    client = Client()
    client.force_login(user)
    urls = [page.format(intervention=intervention) for page in pages]
    for url in urls:  # warm: the minute's rate-limit row, the session's first save
        assert client.get(url).status_code == 200, url
    counts = {}
    for url, page in zip(urls, pages, strict=True):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        inserts = sum(q["sql"].startswith(ACCESS_LOG_INSERT) for q in queries.captured_queries)
        counts[page] = (len(queries) - inserts, inserts)
    return counts


def counts_at(size: int) -> Counts:
    built = build(citizens=size, courses=size, measurements=2 * size)
    users = {
        "director": built.director,
        "administrator": administrator(built),
        "reader": built.reader,
    }
    largest = max(built.interventions, key=built.interventions.get)
    return {
        persona: query_counts(users[persona], pages, largest) for persona, pages in PAGES.items()
    }


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker) -> dict[int, Counts]:
    """Queries per page at each size, each size built and counted in its own rolled-back
    transaction (10,000 courses take about 15 s to build on SQLite)."""
    by_size = {}
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=False):
        for size in SIZES:
            with transaction.atomic():
                by_size[size] = counts_at(size)
                transaction.set_rollback(True)
    return by_size


@pytest.mark.parametrize("persona", list(PAGES))
def test_the_query_count_does_not_grow_with_the_data(counts, persona):
    # covers API-02: the same count at 1,000 and at 10,000 courses, every dashboard, its
    # export and API, the intervention pages and the course list
    small, large = (counts[size][persona] for size in SIZES)
    print(
        f"\nAPI-02 {persona}: queries per request at {SIZES[0]:,} and {SIZES[1]:,} courses "
        "(+ access-log inserts)"
    )
    for page in PAGES[persona]:
        (queries, inserts), (more_queries, more_inserts) = small[page], large[page]
        print(f"  {queries:>3} +{inserts:<2} {more_queries:>3} +{more_inserts:<3} {page}")
    assert {page: queries for page, (queries, _) in large.items()} == {
        page: queries for page, (queries, _) in small.items()
    }
    steady = set(small) - GROWING_ACCESS_LOG
    assert {page: large[page][1] for page in steady} == {page: small[page][1] for page in steady}
