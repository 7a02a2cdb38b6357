"""CSRF: every state change needs the token, and a GET never writes (SECURITY CSRF-01)."""

import pytest
from django.test import Client

from lovende.organisation.models import User
from tests.security.crawl import crawl, row_counts
from tests.security.test_url_inventory import ALL_ROUTES, API_NAMESPACE

# One persona per kind of role (sofie and jens would repeat mette and lars), and another municipality.
PERSONAS = ("mette", "lars", "hanne", "pia", "it-admin", "karin")


def test_it_refuses_every_post_without_a_token_in_danish(demo, db):
    # covers CSRF-01: CsrfViewMiddleware guards every route, so a POST without the token is 403
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="mette"))
    app_routes = [(n, p) for n, p in ALL_ROUTES if n.split(":")[0] != API_NAMESPACE]

    refused = {name: client.post(path, {"x": "1"}) for name, path in app_routes}

    wrong = {name: r.status_code for name, r in refused.items() if r.status_code != 403}
    assert wrong == {}
    body = refused[app_routes[0][0]].content.decode()
    assert "Forbidden" not in body
    assert "verification failed" not in body
    assert 'lang="da"' in body, body[:300]
    print(f"\nCSRF-01: {len(refused)} POST routes without a token, {len(refused)} answered 403")


def test_it_refuses_api_writes_without_a_token(demo, db):
    # covers CSRF-01: the session-authenticated API has no writes; anything but GET is refused
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="hanne"))
    api_routes = [p for n, p in ALL_ROUTES if n.split(":")[0] == API_NAMESPACE]

    statuses = {path: client.post(path, {}).status_code for path in api_routes}

    assert set(statuses.values()) <= {403, 404, 405}, statuses


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_crawl_of_every_page_writes_nothing(demo, db, persona):
    # covers CSRF-01: GETs have no side effects, per table (the read logs excepted)
    client = Client()
    client.force_login(User.objects.get(username=persona))
    before = row_counts()

    result = crawl(client, per_route=1)

    after = row_counts()
    changed = {label: (n, after[label]) for label, n in before.items() if n != after[label]}
    assert changed == {}
    assert not [url for url, status in result.statuses.items() if status >= 500]
    print(f"\nCSRF-01 {persona}: {len(result.statuses)} GETs, {len(before)} tables unchanged")
