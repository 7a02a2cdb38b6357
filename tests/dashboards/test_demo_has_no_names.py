"""No dashboard or export ever shows a citizen, for any role, on the demo's data (ACL-03)."""

import re

import pytest
from django.db import transaction

from lovende.citizens.models import Citizen
from lovende.demo.seed import seed_demo
from lovende.interventions.models import Intervention
from lovende.organisation.models import User
from tests.dashboards.test_intervention_overview import sheets
from tests.demo.conftest import CITIZENS

PERSONAS = ("mette", "sofie", "lars", "hanne", "jens", "birgitte", "ahmed", "pia", "it-admin")
CPR = re.compile(r"\b\d{6}-?\d{4}\b")


def exported_text(response) -> str:
    if response.status_code != 200:
        return ""
    return repr(sheets(response))


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(citizens=CITIZENS)
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_no_name_pseudonym_or_cpr_number(seeded, db, client, persona):
    citizens = list(Citizen.objects.values_list("first_name", "last_name", "pseudonym"))
    secrets = {f"{first} {last}" for first, last, _p in citizens} | {p for *_n, p in citizens}
    client.force_login(User.objects.get(username=persona))
    urls = ["/overblik/organisation/", "/overblik/organisation/excel/"]
    for pk in Intervention.objects.filter(organisation__name="Demo Kommune").values_list(
        "pk", flat=True
    ):
        for query in ("", "?opdeling=koen", "?opdeling=faggruppe", "?opdeling=alder"):
            urls += [f"/overblik/indsats/{pk}/{query}", f"/overblik/indsats/{pk}/excel/{query}"]

    shown = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = exported_text(response) if "excel" in url else response.content.decode()
        assert not [s for s in secrets if s in body], url
        assert not CPR.search(body), url
        shown += response.status_code == 200

    assert shown > 0
