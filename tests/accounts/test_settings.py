"""The accounts settings as each mode and environment builds them (SECURITY AUTH-01, AUTH-02,
SESS-01): OIDC only from the environment, with SessionRefresh; TOTP required in production."""

import json
import os
import subprocess
import sys

OIDC_ENV = {
    "LOVENDE_OIDC_ISSUER": "https://login.kommune.dk",
    "LOVENDE_OIDC_CLIENT_ID": "lovende",
    "LOVENDE_OIDC_CLIENT_SECRET": "s3cret",
    "LOVENDE_OIDC_AUTHORIZATION_ENDPOINT": "https://login.kommune.dk/authorize",
    "LOVENDE_OIDC_TOKEN_ENDPOINT": "https://login.kommune.dk/token",
    "LOVENDE_OIDC_JWKS_ENDPOINT": "https://login.kommune.dk/jwks",
}
PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "oidc": settings.LOVENDE_OIDC_ENABLED,
    "backend": "lovende.accounts.backends.MunicipalOIDCBackend" in settings.AUTHENTICATION_BACKENDS,
    "refresh": "lovende.accounts.middleware.OidcSessionRefresh" in settings.MIDDLEWARE,
    "totp": settings.LOVENDE_REQUIRE_TOTP,
    "alg": settings.OIDC_RP_SIGN_ALGO,
    "nonce": settings.OIDC_USE_NONCE,
    "timeout": settings.OIDC_TIMEOUT,
}))
"""


def probe(env: dict[str, str]) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LOVENDE_", "SECRET_KEY"))}
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", PROBE],
        env={**clean, "DJANGO_SETTINGS_MODULE": "lovende.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_requires_totp_and_has_no_oidc_without_its_variables() -> None:
    # covers AUTH-01, AUTH-02
    found = probe({"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "lovende.kommune.dk"})
    assert found["totp"] is True
    assert (found["oidc"], found["backend"], found["refresh"]) == (False, False, False)


def test_the_idp_variables_turn_on_the_backend_and_session_refresh() -> None:
    # covers AUTH-01, SESS-01
    found = probe({"LOVENDE_MODE": "demo", **OIDC_ENV})
    assert (found["oidc"], found["backend"], found["refresh"]) == (True, True, True)
    assert (found["alg"], found["nonce"], found["timeout"]) == ("RS256", True, 5)
    assert found["totp"] is False  # the demo keeps its one-step logins


def test_half_a_configuration_stays_off() -> None:
    # covers AUTH-01 (and the check lovende.E010 says so)
    partial = {k: v for k, v in OIDC_ENV.items() if k != "LOVENDE_OIDC_JWKS_ENDPOINT"}
    assert probe({"LOVENDE_MODE": "test", **partial})["oidc"] is False
