"""Linking an IdP identity to an existing staff account (SECURITY AUTH-01)."""

import pytest
import responses
from django.urls import reverse

from lovende.accounts.models import OidcIdentity
from tests.accounts import fake_op
from tests.accounts.fake_op import FakeOP, finish_login, signed_in_user, start_login

pytestmark = pytest.mark.django_db


def idp_login(client, op: FakeOP) -> None:
    state, nonce = start_login(client)
    with responses.RequestsMock() as mocked:
        op.stub(mocked, op.sign(op.claims(nonce)))
        finish_login(client, state)


def test_an_identity_moved_to_mette_signs_in_as_mette(client, settings, mette, django_user_model):
    # covers AUTH-01: the first login makes a user without roles; the administrator links it
    fake_op.configure(settings)
    op = FakeOP(fake_op.new_key())
    idp_login(client, op)
    newcomer = signed_in_user(client)
    client.post(reverse("logout"))

    root = django_user_model.objects.create_superuser("it-drift", password="x" * 20)
    admin = client.__class__()
    admin.force_login(root)
    identity = OidcIdentity.objects.get()
    page = admin.get(reverse("admin:accounts_oidcidentity_change", args=[identity.pk]))
    assert page.status_code == 200
    assert admin.get(reverse("admin:accounts_oidcidentity_add")).status_code == 403
    response = admin.post(
        reverse("admin:accounts_oidcidentity_change", args=[identity.pk]), {"user": mette.pk}
    )
    assert response.status_code == 302

    idp_login(client, op)
    assert signed_in_user(client) == mette
    assert signed_in_user(client) != newcomer
