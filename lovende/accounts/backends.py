"""Login through the municipality's OpenID Connect provider (SECURITY AUTH-01).

mozilla-django-oidc runs the code flow (state, nonce, PKCE); this backend makes its checks strict:
the ID token must be RS256 with a key from the provider's JWKS, for our client id, from the
configured issuer, with the nonce we sent and an NSIS assurance level at or above the configured
minimum. Users are found by (issuer, sub), never by e-mail. Every refusal is an ``OidcRejected``
carrying the Danish message the login page shows.
"""

import hmac

import jwt
import requests
from django.conf import settings
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from lovende.accounts import assurance, provider, services
from lovende.accounts.middleware import NSIS_LEVEL

ALGORITHM = "RS256"
# Clock skew tolerated on exp/iat between the provider and us.
LEEWAY_SECONDS = 60


class OidcRejected(Exception):
    """A login the provider answered but we refuse; ``message`` is for the user (Danish)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(reason)
        self.message = message


def rejected(reason: str) -> OidcRejected:
    return OidcRejected(
        _("Log ind med kommunens login blev afvist: svaret kunne ikke godkendes."), reason
    )


class MunicipalOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        # One deadline for the token and key calls of this login (OIDC_TIMEOUT in all).
        self.deadline = provider.deadline_in(settings.OIDC_TIMEOUT)
        return super().authenticate(request, **kwargs)

    def _deadline(self) -> float:
        return getattr(self, "deadline", None) or provider.deadline_in(settings.OIDC_TIMEOUT)

    def get_token(self, payload: dict) -> dict:
        """Redeem the code at the token endpoint (client secret in the body, as the library)."""
        status, answer = provider.fetch_json(
            "POST",
            self.OIDC_OP_TOKEN_ENDPOINT,
            deadline=self._deadline(),
            data=payload,
            verify=self.get_settings("OIDC_VERIFY_SSL", True),
        )
        if status != 200 or not isinstance(answer, dict):
            raise requests.HTTPError(f"token endpoint answered {status}")
        return answer

    def verify_token(self, token: str, **kwargs) -> dict:
        header = self._header(token)
        if header.get("alg") != ALGORITHM:
            raise rejected(f"algorithm {header.get('alg')!r}")
        try:
            claims = jwt.decode(
                token,
                self._signing_key(header),
                algorithms=[ALGORITHM],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.LOVENDE_OIDC_ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise rejected(type(exc).__name__) from exc
        # The nonce this browser's login sent; a token from an earlier login carries another.
        nonce = str(kwargs.get("nonce") or "")
        if settings.OIDC_USE_NONCE and not hmac.compare_digest(str(claims.get("nonce")), nonce):
            raise rejected("nonce")
        return claims

    def _header(self, token: object) -> dict:
        try:
            return jwt.get_unverified_header(token)
        except (jwt.InvalidTokenError, TypeError) as exc:
            raise rejected("malformed token") from exc

    def _signing_key(self, header: dict) -> jwt.PyJWK:
        """The provider's RSA key with the token's kid (or its only key, if the token has none)."""
        status, jwks = provider.fetch_json(
            "GET",
            self.OIDC_OP_JWKS_ENDPOINT,
            deadline=self._deadline(),
            verify=self.get_settings("OIDC_VERIFY_SSL", True),
        )
        if status != 200 or not isinstance(jwks, dict):
            raise requests.HTTPError(f"JWKS endpoint answered {status}")
        keys = [k for k in jwks.get("keys", []) if isinstance(k, dict) and k.get("kty") == "RSA"]
        keys = [k for k in keys if k.get("alg", ALGORITHM) == ALGORITHM]
        keys = [k for k in keys if k.get("use", "sig") == "sig"]
        if "kid" in header:
            keys = [k for k in keys if k.get("kid") == header["kid"]]
        if len(keys) != 1:
            raise rejected("no single matching key")
        return jwt.PyJWK(keys[0], algorithm=ALGORITHM)

    def get_userinfo(self, access_token: str, id_token: str, payload: dict) -> dict:
        # The signed ID token's claims are all we use; the userinfo answer is not signed.
        return payload

    def verify_claims(self, claims: dict) -> bool:
        # Also checked in verify_token; repeated here so no other path skips them.
        if claims.get("iss") != settings.LOVENDE_OIDC_ISSUER:
            raise rejected("issuer")
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences or not claims.get("sub"):
            raise rejected("audience or subject")
        extra = assurance.parse_values(settings.LOVENDE_OIDC_ACR_VALUES)
        if not assurance.meets(claims.get("acr"), settings.LOVENDE_OIDC_ACR_MIN, extra):
            raise OidcRejected(
                _(
                    "Dit login har ikke et højt nok sikringsniveau. Lovende kræver NSIS "
                    "betydelig (to faktorer). Log ind igen med MitID eller to-faktor-login."
                ),
                f"acr {claims.get('acr')!r}",
            )
        # Kept for the session: only an IdP login at "betydelig" or above counts as two factors.
        self.request.session[NSIS_LEVEL] = assurance.level_of(claims.get("acr"), extra)
        return True

    def filter_users_by_claims(self, claims: dict):
        return self.UserModel.objects.filter(
            oidc_identities__issuer=claims["iss"], oidc_identities__subject=claims["sub"]
        )

    def create_user(self, claims: dict):
        user = services.create_oidc_user(claims)
        services.sync_claimed_roles(user, claims)
        return user

    def update_user(self, user, claims: dict):
        # Central access control: with a roles claim configured, every login brings the roles.
        services.sync_claimed_roles(user, claims)
        return user

    def describe_user_by_claims(self, claims: dict) -> str:
        return f"sub {claims.get('sub')} from {claims.get('iss')}"
