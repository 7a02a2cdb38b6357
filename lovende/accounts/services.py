"""Writes for logins: users from the identity provider, TOTP devices, ending sessions."""

import hashlib
import logging
import time
from binascii import unhexlify

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from lovende.accounts.models import OidcIdentity
from lovende.organisation import claims as role_claim_parsing
from lovende.organisation import services as org_services
from lovende.organisation.models import Organisation

User = get_user_model()
logger = logging.getLogger(__name__)


def oidc_username(issuer: str, subject: str) -> str:
    """A stable username that says nothing about the person and cannot collide across issuers."""
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()
    return f"idp-{digest[:24]}"


def configured_organisation() -> Organisation | None:
    wanted = settings.LOVENDE_OIDC_ORGANISATION
    if not wanted:
        return None
    return Organisation.objects.filter(Q(municipality_code=wanted) | Q(name=wanted)).first()


@transaction.atomic
def create_oidc_user(claims: dict) -> User:
    """A new user for a first login through the IdP: no role (privacy by default), no usable
    password, and the configured organisation or none; an administrator gives roles."""
    issuer, subject = claims["iss"], claims["sub"]
    user = User(
        username=oidc_username(issuer, subject),
        first_name=str(claims.get("given_name", ""))[:150],
        last_name=str(claims.get("family_name", ""))[:150],
        organisation=configured_organisation(),
    )
    user.set_unusable_password()
    user.save()
    OidcIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    return user


def sync_claimed_roles(user: User, claims: dict) -> None:
    """With LOVENDE_OIDC_ROLES_CLAIM set, make the user's roles exactly the claimed ones (ACL-04).

    The claim is a list of «rolle[:niveau]@enheds-UUID» (organisation/claims.py), as KOMBIT's
    job-function roles with data restrictions or OS2rollekatalog send them. A claim that is not a
    list grants nothing; entries Lovende cannot read are logged by number, never by value.
    """
    name = settings.LOVENDE_OIDC_ROLES_CLAIM
    if not name or user.organisation_id is None:
        return
    value = claims.get(name, [])
    role_claims, problems = role_claim_parsing.parse(value if isinstance(value, list) else [])
    _added, _removed, unknown = org_services.sync_roles_from_claims(user=user, claims=role_claims)
    if problems or unknown or not isinstance(value, list):
        logger.warning(
            "roles claim for user %s: %d unreadable entries, %d unknown units",
            user.pk,
            len(problems) + (not isinstance(value, list)),
            len(unknown),
        )


def end_sessions(user_ids: set[int]) -> int:
    """Delete every unexpired session of these users (SESS-01); others' sessions are untouched.
    Sessions are signed blobs, so each is decoded; the table holds only live sessions' rows."""
    wanted = {str(pk) for pk in user_ids}
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") in wanted
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def new_totp_key() -> str:
    """A fresh 20-byte secret (hex), kept in the session until the user proves they have it."""
    return random_hex(20)


def matching_totp(key: str, code: str) -> TOTP | None:
    """The TOTP state if ``code`` is the current code for ``key`` (one step of clock skew either
    way, as django-otp's default tolerance), else None."""
    totp = TOTP(unhexlify(key.encode()))
    totp.time = time.time()
    return totp if totp.verify(int(code), tolerance=1) else None


@transaction.atomic
def add_totp_device(user: User, key: str, matched: TOTP) -> TOTPDevice:
    """The code matched: this device replaces any earlier one, and the code is spent."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(
        user=user,
        name="Lovende",
        key=key,
        confirmed=True,
        last_t=matched.t(),
        drift=matched.drift,
    )
