"""Bad input into every form of the site: never a 500, always a save or a Danish error (VAL-01).

The forms are found the way a person finds them: a crawl of the demo as employees, a leader, a
consultant and the administrator collects every POST form with the values its page filled in.
Hypothesis then replaces one field at a time with arbitrary text, numbers, dates or SQL-like
strings and posts the form. The answer must be a save (a redirect), a page with the form's
errors (200/400/422, in Danish), or a refusal (403/404 — a deleted object is gone); an exception
fails the test, as Django's test client re-raises it.
"""

import datetime
import string
from collections import Counter

import pytest
from django.test import Client
from django.urls import resolve
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lovende.citizens import cpr
from lovende.organisation.models import User
from tests.security.crawl import FormInfo, crawl

# Who crawls: their pages hold every kind of form between them.
PERSONAS = ("mette", "hanne", "pia", "it-admin")
# Forms that end the session or change who is logged in; posting them would end the crawl.
SKIPPED_FORMS = {"logout", "set_language", "password_change", "accounts:totp_setup"}
EXAMPLES_PER_FORM = 3
# A route fuzzed as one persona is not fuzzed again as the next (the suite stays fast).
FUZZED: set[str] = set()
ALLOWED = {200, 302, 303, 400, 403, 404, 405, 409, 422}
ERROR_STATUSES = {200, 400, 422}
# Django's own English messages; the site speaks Danish, so none may ever reach a page.
ENGLISH = ("This field is required", "Enter a valid", "Ensure this value", "Select a valid choice")
SQL_LIKE = ["' OR '1'='1", "1; DROP TABLE citizens_citizen;--", '" OR ""="', "%", "_", "\\", "\x00"]

BAD_VALUES = st.one_of(
    st.text(),
    st.text(alphabet=string.printable, max_size=20),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
    st.sampled_from(SQL_LIKE),
    st.just("9" * 400),
)


def one_form_per_route(forms: list[FormInfo]) -> dict[str, FormInfo]:
    chosen: dict[str, FormInfo] = {}
    for form in forms:
        name = resolve(form.action.split("?")[0]).view_name
        if name not in SKIPPED_FORMS | FUZZED and "password" not in name:
            chosen.setdefault(name, form)
    FUZZED.update(chosen)
    return chosen


def fuzz(client: Client, form: FormInfo, outcomes: Counter) -> None:
    names = [name for name in form.kinds if name != "csrfmiddlewaretoken"]
    if not names:  # a button (delete, mark as discussed): posted once as it stands
        response = client.post(form.action, form.data())
        outcomes[response.status_code] += 1
        assert response.status_code in ALLOWED, (form.action, response.status_code)
        return

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(name=st.sampled_from(names), value=BAD_VALUES)
    def post_one(name: str, value: str) -> None:
        try:
            response = client.post(form.action, form.data(**{name: value}))
        except Exception as error:  # a 500: name the form and the field it came from
            raise AssertionError(f"{form.action} {name}={value!r} raised {error!r}") from error
        outcomes[response.status_code] += 1
        assert response.status_code in ALLOWED, (form.action, name, value, response.status_code)
        if response.status_code in ERROR_STATUSES:
            body = response.content.decode()
            assert not [phrase for phrase in ENGLISH if phrase in body], (form.action, name)

    post_one()


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_form_answers_bad_input_with_a_server_error(demo, db, persona):
    # covers VAL-01: arbitrary text in every field of every form reached by this persona
    client = Client()
    client.force_login(User.objects.get(username=persona))
    forms = one_form_per_route(crawl(client, per_route=1).forms)
    outcomes: Counter = Counter()

    for form in forms.values():
        fuzz(client, form, outcomes)

    assert len(forms) >= 3
    assert outcomes[302] + outcomes[303] > 0  # some bad-looking input is still a valid save
    assert sum(outcomes[s] for s in ERROR_STATUSES) > 0
    print(
        f"\nVAL-01 {persona}: {len(forms)} forms, {sum(outcomes.values())} hypothesis examples "
        f"posted, statuses {dict(sorted(outcomes.items()))}, 500 errors: 0"
    )


@given(value=st.text())
@example(value="٠١٠٣١٥٤٢٣٤")  # Arabic-Indic digits are digits to a Unicode regex
@example(value="0103154234\n")
def test_the_cpr_validator_accepts_only_ten_ascii_digits_with_a_real_date(value):
    # covers VAL-01: whatever the text, the validator answers with a clean number or InvalidCpr
    try:
        info = cpr.parse(value)
    except cpr.InvalidCpr:
        return

    assert len(info.number) == 10
    assert info.number.isascii()
    assert info.number.isdigit()


@given(
    birth=st.dates(min_value=datetime.date(1858, 1, 1), max_value=datetime.date(2036, 12, 31)),
    serial=st.integers(0, 9999),
)
def test_the_cpr_validator_accepts_every_real_date_with_any_serial(birth, serial):
    # covers VAL-01: no modulus-11 check, so every serial with a date its century allows passes
    digit_7 = serial // 1000
    number = f"{birth:%d%m%y}{serial:04d}"
    if cpr.century(birth.year % 100, digit_7) + birth.year % 100 != birth.year:
        return  # this seventh digit puts the year in another century

    assert cpr.parse(number).birth_date == birth


@pytest.mark.parametrize("value", ["3102901234", "3104901234", "2902011234", "0013901234"])
def test_the_cpr_validator_rejects_impossible_dates(value):
    # covers VAL-01: 31 February, 30 April... answer "date"
    with pytest.raises(cpr.InvalidCpr):
        cpr.parse(value)
