"""Lovende's own deployment checks (SECURITY CONF-01), run by ``manage.py check --deploy``.

They are deploy checks: CI and the deployment guide run ``check --deploy --fail-level WARNING``
under the production environment. The check for a user named ``admin`` reads the database only
when the command is given ``--database default``, and says nothing if the database cannot be read.
"""

from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

MIN_SECRET_KEY_LENGTH = 50


def secret_key_errors() -> list[Error]:
    key = getattr(settings, "SECRET_KEY", "") or ""
    if (
        not key
        or len(key) < MIN_SECRET_KEY_LENGTH
        or key.startswith(("insecure-", "django-insecure"))
    ):
        return [
            Error(
                "SECRET_KEY is missing, shorter than 50 characters or a development default.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value.",
                id="lovende.E001",
            )
        ]
    return []


def database_tls_errors() -> list[Error]:
    url = getattr(settings, "DATABASE_URL", "") or ""
    scheme = urlsplit(url).scheme
    if not scheme.startswith(("postgres", "pgsql")):
        return []
    sslmode = parse_qs(urlsplit(url).query).get("sslmode", [""])[-1]
    if sslmode != "verify-full":
        return [
            Error(
                "DATABASE_URL connects to PostgreSQL without sslmode=verify-full.",
                hint="Add ?sslmode=verify-full (and sslrootcert if needed) to DATABASE_URL.",
                id="lovende.E002",
            )
        ]
    return []


def mode_errors() -> list[Error]:
    mode = getattr(settings, "MODE", "production")
    if mode != "production" or getattr(settings, "DEMO", False):
        return [
            Error(
                f"LOVENDE_MODE is {mode!r}: the demo and test modes are not for real data.",
                hint="Set LOVENDE_MODE=production (or leave it unset).",
                id="lovende.E003",
            )
        ]
    return []


def admin_user_errors(databases) -> list[Error]:
    if not databases or "default" not in databases:
        return []
    from django.contrib.auth import get_user_model

    try:
        exists = get_user_model().objects.filter(username__iexact="admin").exists()
    except DatabaseError:
        return []
    if exists:
        return [
            Error(
                "A user named 'admin' exists: a guessable name for the most powerful account.",
                hint="Rename the account or deactivate it; give administrators personal accounts.",
                id="lovende.E004",
            )
        ]
    return []


def allowed_hosts_errors() -> list[Error]:
    if not getattr(settings, "ALLOWED_HOSTS", None):
        return [
            Error(
                "ALLOWED_HOSTS is empty: every request would be refused.",
                hint="Set ALLOWED_HOSTS to the host name(s) Lovende is served on, comma-separated.",
                id="lovende.E005",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_production(app_configs=None, databases=None, **kwargs) -> list[Error]:
    return [
        *secret_key_errors(),
        *database_tls_errors(),
        *mode_errors(),
        *admin_user_errors(databases),
        *allowed_hosts_errors(),
    ]


# --- accounts (SECURITY AUTH-01): the municipal IdP's settings, checked in every mode ---
OIDC_VARIABLES = {
    "LOVENDE_OIDC_ISSUER": "LOVENDE_OIDC_ISSUER",
    "OIDC_RP_CLIENT_ID": "LOVENDE_OIDC_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "LOVENDE_OIDC_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "LOVENDE_OIDC_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT": "LOVENDE_OIDC_TOKEN_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "LOVENDE_OIDC_JWKS_ENDPOINT",
}


def oidc_errors() -> list[Error]:
    """Half a configuration would silently leave the IdP login off; a bad level or a plain-HTTP
    endpoint would weaken it."""
    from lovende.accounts import assurance

    given = {name: getattr(settings, name, "") for name in OIDC_VARIABLES}
    if not any(given.values()):
        return []
    errors = []
    missing = [OIDC_VARIABLES[name] for name, value in given.items() if not value]
    if missing:
        errors.append(
            Error(
                f"The IdP login is partly configured: {', '.join(missing)} missing.",
                hint="Set all of them to turn on login through the municipality's IdP, or none.",
                id="lovende.E010",
            )
        )
    try:
        assurance.parse_values(getattr(settings, "LOVENDE_OIDC_ACR_VALUES", ""))
        level_ok = assurance.normalise_level(getattr(settings, "LOVENDE_OIDC_ACR_MIN", ""))
    except ValueError:
        level_ok = None
    if not level_ok:
        errors.append(
            Error(
                "LOVENDE_OIDC_ACR_MIN or LOVENDE_OIDC_ACR_VALUES names an unknown NSIS level.",
                hint=f"Use the levels {', '.join(assurance.LEVELS)}; values as value=level,...",
                id="lovende.E011",
            )
        )
    insecure = [
        OIDC_VARIABLES[name]
        for name, value in given.items()
        if name.startswith(("OIDC_OP_", "LOVENDE_OIDC_ISSUER"))
        and value
        and not value.startswith("https://")
    ]
    if insecure and getattr(settings, "MODE", "production") == "production":
        errors.append(
            Error(
                f"The IdP is reached without HTTPS: {', '.join(insecure)}.",
                hint="Use the IdP's https:// addresses.",
                id="lovende.E012",
            )
        )
    return errors


@register(Tags.security)
def check_oidc(app_configs=None, **kwargs) -> list[Error]:
    return oidc_errors()
