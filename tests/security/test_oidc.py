"""Login through the municipality's IdP against a fake provider (SECURITY AUTH-01).

Every case is the one SECURITY.md lists: a valid login, then each forgery or mismatch refused
with a Danish message on the login page and nobody signed in, a hanging provider answered with a
503 page within OIDC_TIMEOUT + 1 s, and two issuers with the same sub and e-mail kept apart.
"""

import socket
import threading
import time

import pytest
import responses
from django.urls import reverse

from lovende.accounts.models import OidcIdentity
from lovende.organisation.models import User
from tests.accounts import fake_op
from tests.accounts.fake_op import FakeOP, finish_login, signed_in_user, start_login

pytestmark = pytest.mark.django_db

REFUSED = "Log ind med kommunens login blev afvist"
TOO_LOW = "Dit login har ikke et højt nok sikringsniveau"


@pytest.fixture(scope="module")
def op_key():
    return fake_op.new_key()


@pytest.fixture
def op(settings, op_key) -> FakeOP:
    fake_op.configure(settings)
    return FakeOP(op_key)


def login_page_text(client, response) -> str:
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    return client.get(response["Location"]).content.decode()


def attempt(client, op: FakeOP, token_for) -> tuple:
    """Start a login, let the provider answer with token_for(nonce), return (response, page)."""
    state, nonce = start_login(client)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        op.stub(mocked, token_for(nonce))
        response = finish_login(client, state)
    return response, login_page_text(client, response)


def test_a_valid_token_logs_in_a_new_user_with_no_role(client, op) -> None:
    # covers AUTH-01
    state, nonce = start_login(client)
    with responses.RequestsMock() as mocked:
        op.stub(mocked, op.sign(op.claims(nonce)))
        response = finish_login(client, state)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = signed_in_user(client)
    assert user is not None
    assert (user.first_name, user.last_name) == ("Mette", "Idp")
    assert not user.roles.exists()  # privacy by default: an administrator gives roles
    assert user.organisation is None
    assert not user.has_usable_password()
    identity = OidcIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (fake_op.ISSUER, "medarbejder-42")
    home = client.get(reverse("home"))
    assert home.status_code == 200 or not home["Location"].startswith(reverse("login"))


def test_the_same_identity_logs_in_as_the_same_user(client, op) -> None:
    # covers AUTH-01
    for _ in range(2):
        state, nonce = start_login(client)
        with responses.RequestsMock() as mocked:
            op.stub(mocked, op.sign(op.claims(nonce)))
            finish_login(client, state)
        client.post(reverse("logout"))
    assert User.objects.filter(oidc_identities__isnull=False).count() == 1


def test_a_configured_organisation_is_given_to_new_users(client, op, settings, tree) -> None:
    # covers AUTH-01
    tree.organisation.municipality_code = "999"
    tree.organisation.save()
    settings.LOVENDE_OIDC_ORGANISATION = "999"
    state, nonce = start_login(client)
    with responses.RequestsMock() as mocked:
        op.stub(mocked, op.sign(op.claims(nonce)))
        finish_login(client, state)
    user = signed_in_user(client)
    assert user.organisation == tree.organisation
    assert not user.roles.exists()


FORGERIES = {
    "wrong signature": lambda op, nonce, other: op.sign(op.claims(nonce), key=other),
    "alg=none": lambda op, nonce, other: op.unsigned(op.claims(nonce)),
    "HS256 with the public key": lambda op, nonce, other: op.hs256_with_public_key(
        op.claims(nonce)
    ),
    "wrong aud": lambda op, nonce, other: op.sign(op.claims(nonce, aud="another-client")),
    "wrong iss": lambda op, nonce, other: op.sign(op.claims(nonce, iss="https://evil.example")),
    "expired": lambda op, nonce, other: op.sign(op.claims(nonce, exp=int(time.time()) - 3600)),
    "no nonce": lambda op, nonce, other: op.sign(op.claims(None)),
    "not a token": lambda op, nonce, other: "garbage",
}


@pytest.fixture(scope="module")
def other_key():
    return fake_op.new_key()


