"""TOTP for local accounts with citizen access (SECURITY AUTH-02), with LOVENDE_REQUIRE_TOTP on
as in production: setup is forced on every page until a device is confirmed, then a code is
asked once per session; roles without citizen access and IdP logins are not asked."""

import datetime

import pytest
import responses
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lovende.accounts.models import OidcIdentity
from lovende.accounts.views import PENDING_TOTP_KEY
from tests.accounts import fake_op
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

WRONG_CODE = "Koden passer ikke"


@pytest.fixture(autouse=True)
def require_totp(settings) -> None:
    settings.LOVENDE_REQUIRE_TOTP = True


def log_in(client, user) -> None:
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def pending_device(client) -> TOTPDevice:
    """The device the setup page shows (its secret waits in the session, not the database)."""
    assert not TOTPDevice.objects.exists()
    return TOTPDevice(key=client.session[PENDING_TOTP_KEY])


def test_a_citizen_access_user_without_a_device_is_sent_to_setup_on_every_page(
    client, mette
) -> None:
    # covers AUTH-02
    log_in(client, mette)
    pages = [reverse("home"), reverse("citizens:course_list"), reverse("organisation:unit_list")]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("accounts:totp_setup")), page
    print(f"\nAUTH-02 TOTP: {len(pages)} of {len(pages)} pages sent to setup")


def test_an_htmx_request_is_sent_to_setup_as_a_whole_page(client, mette) -> None:
    # covers AUTH-02
    log_in(client, mette)
    response = client.get(reverse("citizens:course_list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("accounts:totp_setup")


def test_setup_shows_a_qr_code_and_confirms_with_a_code(client, mette) -> None:
    # covers AUTH-02
    log_in(client, mette)
    page = client.get(reverse("accounts:totp_setup") + "?next=/borgere/")
    html = page.content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>")[0]
    assert "style=" not in svg  # no inline style for the CSP to block
    device = pending_device(client)

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = client.post(reverse("accounts:totp_setup"), {"code": "000000", "next": "/borgere/"})
        assert WRONG_CODE in wrong.content.decode() or code_for(device) == "000000"
        traveller.shift(datetime.timedelta(seconds=2))
        right = client.post(
            reverse("accounts:totp_setup"), {"code": code_for(device), "next": "/borgere/"}
        )
    assert right.status_code == 302
    assert right["Location"] == "/borgere/"
    device = TOTPDevice.objects.get(user=mette)
    assert device.confirmed
    assert client.get(reverse("home")).status_code in (200, 302)
    assert not client.get(reverse("home")).get("Location", "").startswith("/konto/")


def test_after_setup_every_new_session_needs_a_code_once(client, mette) -> None:
    # covers AUTH-02
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(client, mette)
        client.get(reverse("accounts:totp_setup"))
        device = pending_device(client)
        client.post(reverse("accounts:totp_setup"), {"code": code_for(device)})
        client.post(reverse("logout"))
        device = TOTPDevice.objects.get(user=mette, confirmed=True)

        traveller.shift(datetime.timedelta(minutes=2))  # a fresh code: the old one is spent
        log_in(client, mette)
        response = client.get(reverse("citizens:course_list"))
        assert response["Location"].startswith(reverse("accounts:totp_verify"))

        wrong = client.post(reverse("accounts:totp_verify"), {"code": "12345x"})
        assert "Skriv de 6 cifre" in wrong.content.decode()
        device.refresh_from_db()
        right = client.post(
            reverse("accounts:totp_verify"), {"code": code_for(device), "next": "/borgere/"}
        )
        assert right["Location"] == "/borgere/"
        assert client.get(reverse("citizens:course_list")).status_code == 200


def test_a_spent_code_cannot_be_used_again(client, mette) -> None:
    # covers AUTH-02: a code seen over a shoulder is no good after it was used
    with time_machine.travel(timezone.now(), tick=False):
        log_in(client, mette)
        client.get(reverse("accounts:totp_setup"))
        device = pending_device(client)
        code = code_for(device)
        client.post(reverse("accounts:totp_setup"), {"code": code})
        client.post(reverse("logout"))
        log_in(client, mette)
        response = client.post(reverse("accounts:totp_verify"), {"code": code})
        assert WRONG_CODE in response.content.decode()


def test_wrong_codes_slow_down_further_tries(client, mette) -> None:
    # covers AUTH-02: django-otp's throttling (1, 2, 4 ... s after each failure)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        device = TOTPDevice.objects.create(user=mette, name="Lovende", confirmed=True)
        log_in(client, mette)
        for _ in range(3):
            client.post(reverse("accounts:totp_verify"), {"code": "000000"})
        too_soon = client.post(reverse("accounts:totp_verify"), {"code": code_for(device)})
        assert WRONG_CODE in too_soon.content.decode()
        traveller.shift(datetime.timedelta(seconds=20))
        device.refresh_from_db()
        later = client.post(reverse("accounts:totp_verify"), {"code": code_for(device)})
        assert later.status_code == 302


def test_a_password_alone_cannot_replace_a_confirmed_device(client, mette) -> None:
    # covers AUTH-02
    TOTPDevice.objects.create(user=mette, name="Lovende", confirmed=True)
    log_in(client, mette)
    response = client.get(reverse("accounts:totp_setup"))
    assert response["Location"].startswith(reverse("accounts:totp_verify"))
    assert TOTPDevice.objects.filter(user=mette).count() == 1


def test_roles_without_citizen_access_are_not_asked(client, lars) -> None:
    # covers AUTH-02: the requirement is for citizen access
    log_in(client, lars)
    response = client.get(reverse("home"))
    assert not response.get("Location", "").startswith("/konto/")


def idp_login_as(client, settings, user, acr: str, acr_min: str = "betydelig") -> None:
    """Log in through the fake IdP with an identity that belongs to ``user``."""
    fake_op.configure(settings)
    settings.LOVENDE_OIDC_ACR_MIN = acr_min
    OidcIdentity.objects.create(user=user, issuer=fake_op.ISSUER, subject="mette-sub")
    op = fake_op.FakeOP(fake_op.new_key())
    state, nonce = fake_op.start_login(client)
    with responses.RequestsMock() as mocked:
        op.stub(mocked, op.sign(op.claims(nonce, sub="mette-sub", acr=acr)))
        fake_op.finish_login(client, state)
    assert fake_op.signed_in_user(client) == user


def test_an_idp_login_at_betydelig_is_not_asked_for_totp(client, mette, settings) -> None:
    # covers AUTH-02: NSIS betydelig from the IdP already is two factors
    idp_login_as(client, settings, mette, fake_op.SUBSTANTIAL)
    assert client.get(reverse("citizens:course_list")).status_code == 200


def test_an_idp_login_below_betydelig_is_asked_for_totp(client, mette, settings) -> None:
    # covers AUTH-02: a municipality that lets "lav" in still gets two factors for citizen data
    idp_login_as(client, settings, mette, fake_op.LOW, acr_min="lav")
    response = client.get(reverse("citizens:course_list"))
    assert response["Location"].startswith(reverse("accounts:totp_setup"))


def test_with_the_setting_off_nobody_is_asked(client, mette, settings) -> None:
    # covers AUTH-02: demo and test mode default
    settings.LOVENDE_REQUIRE_TOTP = False
    log_in(client, mette)
    assert client.get(reverse("citizens:course_list")).status_code == 200


def test_the_user_menu_links_to_totp_setup(client, lars) -> None:
    # covers AUTH-02
    log_in(client, lars)
    page = client.get(reverse("organisation:unit_list")).content.decode()
    assert reverse("accounts:totp_setup") in page
    assert "To-trins-login" in page
