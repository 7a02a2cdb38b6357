import pytest

CITIZENS = 60  # enough for every unit; the default 300 is for the demo itself


@pytest.fixture
def no_histories(monkeypatch):
    """Seed without sessions, measurements and notes (seconds each) where a test is about the rest.

    Closed courses are still closed: the caseload closes them after writing the histories.
    """
    monkeypatch.setattr("lovende.demo.caseload.write_histories", lambda *args, **kwargs: None)
