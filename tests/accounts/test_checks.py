"""System checks for the IdP settings (SECURITY AUTH-01)."""

from lovende import checks
from tests.accounts import fake_op


def ids() -> list[str]:
    return [error.id for error in checks.oidc_errors()]


def test_no_idp_settings_is_fine() -> None:
    # covers AUTH-01
    assert ids() == []


def test_a_complete_https_configuration_is_fine(settings) -> None:
    # covers AUTH-01
    fake_op.configure(settings)
    assert ids() == []


def test_a_partial_configuration_is_an_error(settings) -> None:
    # covers AUTH-01
    fake_op.configure(settings)
    settings.OIDC_OP_JWKS_ENDPOINT = ""
    assert ids() == ["lovende.E010"]


def test_an_unknown_assurance_level_is_an_error(settings) -> None:
    # covers AUTH-01
    fake_op.configure(settings)
    settings.LOVENDE_OIDC_ACR_MIN = "medium"
    assert ids() == ["lovende.E011"]
    settings.LOVENDE_OIDC_ACR_MIN = "betydelig"
    settings.LOVENDE_OIDC_ACR_VALUES = "urn:x=superhigh"
    assert ids() == ["lovende.E011"]


def test_plain_http_to_the_idp_is_an_error_in_production(settings) -> None:
    # covers AUTH-01
    fake_op.configure(settings, base="http://op.test")
    settings.MODE = "production"
    assert ids() == ["lovende.E012"]
    settings.MODE = "test"
    assert ids() == []
