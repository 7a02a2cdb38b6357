"""In a real browser, every response that shows a citizen has its access-log entry (LOG-01).

Mette, signed in, works through her citizens' pages. The browser side counts the responses
(pages and htmx fragments) whose HTML names a citizen; the database side counts the distinct
requests the access log recorded for her. The two must be equal: 100 %.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, Route

from lovende.audit.models import AccessLog
from tests.conftest import make_course

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

READS = [
    AccessLog.Action.VIEW,
    AccessLog.Action.LIST,
    AccessLog.Action.SEARCH,
    AccessLog.Action.PRINT,
    AccessLog.Action.EXPORT,
]


def test_every_citizen_page_in_the_journey_is_logged(
    live_server, page: Page, mette, intervention, tree, nord_course
):
    # covers LOG-01: e2e, citizen-data requests = logged requests (100 %)
    base = live_server.url
    anna = make_course(mette, intervention, tree.nord, "Anna", "Jensen")
    markers = re.compile(
        "|".join(
            re.escape(m)
            for c in (nord_course.citizen, anna.citizen)
            for m in (c.full_name, c.pseudonym)
        )
    )
    shown: list[str] = []

    def inspect(route: Route) -> None:
        """Pass every page and htmx request through, noting those whose HTML names a citizen."""
        if route.request.resource_type not in ("document", "xhr", "fetch"):
            route.continue_()
            return
        response = route.fetch(max_redirects=0)
        html = "text/html" in response.headers.get("content-type", "")
        if html and response.status == 200 and markers.search(response.text()):
            shown.append(route.request.url)
        route.fulfill(response=response)

    page.route("**/*", inspect)

    def settle() -> None:
        page.wait_for_load_state("load")

    # Signed in through a session of her own (the login form's redirect would bypass the route).
    client = Client()
    client.force_login(mette)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
    page.goto(f"{base}/borgere/")
    settle()
    search = page.get_by_label("Søg på navn eller pseudonym")
    search.fill("Freja")
    with page.expect_response(lambda r: "q=Freja" in r.url):
        search.press("Enter")
    settle()
    course = f"{base}/borgere/forloeb/{nord_course.pk}"
    for path in (
        f"{course}/",
        f"{base}/borgere/{nord_course.citizen_id}/",
        f"{course}/maal/",
        f"{course}/observation/",
        f"{course}/rediger/",
        f"{course}/udskrift/",
    ):
        page.goto(path)
        settle()

    logged = set(
        AccessLog.objects.filter(user=mette, action__in=READS).values_list("request_id", flat=True)
    )
    rows = AccessLog.objects.filter(user=mette, action__in=READS).count()
    print(
        f"\nLOG-01 e2e: {len(shown)} requests showed citizen data, {len(logged)} logged requests "
        f"({rows} log rows, one per citizen shown): {100 * len(logged) // max(len(shown), 1)} %"
    )
    pages = sorted(set(AccessLog.objects.filter(user=mette).values_list("page", "action")))
    assert len(shown) >= 7, (shown, pages)
    assert len(logged) == len(shown), (shown, pages)
