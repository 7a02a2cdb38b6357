"""Output encoding: stored payloads come back escaped on every page (SECURITY OUT-01).

Every free-text column of the demo (names, titles, notes, descriptions...) is overwritten with a
corpus of XSS and template-injection payloads, each tagged with its row so the rows stay
distinct. A crawl as an employee, a leader, a consultant and the administrator then checks every
HTML page: no stored payload appears raw, and the escaped forms do appear. A static check keeps
``mark_safe``, ``|safe`` and ``autoescape off`` away from user data.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models, transaction
from django.test import Client
from django.utils.html import escape

from lovende.demo.seed import seed_demo
from lovende.organisation.models import User
from tests.security.crawl import crawl

PACKAGE = Path(__file__).resolve().parents[2] / "lovende"
PERSONAS = ("mette", "hanne", "pia", "it-admin")
# {m} is replaced by a marker naming the payload and the row, so a raw hit is unambiguous.
PAYLOADS = [
    "<script>alert('{m}')</script>",
    "</script><script>alert('{m}')</script>",
    '"><svg onload=alert("{m}")>',
    "'><img src=x onerror=alert('{m}')>",
    "<img src=x onerror=alert`{m}`>",
    "javascript:alert('{m}')",
    "<a href=\"javascript:alert('{m}')\">{m}</a>",
    "{{{{ {m} }}}}",
    "{{% now 'Y' %}} {m}",
    "{{{{ request.user.password }}}} {m}",
    "<iframe src=//x>{m}",
    "<body onload=alert('{m}')>",
    "<details open ontoggle=alert('{m}')>",
    "<style>*{{x:expression(alert('{m}'))}}</style>",
    "<!--{m}-->",
    "<![CDATA[{m}]]>",
    "&lt;script&gt;{m}",
    "&#60;script&#62;{m}",
    "\"onmouseover=\"alert('{m}')",
    "' onfocus='alert(\"{m}\")' autofocus='",
    "<math><mi xlink:href=javascript:alert('{m}')>",
    "<input autofocus onfocus=alert('{m}')>",
    "<video><source onerror=alert('{m}')>",
    "<object data=javascript:alert('{m}')>",
    "<base href=//evil.example/>{m}",
    "<meta http-equiv=refresh content=0;url=//x>{m}",
    "`${{alert('{m}')}}`",
    "\\u003cscript\\u003e{m}",
    "<ScRiPt>alert('{m}')</sCrIpT>",
    '=HYPERLINK("http://x","{m}")',
    "<form action=//x><button>{m}</button></form>",
    "<table background=javascript:alert('{m}')>",
]
# Text columns that hold codes or keys the code reads, not prose people type.
NOT_PROSE = {"path", "key", "code", "slug", "token", "cpr", "pseudonym", "username", "password"}
NOT_PROSE_FIELDS = (
    models.EmailField,
    models.URLField,
    models.SlugField,
    models.GenericIPAddressField,
)


def prose_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, NOT_PROSE_FIELDS)
        and not f.choices
        and not f.primary_key
        and f.name not in NOT_PROSE
        and (f.max_length is None or f.max_length >= 60)
    ]


def plant_payloads() -> tuple[set[str], int]:
    """Overwrite every prose column of every lovende row; the stored values and the field count."""
    stored, fields = set(), 0
    for model in apps.get_models():
        label = model._meta.label
        if not model.__module__.startswith("lovende") or label.startswith("audit."):
            continue  # the access log is append-only, by design and by trigger
        columns = prose_fields(model)
        fields += len(columns)
        for row, pk in enumerate(model._base_manager.values_list("pk", flat=True)):
            values = {
                f.name: PAYLOADS[(row + i) % len(PAYLOADS)].format(m=f"x{(row + i) % 97}r{pk}")
                for i, f in enumerate(columns)
            }
            values = {
                k: v
                for k, v in values.items()
                if len(v) <= (model._meta.get_field(k).max_length or 10**6)
            }
            if values:
                model._base_manager.filter(pk=pk).update(**values)
                stored.update(values.values())
    return stored, fields


@pytest.fixture(scope="module")
def poisoned(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(citizens=60)
        yield plant_payloads()
        transaction.set_rollback(True)


JSON_DATA = re.compile(r'<script[^>]*type="application/json"[^>]*>.*?</script>', re.S)


def without_json_data(body: str) -> str:
    """Leave out json_script blocks: inside them quotes are JSON's own (``<``, ``>`` and ``&`` are
    escaped as \\u003C..., so a tag can never close the block), and no browser runs them."""
    return JSON_DATA.sub("", body)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_stored_payload_comes_back_raw(poisoned, db, persona):
    # covers OUT-01: autoescaping on every page this persona reaches
    stored, fields = poisoned
    dangerous = {value for value in stored if escape(value) != value}
    client = Client()
    client.force_login(User.objects.get(username=persona))

    pages = {url: without_json_data(body) for url, body in crawl(client, per_route=1).pages.items()}

    raw = {(url, v) for url, body in pages.items() for v in dangerous if v in body}
    escaped = {v for body in pages.values() for v in dangerous if escape(v) in body}
    assert raw == set()
    assert not [url for url, body in pages.items() if re.search(r"(href|src)=\"javascript:", body)]
    assert len(escaped) >= 10
    print(
        f"\nOUT-01 {persona}: {len(PAYLOADS)} payloads in {fields} free-text fields "
        f"({len(stored)} stored values), {len(pages)} pages, raw: 0, escaped seen: {len(escaped)}"
    )


# Every use of the escape hatches, with the reason it is safe. A new one fails until it is here.
SAFE_OUTPUT_ALLOWLIST = {
    # The status select's options: format_html_join escapes every value and label it inserts.
    "improvement/views.py": "format_html_join",
    # The TOTP setup QR code: segno draws the otpauth URL (with the username) as SVG paths only,
    # so no user text reaches the markup.
    "accounts/views.py": "mark_safe",
}
HATCHES = re.compile(r"mark_safe|\|\s*safe\b|autoescape\s+off|SafeString|format_html_join|safeseq")


def test_no_escape_hatch_is_used_on_user_data():
    # covers OUT-01: no mark_safe, |safe or autoescape off outside the reviewed allowlist
    found = {
        str(path.relative_to(PACKAGE)): match.group(0)
        for path in PACKAGE.rglob("*")
        if path.suffix in (".py", ".html") and "vendor" not in path.parts
        for match in [HATCHES.search(path.read_text(encoding="utf-8"))]
        if match
    }

    assert found == SAFE_OUTPUT_ALLOWLIST
