import pytest

from lovende.imports import columns


@pytest.fixture
def importer(mette, ors, intervention):
    """Mette may create courses in Familiebehandling Nord, where the intervention runs with ORS."""
    return mette


@pytest.fixture(autouse=True)
def _known_today(settings):
    # The demo rows' dates are in 2025; validation only needs "today" to be after them.
    return columns
