"""CPR numbers are handled narrowly and a new user sees nothing (SECURITY PRIV-02)."""

import re
from collections import deque
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lovende.audit.models import AccessLog
from lovende.measurements import services as measurement_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_course, make_staff
from tests.measurements.conftest import ors_answers

pytestmark = pytest.mark.django_db

CPRS = ["0103154234", "0103159921"]
FULL = re.compile("|".join(f"{c[:6]}-?{c[6:]}" for c in CPRS))
MAX_PAGES = 250  # per persona; the demo-sized test world has far fewer
SKIP = ("/accounts/logout/", "/i18n/", "/admin/", "/static/", "/konto/")
# The edit form is the one page that must show the whole number: it is where it is corrected.
EDIT_FORM = re.compile(r"^/borgere/\d+/rediger/$")


class Attributes(HTMLParser):
    """Every href, src, action and hx-* value, and the page title."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[str] = []
        self.links: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        for name, value in attrs:
            if value and (name in ("href", "src", "action") or name.startswith("hx-")):
                self.values.append(value)
                if name == "href" and tag == "a":
                    self.links.append(value)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


@pytest.fixture
def world(mette, sofie, lars, ida, karin, intervention, tree, nord_course, ors):
    second = make_course(mette, intervention, tree.nord, "Ebbe", "Krog", cpr=CPRS[1])
    for course in (nord_course, second):
        measurement_services.record_measurement(
            by=mette, context=None, course=course, instrument=ors,
            answers=ors_answers(4, 4, 4, 4), measured_on=nord_course.start_date,
        )  # fmt: skip
    consultant = make_staff(tree.organisation, "pia", "Pia", "Winther")
    org_services.assign_role(user=consultant, unit=tree.root, kind=Role.Kind.CONSULTANT)
    hanne = make_staff(tree.organisation, "hanne", "Hanne", "Dal")
    org_services.assign_role(
        user=hanne, unit=tree.department, kind=Role.Kind.LEADER, management_level=4
    )
    nobody = make_staff(tree.organisation, "ny", "Ny", "Bruger")
    personas = {"mette": mette, "sofie": sofie, "lars": lars, "hanne": hanne, "ida": ida}
    personas |= {"pia": consultant, "karin": karin, "ny": nobody}
    return personas, nord_course, second


def crawl(client) -> tuple[int, list[str], list[str]]:
    """Follow every in-site link from the start page; the pages seen and any CPR found."""
    queue, seen, leaks, shown = deque(["/"]), {"/"}, [], []
    while queue and len(seen) <= MAX_PAGES:
        url = queue.popleft()
        if FULL.search(url):
            leaks.append(f"URL {url}")
        response = client.get(url)
        location = response.get("Location", "")
        if location.startswith("/") and not location.startswith(SKIP) and location not in seen:
            seen.add(location)
            queue.append(location)
        disposition = response.get("Content-Disposition", "")
        if FULL.search(disposition):
            leaks.append(f"filename {disposition}")
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = Attributes()
        body = response.content.decode()
        page.feed(body)
        leaks += [f"{url}: {v}" for v in page.values if FULL.search(v)]
        if FULL.search(page.title):
            leaks.append(f"title of {url}")
        if FULL.search(body) and not EDIT_FORM.match(url):
            shown.append(url)
        for link in page.links:
            link = link.split("#")[0]
            if link.startswith("/") and not link.startswith(SKIP) and link not in seen:
                seen.add(link)
                queue.append(link)
    return len(seen), leaks, shown


def test_no_page_puts_a_full_cpr_number_where_it_travels(client, world):
    # covers PRIV-02: crawl every page as each role: no full CPR in any href, src, hx-* or action,
    # nor in a URL, title or file name; pages show it only masked (the edit form aside)
    personas, _course, _second = world
    total, report = 0, []
    for name, user in personas.items():
        client.force_login(user)
        pages, leaks, shown = crawl(client)
        total += pages
        report.append(f"{name} {pages}")

        assert leaks == [], name
        assert shown == [], name

    assert total > 40  # the crawl reached the citizen pages, not just the start page
    print(f"\nPRIV-02 crawl: {total} pages over {len(personas)} personas ({', '.join(report)}); "
          "0 full CPR numbers in URLs, href/src/action/hx-*, titles or file names")  # fmt: skip


def test_the_citizen_page_masks_and_a_reveal_is_logged(client_for, mette, world):
    # covers PRIV-02: masked by default; the full number is an explicit POST, logged "CPR vist"
    _personas, course, _second = world
    client = client_for(mette)

    page = client.get(reverse("citizens:citizen_detail", args=[course.citizen_id])).content
    assert b"010315-****" in page
    assert not FULL.search(page.decode())
    assert client.get(reverse("citizens:reveal_cpr", args=[course.citizen_id])).status_code == 405
    url = reverse("citizens:reveal_cpr", args=[course.citizen_id])
    revealed = client.post(url, headers={"HX-Request": "true"})
    without_js = client.post(url)

    assert "010315-4234" in revealed.content.decode()
    assert b"<h1>" not in revealed.content  # htmx-less clients below; this one is the fragment
    assert "010315-4234" in without_js.content.decode()
    assert "Freja Mikkelsen" in without_js.content.decode()  # the whole citizen page
    entry = AccessLog.objects.filter(action=AccessLog.Action.CPR_REVEAL).first()
    assert AccessLog.objects.filter(action=AccessLog.Action.CPR_REVEAL).count() == 2
    assert entry.citizen_id == course.citizen_id
    assert entry.get_action_display() == "CPR vist"


CITIZEN_APPS = ("citizens", "measurements", "privacy", "audit")
# Reflection's forums and reviews are about staff and practice; meetings and packs name citizens.
MEETING_DATA = re.compile(r"meeting|pack|agenda")
# The self-report lock page shows no data: it asks for the employee's password.
NO_CITIZEN_DATA = {"measurements:locked"}


def holds_citizen_data(namespace: str, name: str) -> bool:
    if namespace == "reflection":
        return bool(MEETING_DATA.search(name))
    return namespace in CITIZEN_APPS and name not in NO_CITIZEN_DATA


def data_routes(resolver=None, prefix=""):
    """Every route of the apps that hold citizen data, with the world's real ids filled in."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace or ""
            for sub in pattern.url_patterns:
                if isinstance(sub, URLPattern) and sub.name:
                    name = f"{namespace}:{sub.name}"
                    if holds_citizen_data(namespace, name):
                        yield name, sub


def fill(name: str, pattern: URLPattern, ids: dict[str, object]) -> str:
    kwargs = {key: ids.get(key, 1) for key in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs)


def test_a_user_with_no_role_gets_404_on_every_data_url(client, world, ors):
    # covers PRIV-02: privacy by default; a new user sees no personal data, not even its existence
    personas, course, _second = world
    measurement = course.measurements.get()
    ids = {
        "citizen_id": course.citizen_id, "course_id": course.pk, "measurement_id": measurement.pk,
        "goal_id": 1, "instrument_id": ors.pk, "category": "afsluttede_forloeb",
        "code": "ors",
    }  # fmt: skip
    client.force_login(personas["ny"])
    answers = {}
    for name, pattern in data_routes():
        url = fill(name, pattern, ids)
        answers[name] = (client.get(url).status_code, client.post(url).status_code)

    wrong = {name: codes for name, codes in answers.items() if codes[1] != 404}
    wrong |= {name: codes for name, codes in answers.items() if codes[0] not in (404, 405)}
    assert wrong == {}
    assert AccessLog.objects.filter(user=personas["ny"]).count() == 0
    print(
        f"\nPRIV-02 no role: {len(answers)} data URLs × GET and POST, all 404 (405 for POST-only)"
    )