@pytest.mark.parametrize("case", FORGERIES)
def test_a_forged_or_mismatched_token_is_refused_in_danish(client, op, other_key, case) -> None:
    # covers AUTH-01
    _response, page = attempt(client, op, lambda nonce: FORGERIES[case](op, nonce, other_key))

    assert REFUSED in page, case
    assert signed_in_user(client) is None
    assert not User.objects.exists()
    print(f"\nAUTH-01 {case}: refused, Danish message on the login page, 0 users")


def test_an_assurance_level_below_betydelig_is_refused(client, op) -> None:
    # covers AUTH-01
    _response, page = attempt(client, op, lambda nonce: op.sign(op.claims(nonce, acr=fake_op.LOW)))
    assert TOO_LOW in page
    assert signed_in_user(client) is None


def test_a_missing_or_unknown_acr_is_refused(client, op) -> None:
    # covers AUTH-01
    for acr in (None, "urn:unknown:level"):
        _response, page = attempt(client, op, lambda nonce, a=acr: op.sign(op.claims(nonce, acr=a)))
        assert TOO_LOW in page
    assert signed_in_user(client) is None


def test_a_municipality_configured_acr_value_is_accepted(client, op, settings) -> None:
    # covers AUTH-01: the exact acr string is agreed with the IdP and configured
    settings.LOVENDE_OIDC_ACR_VALUES = "urn:kommune:nsis:substantial=betydelig"
    state, nonce = start_login(client)
    with responses.RequestsMock() as mocked:
        op.stub(mocked, op.sign(op.claims(nonce, acr="urn:kommune:nsis:substantial")))
        finish_login(client, state)
    assert signed_in_user(client) is not None


def test_a_replayed_nonce_is_refused(client, op) -> None:
    # covers AUTH-01: a token captured from an earlier login cannot finish a new one
    state, first_nonce = start_login(client)
    captured = op.sign(op.claims(first_nonce))
    with responses.RequestsMock() as mocked:
        op.stub(mocked, captured)
        finish_login(client, state)
    client.post(reverse("logout"))

    _response, page = attempt(client, op, lambda nonce: captured)

    assert REFUSED in page
    assert signed_in_user(client) is None


def test_a_state_mismatch_is_refused(client, op) -> None:
    # covers AUTH-01: a callback this browser did not start, or one replayed
    _state, nonce = start_login(client)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        op.stub(mocked, op.sign(op.claims(nonce)))
        response = finish_login(client, "forged-state")
        assert len(mocked.calls) == 0  # refused before the code was redeemed
    assert REFUSED in login_page_text(client, response)
    assert signed_in_user(client) is None


def test_a_replayed_callback_is_refused(client, op) -> None:
    # covers AUTH-01: the state is used up by the first callback
    state, nonce = start_login(client)
    with responses.RequestsMock() as mocked:
        op.stub(mocked, op.sign(op.claims(nonce)))
        finish_login(client, state)
    client.post(reverse("logout"))
    response = finish_login(client, state)
    assert signed_in_user(client) is None
    assert "Log ind med kommunens login" in login_page_text(client, response)


@pytest.fixture
def hanging_server():
    """A real TCP server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held, stop = [], threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_hanging_provider_gives_a_503_page_in_time(client, settings, hanging_server) -> None:
    # covers AUTH-01 and REL-05
    fake_op.configure(settings, base=hanging_server)
    state, _nonce = start_login(client)

    started = time.monotonic()
    response = finish_login(client, state)
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert "Kommunens login svarer ikke" in response.content.decode()
    assert elapsed < settings.OIDC_TIMEOUT + 1
    assert signed_in_user(client) is None
    print(
        f"\nAUTH-01 hanging IdP: 503 after {elapsed:.2f} s (OIDC_TIMEOUT={settings.OIDC_TIMEOUT} s)"
    )


@pytest.fixture
def trickling_server():
    """A real HTTP server that answers a byte every 0.3 s: each read is quick, the whole never."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def trickle(connection: socket.socket) -> None:
        connection.recv(65536)
        connection.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999\r\n\r\n"
        )
        while not stop.wait(0.3):
            try:
                connection.sendall(b" ")
            except OSError:
                break
        connection.close()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _address = server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=trickle, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    server.close()


