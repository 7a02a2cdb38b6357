import datetime

import pytest

from lovende.instruments import services as instrument_services


@pytest.fixture
def ors(tree, intervention):
    instrument = instrument_services.install_builtin(organisation=tree.organisation, code="ors")
    instrument_services.enable_instrument(instrument=instrument, intervention=intervention)
    return instrument


@pytest.fixture
def srs(tree, intervention):
    instrument = instrument_services.install_builtin(organisation=tree.organisation, code="srs")
    instrument_services.enable_instrument(instrument=instrument, intervention=intervention)
    return instrument


def ors_answers(*values: float) -> dict[str, float]:
    return dict(zip(["individuelt", "relationer", "socialt", "generelt"], values, strict=True))


DAY = datetime.timedelta(days=1)
