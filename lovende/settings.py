"""Lovende's one settings module, driven by environment variables.

LOVENDE_MODE selects the profile: ``production`` (the default: DEBUG off, SECRET_KEY required),
``demo`` (``make demo``: DEBUG on, demo logins) or ``test`` (the test suite). Settings values are
never logged.
"""

import datetime
import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

MODES = ("production", "demo", "test")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_secret(name: str) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (for container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, "")


MODE = env_str("LOVENDE_MODE", "production")
if MODE not in MODES:
    raise ImproperlyConfigured(f"LOVENDE_MODE must be one of {', '.join(MODES)}, not {MODE!r}")
DEMO = MODE == "demo"
TESTING = MODE == "test"

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if MODE == "production":
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Lovende refuses to start in production without it: "
            "set SECRET_KEY (or SECRET_KEY_FILE) to a long random value, "
            "or set LOVENDE_MODE=demo to try the demo."
        )
    SECRET_KEY = f"insecure-{MODE}-key-never-use-in-production"

DEBUG = env_bool("DEBUG", DEMO)
ALLOWED_HOSTS = [h for h in env_str("ALLOWED_HOSTS", "").split(",") if h] or (
    [] if MODE == "production" else ["127.0.0.1", "localhost", "testserver"]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "axes",
    "lovende.organisation",
    "lovende.interventions",
    "lovende.citizens",
    "lovende.instruments",
    "lovende.measurements",
    "lovende.reflection",
    "lovende.dashboards",
    "lovende.improvement",
    "lovende.culture",
    "lovende.scaling",
    "lovende.audit",
    "lovende.privacy",
    "lovende.api",
    "lovende.demo",
    "lovende.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lovende.organisation.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lovende.audit.middleware.AccessLogMiddleware",
    "lovende.audit.middleware.NoStoreMiddleware",
    "lovende.pdf.PdfUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    "lovende.measurements.middleware.SelfReportLockMiddleware",
    # Last, so it sees the login view's response and turns a locked-out try into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lovende.urls"
# Our widget templates give inputs the design system's classes (templates/django/forms/widgets).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "lovende.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lovende.organisation.context_processors.current_roles",
            ],
        },
    },
]


