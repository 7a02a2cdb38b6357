"""A fake OpenID Connect provider for tests (SECURITY AUTH-01): an RSA key made here, its JWKS
and token endpoints stubbed with ``responses``, and ID tokens signed (or forged) on demand."""

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import jwt
import responses
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.urls import reverse

ISSUER = "https://login.testkommune.dk"
CLIENT_ID = "lovende-test"
SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
LOW = "https://data.gov.dk/concept/core/nsis/loa/Low"
KID = "test-key-1"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def configure(settings, base: str = "https://op.test", issuer: str = ISSUER) -> None:
    """Turn OIDC on for one test with the settings fixture, as the environment would."""
    settings.LOVENDE_OIDC_ENABLED = True
    settings.LOVENDE_OIDC_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "test-client-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks"
    settings.OIDC_TIMEOUT = 1
    settings.LOVENDE_OIDC_ACR_MIN = "betydelig"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "lovende.accounts.backends.MunicipalOIDCBackend",
    ]


@dataclass
class FakeOP:
    key: rsa.RSAPrivateKey
    base: str = "https://op.test"
    issuer: str = ISSUER
    requests_seen: list = field(default_factory=list)

    def public_pem(self) -> bytes:
        return self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def jwks(self) -> dict:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": KID, "use": "sig", "alg": "RS256"}]}

    def claims(self, nonce: str, **overrides) -> dict:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "medarbejder-42",
            "email": "mette@testkommune.dk",
            "given_name": "Mette",
            "family_name": "Idp",
            "nonce": nonce,
            "acr": SUBSTANTIAL,
            "iat": now,
            "exp": now + 300,
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def sign(self, claims: dict, key: rsa.RSAPrivateKey | None = None) -> str:
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": KID})

    def unsigned(self, claims: dict) -> str:
        """alg=none: no signature at all."""
        header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
        return f"{header}.{b64url(json.dumps(claims).encode())}."

    def hs256_with_public_key(self, claims: dict) -> str:
        """The key-confusion attack: HMAC with the provider's public key as the secret."""
        header = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": KID}).encode())
        signing_input = f"{header}.{b64url(json.dumps(claims).encode())}"
        mac = hmac.new(self.public_pem(), signing_input.encode(), hashlib.sha256).digest()
        return f"{signing_input}.{b64url(mac)}"

    def stub(self, mocked: responses.RequestsMock, id_token: str) -> None:
        mocked.add(responses.GET, f"{self.base}/jwks", json=self.jwks())
        mocked.add(
            responses.POST,
            f"{self.base}/token",
            json={"id_token": id_token, "access_token": "at", "token_type": "Bearer"},
        )


def start_login(client) -> tuple[str, str]:
    """Start a login at Lovende; return the (state, nonce) it sent to the provider."""
    response = client.get(reverse("accounts:oidc_login"))
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    return query["state"][0], query["nonce"][0]


def finish_login(client, state: str):
    return client.get(reverse("accounts:oidc_callback"), {"code": "the-code", "state": state})


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None
