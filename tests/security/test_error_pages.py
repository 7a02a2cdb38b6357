"""Production error pages are Danish and plain: no traceback, SQL or settings (REL-05)."""

import pytest
from django.test import Client, override_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.security.error_urls"),
]

INTERNALS = ("Traceback", "SELECT", "SECRET", "RuntimeError", "organisation_user", 'File "')


def assert_plain(body: str) -> None:
    for word in INTERNALS:
        assert word not in body, word


@override_settings(DEBUG=False)
def test_a_view_that_raises_gives_a_plain_danish_500():
    # covers REL-05
    client = Client(raise_request_exception=False)

    response = client.get("/test-fejl/500/")

    body = response.content.decode()
    assert response.status_code == 500
    assert "Der skete en fejl" in body
    assert 'lang="da"' in body
    assert_plain(body)


@override_settings(DEBUG=False)
def test_a_missing_page_gives_a_plain_danish_404(client):
    # covers REL-05
    response = client.get("/findes-ikke/")

    body = response.content.decode()
    assert response.status_code == 404
    assert "Siden findes ikke" in body
    assert_plain(body)


@override_settings(DEBUG=False)
def test_a_refused_action_gives_a_plain_danish_403(client_for, mette):
    # covers REL-05
    response = client_for(mette).get("/test-fejl/403/")

    body = response.content.decode()
    assert response.status_code == 403
    assert "Ingen adgang" in body
    assert_plain(body)