def sqlite_database(path: Path) -> dict:
    """SQLite tuned for a web app: WAL, a busy timeout and IMMEDIATE transactions (REL-02); deleted
    content overwritten (secure_delete)."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                # Deleted rows are overwritten, so a closed survey round's rewritten rows leave
                # no old versions in the file (decision 15).
                "PRAGMA secure_delete=ON;"
            ),
            # REL-02: a writer waits up to 20 s for the write lock (sqlite3's busy timeout)
            # rather than failing with "database is locked"; SQLite's waiting is not a fair
            # queue, and 5 s was too short for 8 busy writers on a loaded machine.
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": sqlite_database(
            Path(env_str("LOVENDE_SQLITE", str(PROJECT_DIR / "lovende.sqlite3")))
        )
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
# django-axes first: it refuses a locked-out (username, IP) before any password is checked (AUTH-03).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Brute-force protection (SECURITY AUTH-03, django-axes): 5 failures for one username from one IP
# address lock that pair out for 15 minutes; a success resets the count. Every failure is kept in
# AccessFailureLog, the one that locks marked locked_out; an admin unlocks with `lovende unlock`.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)  # the lockout page says 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Tries during a lockout are refused but do not restart the 15 minutes: no permanent lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- accounts (SECURITY AUTH-01, AUTH-02, SESS-01): municipal OIDC login, TOTP, session ends ---
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "lovende.accounts"]
# After the session-lifetime check: django-otp marks the user verified, then our middleware sends
# a local citizen-access user to TOTP setup or verification, and ends a session whose user lost
# their last role.
MIDDLEWARE.insert(
    MIDDLEWARE.index("lovende.organisation.middleware.SessionLifetimeMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "lovende.accounts.middleware.AccountGuardMiddleware",
)
# TOTP for local accounts with citizen access: on in production, off in demo and tests (the
# suite's own TOTP tests turn it on).
LOVENDE_REQUIRE_TOTP = env_bool("LOVENDE_REQUIRE_TOTP", MODE == "production")
OTP_TOTP_ISSUER = env_str("LOVENDE_TOTP_ISSUER", "Lovende")
# OIDC is configured only from the environment; with any of these unset the login page offers
# local login only. Endpoints are explicit (no discovery at start-up).
LOVENDE_OIDC_ISSUER = env_str("LOVENDE_OIDC_ISSUER")
OIDC_RP_CLIENT_ID = env_str("LOVENDE_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_secret("LOVENDE_OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("LOVENDE_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("LOVENDE_OIDC_TOKEN_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("LOVENDE_OIDC_JWKS_ENDPOINT")
# Claims come from the signed ID token; the userinfo endpoint is not called.
OIDC_OP_USER_ENDPOINT = env_str("LOVENDE_OIDC_USERINFO_ENDPOINT")
OIDC_RP_SCOPES = env_str("LOVENDE_OIDC_SCOPES", "openid profile")
OIDC_RP_SIGN_ALGO = "RS256"  # with the JWKS endpoint; never HS256 with a public key
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
# The library waits forever by default; a hanging IdP gives a Danish 503 instead.
OIDC_TIMEOUT = max(1, env_int("LOVENDE_OIDC_TIMEOUT", 5))
OIDC_CREATE_USER = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "login"
# SessionRefresh sends the user back to the IdP (prompt=none) this often (SESS-01).
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env_int("LOVENDE_OIDC_RENEW_SECONDS", 15 * 60)
OIDC_EXEMPT_URLS = ["logout", "healthz"]
# The lowest accepted NSIS assurance level (lav, betydelig or hoej) and extra acr values the IdP
# sends, as "value=level,value=level" (confirm the exact acr strings with the IdP).
LOVENDE_OIDC_ACR_MIN = env_str("LOVENDE_OIDC_ACR_MIN", "betydelig")
LOVENDE_OIDC_ACR_VALUES = env_str("LOVENDE_OIDC_ACR_VALUES")
# Kommunekode or name of the organisation a new OIDC user joins; none when unset (no roles ever).
LOVENDE_OIDC_ORGANISATION = env_str("LOVENDE_OIDC_ORGANISATION")
# The claim holding the user's roles as «rolle[:niveau]@enheds-UUID» (central access control,
# e.g. KOMBIT job-function roles or OS2rollekatalog); unset = administrators give roles in Lovende.
LOVENDE_OIDC_ROLES_CLAIM = env_str("LOVENDE_OIDC_ROLES_CLAIM")
LOVENDE_OIDC_ENABLED = all(
    (
        LOVENDE_OIDC_ISSUER,
        OIDC_RP_CLIENT_ID,
        OIDC_RP_CLIENT_SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT,
    )
)
if LOVENDE_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("lovende.accounts.backends.MunicipalOIDCBackend")
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "lovende.accounts.middleware.OidcSessionRefresh",
    )
# --- end accounts ---

# Sessions: 30 minutes idle (every request renews the expiry) and 12 hours in total, enforced by
# SessionLifetimeMiddleware (SECURITY SESS-01).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
LOVENDE_SESSION_MAX_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = MODE == "production"
# A __Host- cookie must be Secure, so the prefix comes with HTTPS (production); demo and tests
# run over plain HTTP on 127.0.0.1.
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_SECURE = MODE == "production"
# The CSRF token lives in the session, not in its own cookie: pages carry it in the DOM
# ({% csrf_token %} and hx-headers on <body>), no script reads a cookie (SESS-01).
CSRF_USE_SESSIONS = True

# Headers (HDR-01). HTTPS is enforced in production: HSTS for a year with subdomains (no preload:
# that is the municipality's decision for its whole domain, docs/operations.md).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600) if MODE == "production" else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Without preload, Django's reminder to submit to the preload list (W021) is a decision, not a fault.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", MODE == "production")
# Behind the reverse proxy that ends TLS, the proxy must set (overwrite) X-Forwarded-Proto; set
# LOVENDE_BEHIND_PROXY=0 when gunicorn faces the browser itself.
if env_bool("LOVENDE_BEHIND_PROXY", MODE == "production"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy in every mode, so the tests and the demo run under the production
# policy (django-csp 4). No inline script anywhere; data: images for the inlined favicon.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
if MODE == "production":
    # runserver serves static files in demo and tests; in production WhiteNoise does (collectstatic).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# Small-cell suppression: aggregates above citizen level hide groups below this size (SDC-01).
LOVENDE_MIN_CELL = max(3, env_int("LOVENDE_MIN_CELL", 5))
# Anonymous staff surveys: no result, response count or comment below this many answers (SDC-02).
LOVENDE_SURVEY_MIN_ANSWERS = max(3, env_int("LOVENDE_SURVEY_MIN_ANSWERS", 5))
# A new survey round whose group differs by 1 to k-1 people from a round of the same kind (360°:
# the same leader) that is open or closed within this many days is refused: the two could be
# subtracted (docs/decisions.md).
LOVENDE_SURVEY_OVERLAP_DAYS = max(0, env_int("LOVENDE_SURVEY_OVERLAP_DAYS", 90))
# Course signals: no reliable improvement after this many sessions; no measurement for this many days.
LOVENDE_SIGNAL_SESSIONS = env_int("LOVENDE_SIGNAL_SESSIONS", 6)
LOVENDE_SIGNAL_DAYS = env_int("LOVENDE_SIGNAL_DAYS", 42)
# Access log entries are deleted by `lovende prune_access_log` after this many days: 6 months by
# default (Danish practice, LOG-02), set by the municipality, never below 30.
LOVENDE_ACCESS_LOG_RETENTION_DAYS = max(30, env_int("LOVENDE_ACCESS_LOG_RETENTION_DAYS", 183))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
# A PDF export gives up with a Danish 503 page after this many seconds (REL-05).
LOVENDE_PDF_TIMEOUT = max(1, env_int("LOVENDE_PDF_TIMEOUT", 30))
# How many reverse proxies in front of Lovende append to X-Forwarded-For; the client address is
# the one the outermost trusted proxy saw. 0 = trust no header, use the socket's address.
LOVENDE_TRUSTED_PROXIES = max(
    0,
    env_int(
        "LOVENDE_TRUSTED_PROXIES",
        1 if env_bool("LOVENDE_BEHIND_PROXY", MODE == "production") else 0,
    ),
)
# django-axes counts failures per (username, client address), so it must see the real client.
AXES_CLIENT_IP_CALLABLE = "lovende.client_ip.client_ip"

# --- audit (SECURITY LOG-02, LOG-03): security events and log shipping ---
# A refused CSRF check gets a Danish page and a security event (audit.views.csrf_failure).
CSRF_FAILURE_VIEW = "lovende.audit.views.csrf_failure"
# Every access-log row (`lovende.audit`) and security event (`lovende.security`) is also written
# as one JSON line with a UTC timestamp to standard error, for the municipality to ship to
# syslog or its SIEM. Ids only: no names, CPR numbers or session keys. On by default in
# production; LOVENDE_LOG_SHIPPING=0 turns it off (the rows stay in the database either way).
LOGGING["formatters"] = {"jsonlines": {"()": "lovende.audit.jsonlines.JsonLinesFormatter"}}
LOGGING["handlers"]["jsonlines"] = (
    {"class": "logging.StreamHandler", "formatter": "jsonlines"}
    if env_bool("LOVENDE_LOG_SHIPPING", MODE == "production")
    else {"class": "logging.NullHandler"}
)
LOGGING["loggers"] = {
    name: {"handlers": ["jsonlines"], "level": "INFO", "propagate": False}
    for name in ("lovende.audit", "lovende.security")
}
# The menu shows the access log to log reviewers only (audit.permissions).
TEMPLATES[0]["OPTIONS"]["context_processors"].append(
    "lovende.audit.context_processors.log_reviewer"
)
# --- end audit ---

# --- imports (SECURITY FILE-01, FILE-02) ---
# Import of citizens, courses and measurements from .xlsx/.csv (lovende/imports). The size cap is
# checked before anything parses the file; rows are checked in steps of CHUNK_ROWS per request.
INSTALLED_APPS.append("lovende.imports")
LOVENDE_IMPORT_MAX_BYTES = max(1024, env_int("LOVENDE_IMPORT_MAX_BYTES", 10 * 1024 * 1024))
LOVENDE_IMPORT_MAX_ROWS = max(1, env_int("LOVENDE_IMPORT_MAX_ROWS", 20000))
LOVENDE_IMPORT_CHUNK_ROWS = max(1, env_int("LOVENDE_IMPORT_CHUNK_ROWS", 500))
# --- end imports ---

# --- privacy (SECURITY PRIV-04): retention of citizen data ---
# The municipal default when the administrator has set no rule: a closed course (completed or
# discontinued) and everything recorded in it is deleted this many months after its end date by
# `lovende apply_retention` (nightly). The municipality sets its own period per category on
# /persondata/opbevaring/ (GDPR art. 17(3)(b) and archive duties decide it, not Lovende).
LOVENDE_RETENTION_CLOSED_COURSE_MONTHS = max(
    1, env_int("LOVENDE_RETENTION_CLOSED_COURSE_MONTHS", 60)
)

# --- migrations (SECURITY REL-03) ---
# `lintmigrations` (django-migration-linter, a dev tool from .[dev]) refuses backward-incompatible
# migrations; `make lint` runs it against PostgreSQL, whose SQL is what production runs (SQLite
# rebuilds a table for most changes, which the linter cannot judge). It lints Lovende's own apps.
# Initial migrations are skipped: they create tables no running code uses yet. The migrations
# below shipped before the linter ran, so they cannot be changed; each is ignored for a reason:
#   citizens 0006_dashboards: adds Course.staff_mixed NOT NULL with a Python-only default, so
#     the previous release's INSERTs fail until it is stopped (stop it before `migrate`).
#   organisation 0002_unit_uuid (ACL-04): makes Unit.uuid NOT NULL and UNIQUE with a Python-only
#     default; the same: the previous release cannot create units once it has run.
# New migrations give a new NOT NULL column a database default (`db_default`), as 0007 does.
if MODE != "production" and importlib.util.find_spec("django_migration_linter"):
    INSTALLED_APPS.append("django_migration_linter")
MIGRATION_LINTER_OPTIONS = {
    "include_apps": [app.rsplit(".", 1)[1] for app in INSTALLED_APPS if app.startswith("lovende.")],
    "ignore_initial_migrations": True,
    "ignore_name": ["0006_dashboards", "0002_unit_uuid"],
}
# --- end migrations ---

# --- rate limits (SECURITY API-02) ---
# Per-user limits on the API and the exports (lovende/api/ratelimit.py): the next call in the
# minute gets 429. The counts live in the cache, and the cache is the database so that every
# gunicorn worker shares them (nothing per process, REL-05); its table is made by `migrate`
# (api 0001). Logins are limited by django-axes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lovende_cache",
    }
}
LOVENDE_RATE_LIMIT_API = max(1, env_int("LOVENDE_RATE_LIMIT_API", 120))
LOVENDE_RATE_LIMIT_EXPORTS = max(1, env_int("LOVENDE_RATE_LIMIT_EXPORTS", 60))
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_htmx.middleware.HtmxMiddleware") + 1,
    "lovende.api.ratelimit.RateLimitMiddleware",
)
# --- end rate limits ---
