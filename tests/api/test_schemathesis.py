"""The JSON API fuzzed from its own OpenAPI description, as several roles (SECURITY API-01).

schemathesis generates requests from the description django-ninja publishes at
/api/v1/openapi.json and runs every check on the answers (server errors, response schema and
status conformance, negative data rejected, ignored auth, content type, ...). The description is
taken from the same ``api`` object the URL serves (that URL is behind the login, and collection
runs before any database exists); ``test_the_served_description_is_the_one_fuzzed`` holds the two
together. Requests go in-process through the WSGI application, inside pytest-django's transaction.
"""

from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from lovende.api.api import api
from lovende.demo.seed import seed_demo
from lovende.organisation.models import User
from lovende.wsgi import application

PREFIX = "/api/v1/"
# Every check runs. One is told about our design: a filter that has the right form may still
# name a unit outside the reader's scope or a year without costs, and the page's form answers that
# with 400 and a Danish message, so 400 is an expected answer to schema-valid data too.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
            }
        }
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix=PREFIX), config=CONFIG)
schema.app = application
# A leader with the whole department, a 3rd-level leader, a consultant, an employee.
PERSONAS = ("hanne", "lars", "pia", "mette")
RESULTS: Counter = Counter()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(citizens=60)
        yield
        transaction.set_rollback(True)
    operations = len(list(schema.get_all_operations()))
    print(
        f"\nAPI-01 schemathesis: {operations} operations x {len(PERSONAS)} roles, "
        f"{RESULTS['cases']} generated cases, every check run, {RESULTS['failures']} failures"
    )


SESSION: dict[str, str] = {}  # the current role's session key, read by the auth provider


@schema.auth(refresh_interval=None)
class SessionAuth:
    """The session cookie of the role under test, so schemathesis knows what auth is (and can
    leave it out or spoil it for the ignored-auth and negative checks)."""

    def get(self, case, context):  # schemathesis' provider signature
        return SESSION.get("key", "")

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), "sessionid": data}


@pytest.fixture
def signed_in(demo, db, persona):
    """Log the role in before hypothesis generates its cases (the provider reads the key).

    Calls go through the real WSGI handler, whose request signals would close the database
    connection and with it the test's transaction on PostgreSQL; Django's test client unhooks
    them the same way.
    """
    client = Client()
    client.force_login(User.objects.get(username=persona))
    SESSION["key"] = client.cookies["sessionid"].value
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    SESSION.clear()


@pytest.mark.parametrize("persona", PERSONAS)
@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_holds_its_description(signed_in, case, persona):
    # covers API-01: every check, once per role's session
    RESULTS["cases"] += 1
    try:
        case.call_and_validate()
    except Exception:
        RESULTS["failures"] += 1
        raise


def test_the_served_description_is_the_one_fuzzed(demo, db):
    # covers API-01: the fuzzed description is exactly what /api/v1/openapi.json serves
    client = Client()
    client.force_login(User.objects.get(username="hanne"))

    served = client.get(f"{PREFIX}openapi.json")

    assert served.status_code == 200
    assert served.json()["paths"] == schema.raw_schema["paths"]