def test_a_trickling_provider_gives_a_503_page_in_time(client, settings, trickling_server) -> None:
    # covers AUTH-01 and REL-05: the deadline covers the whole answer, not each read
    fake_op.configure(settings, base=trickling_server)
    state, _nonce = start_login(client)

    started = time.monotonic()
    response = finish_login(client, state)
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert elapsed < settings.OIDC_TIMEOUT + 1
    print(
        f"\nAUTH-01 trickling IdP: 503 after {elapsed:.2f} s (OIDC_TIMEOUT={settings.OIDC_TIMEOUT} s)"
    )


def test_two_issuers_with_the_same_sub_and_email_are_two_users(client, settings, op_key) -> None:
    # covers AUTH-01: keyed by (issuer, sub), never by e-mail
    users = []
    for issuer in ("https://idp-a.example.dk", "https://idp-b.example.dk"):
        fake_op.configure(settings, issuer=issuer)
        op = FakeOP(op_key, issuer=issuer)
        state, nonce = start_login(client)
        with responses.RequestsMock() as mocked:
            op.stub(mocked, op.sign(op.claims(nonce, sub="same-sub", email="same@example.dk")))
            finish_login(client, state)
        users.append(signed_in_user(client))
        client.post(reverse("logout"))

    assert None not in users
    assert users[0] != users[1]
    assert OidcIdentity.objects.count() == 2
    print("\nAUTH-01 two issuers, same sub and e-mail: 2 users")


def test_without_oidc_settings_the_login_page_offers_local_login_only(client) -> None:
    # covers AUTH-01
    page = client.get(reverse("login")).content.decode()
    assert "Log ind med kommunens login" not in page
    assert client.get(reverse("accounts:oidc_login"))["Location"] == reverse("login")


def test_with_oidc_settings_the_login_page_offers_the_municipal_login(client, op) -> None:
    # covers AUTH-01
    page = client.get(reverse("login")).content.decode()
    assert "Log ind med kommunens login" in page
    assert reverse("accounts:oidc_login") in page


def test_the_request_to_the_provider_carries_state_nonce_and_pkce(client, op) -> None:
    # covers AUTH-01
    response = client.get(reverse("accounts:oidc_login"))
    location = response["Location"]
    assert location.startswith("https://op.test/authorize?")
    for parameter in ("state=", "nonce=", "code_challenge=", "client_id=lovende-test"):
        assert parameter in location


def test_an_error_from_the_provider_is_a_danish_message(client, op) -> None:
    # covers AUTH-01: the user cancelled, or the IdP refused (e.g. prompt=none without a session)
    state, _nonce = start_login(client)
    response = client.get(
        reverse("accounts:oidc_callback"), {"error": "access_denied", "state": state}
    )
    assert "Log ind med kommunens login mislykkedes" in login_page_text(client, response)
    assert state not in client.session.get("oidc_states", {})  # the state cannot be reused
    assert signed_in_user(client) is None


def test_a_roles_claim_gives_and_takes_the_claimed_roles(client, op, settings, tree) -> None:
    # covers ACL-04: roles come from the IdP as job role + unit UUID, on every login
    tree.organisation.municipality_code = "999"
    tree.organisation.save()
    settings.LOVENDE_OIDC_ORGANISATION = "999"
    settings.LOVENDE_OIDC_ROLES_CLAIM = "lovende_roles"

    def login(roles) -> User:
        state, nonce = start_login(client)
        with responses.RequestsMock() as mocked:
            op.stub(mocked, op.sign(op.claims(nonce, lovende_roles=roles)))
            finish_login(client, state)
        return User.objects.get(oidc_identities__subject="medarbejder-42")

    user = login([f"medarbejder@{tree.nord.uuid}", "superbruger@x", f"leder:3@{tree.syd.uuid}"])
    assert set(user.roles.values_list("unit__name", "kind")) == {
        ("Familiebehandling Nord", "medarbejder"),
        ("Familiebehandling Syd", "leder"),
    }

    client.post(reverse("logout"))
    user = login([f"leder:3@{tree.syd.uuid}"])
    assert list(user.roles.values_list("unit__name", "kind")) == [
        ("Familiebehandling Syd", "leder")
    ]

    client.post(reverse("logout"))
    user = login("medarbejder@nord")  # not a list: grants nothing, takes everything
    assert not user.roles.exists()
