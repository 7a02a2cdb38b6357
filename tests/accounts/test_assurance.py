"""NSIS levels from acr (SECURITY AUTH-01). Pure."""

import pytest

from lovende.accounts import assurance

SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial"


@pytest.mark.parametrize(
    ("acr", "minimum", "ok"),
    [
        (SUBSTANTIAL, "betydelig", True),
        ("https://data.gov.dk/concept/core/nsis/loa/High", "betydelig", True),
        ("https://data.gov.dk/concept/core/nsis/loa/Low", "betydelig", False),
        ("https://data.gov.dk/concept/core/nsis/loa/Low", "lav", True),
        (SUBSTANTIAL, "hoej", False),
        ("Substantial", "betydelig", True),
        (None, "lav", False),
        (["betydelig"], "lav", False),
        ("urn:unknown", "lav", False),
        (SUBSTANTIAL, "nonsense", False),
    ],
)
def test_meets(acr, minimum, ok) -> None:
    # covers AUTH-01
    assert assurance.meets(acr, minimum) is ok


def test_configured_values_extend_the_known_ones() -> None:
    # covers AUTH-01
    extra = assurance.parse_values("urn:kombit:loa:3=betydelig, urn:kombit:loa:4=høj")
    assert extra == {"urn:kombit:loa:3": "betydelig", "urn:kombit:loa:4": "hoej"}
    assert assurance.meets("urn:kombit:loa:4", "betydelig", extra)
    assert not assurance.meets("urn:kombit:loa:3", "hoej", extra)


@pytest.mark.parametrize("text", ["urn:x", "=betydelig", "urn:x=medium"])
def test_bad_configured_values_are_refused(text) -> None:
    # covers AUTH-01
    with pytest.raises(ValueError, match="not value=level"):
        assurance.parse_values(text)
