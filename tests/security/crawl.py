"""Crawl the site as a signed-in user, the way a person clicks through it.

Shared by the bad-input tests (VAL-01, INJ-01, OUT-01, CSRF-01): starting at the front page,
follow every link (``href``, ``hx-get``) and submit every GET form with its defaults, visiting at
most ``per_route`` URLs per route pattern and query-parameter set, so a list of sixty courses
costs one or two course pages rather than sixty. POST forms are collected with the values the page
filled in, for the fuzzers to vary one field at a time.
"""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.apps import apps
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve

# Never followed: leaving the session, files that are not pages, and Django's own admin.
SKIPPED_PREFIXES = ("/accounts/logout", "/static/", "/media/", "/admin/", "/i18n/")
# Routes a crawl must not open: the self-report page hands the device to the citizen and locks
# the session to it (by design), so nothing after it would be reached.
SKIPPED_ROUTES = {"measurements:self_report"}
# Answers that are not HTML pages; they are fetched but not parsed.
HTML = "text/html"
# Tables a GET may write by design: reads of citizen data and exports are logged (LOG-01,
# LOG-03), a request renews the session, and django-axes keeps its own records of logins.
READ_LOG_TABLES = {
    "audit.AccessLog",
    "audit.SecurityEvent",
    "sessions.Session",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
}
TEXT_INPUTS = {"text", "search", "textarea", "number", "date", "email", "url", "tel", "time", ""}


@dataclass
class FormInfo:
    """One form on a page: where it goes, and the values the page filled in."""

    page: str
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # name -> input type (or select/textarea)
    options: dict[str, list[str]] = field(default_factory=dict)  # select name -> option values

    @property
    def text_fields(self) -> list[str]:
        return [name for name, kind in self.kinds.items() if kind in TEXT_INPUTS]

    def data(self, **overrides: str) -> dict[str, list[str]]:
        values = {name: list(v) for name, v in self.fields.items()}
        values.update({name: [value] for name, value in overrides.items()})
        return values


class _PageParser(HTMLParser):
    """Links and forms of one HTML page (stdlib parser: forgiving, no dependency)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[dict, FormInfo]] = []
        self._form: FormInfo | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag != "link" and a.get("href"):  # <link> is a stylesheet or an icon
            self.links.append(a["href"])
        if a.get("hx-get"):
            self.links.append(a["hx-get"])
        if tag == "form":
            self._form = FormInfo("", a.get("action", ""), a.get("method", "get").lower())
            self.forms.append((a, self._form))
        elif self._form is not None:
            self._field(tag, a)

    def _field(self, tag: str, a: dict) -> None:
        form, name = self._form, a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                form.kinds.setdefault(name, kind)
                form.options.setdefault(name, []).append(a.get("value", "on"))
                return
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            form.kinds[name] = kind
            form.fields.setdefault(name, []).append(a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            form.kinds[name] = "select"
            form.options[name] = []
        elif tag == "option" and self._select:
            value = a.get("value", "")
            form.options[self._select].append(value)
            if "selected" in a or self._select not in form.fields:
                form.fields[self._select] = [value]
        elif tag == "textarea" and name:
            self._textarea = name
            form.kinds[name] = "textarea"
            form.fields[name] = [""]
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            form.fields.setdefault(name, [a.get("value", "")])

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] = [self._form.fields[self._textarea][0] + data]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@dataclass
class Crawl:
    """What one user reached: every URL with its status, and the forms on those pages."""

    statuses: dict[str, int] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # URL -> HTML body
    forms: list[FormInfo] = field(default_factory=list)
    get_forms: list[FormInfo] = field(default_factory=list)


def route_key(url: str) -> str | None:
    """The route pattern and query-parameter names of a site URL; None when it is not ours."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name in SKIPPED_ROUTES:
        return None
    names = sorted({k for k, _v in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{match.route}?{'&'.join(names)}"


def crawl(client: Client, start: str = "/", per_route: int = 2, limit: int = 600) -> Crawl:
    """Breadth-first over links and GET forms; at most ``per_route`` URLs per route key."""
    result, queue, seen_keys = Crawl(), deque([start]), {}
    while queue and len(result.statuses) < limit:
        url = queue.popleft()
        key = route_key(url)
        if url in result.statuses or key is None or seen_keys.get(key, 0) >= per_route:
            continue
        seen_keys[key] = seen_keys.get(key, 0) + 1
        response = client.get(url)
        result.statuses[url] = response.status_code
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append(response["Location"])
        if response.status_code != 200 or HTML not in response.get("Content-Type", ""):
            continue
        result.pages[url] = response.content.decode()
        queue.extend(_discover(url, result.pages[url], result))
    return result


def _discover(url: str, body: str, result: Crawl) -> list[str]:
    parser = _PageParser()
    parser.feed(body)
    found = [urljoin(url, link).split("#")[0] for link in parser.links]
    for _attrs, form in parser.forms:
        form.page = url
        target = urlsplit(urljoin(url, form.action or url))
        form.action = target.path + (f"?{target.query}" if target.query else "")
        if form.method == "post":
            result.forms.append(form)
        else:
            result.get_forms.append(form)
            # A browser replaces the action's query string with the form's fields.
            query = urlencode([(k, v) for k, vs in form.fields.items() for v in vs])
            path = urlsplit(form.action).path
            found.append(f"{path}?{query}" if query else path)
    return [u for u in found if u.startswith("/")]


def row_counts() -> dict[str, int]:
    """Rows per model table, the read logs left out (they grow on reads by design)."""
    existing = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table in existing
        and model._meta.label not in READ_LOG_TABLES
    }


def is_html(response: HttpResponse) -> bool:
    return HTML in response.get("Content-Type", "")
