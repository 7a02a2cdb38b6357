"""The demo's sample import files work against the demo municipality (FILE-02)."""

from pathlib import Path

import pytest

from lovende.audit.services import AccessContext
from lovende.citizens.models import Citizen
from lovende.demo.management.commands.demo import SAMPLE_IMPORTS
from lovende.demo.seed import seed_demo
from lovende.imports import reading, safety
from lovende.imports.services import ImportInvalid, commit_import
from lovende.organisation.models import User

pytestmark = pytest.mark.django_db
CONTEXT = AccessContext(page="/import/gem/", ip_address=None, request_id="demo")


def table(name: str) -> reading.Table:
    data = Path(SAMPLE_IMPORTS, name).read_bytes()
    return reading.read_csv(safety.decode_csv(data), max_rows=1000)


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setattr("lovende.demo.caseload.write_histories", lambda *a, **k: None)
    seed_demo(citizens=60)  # the smallest demo the seed allows, as in tests/demo
    return User.objects.get(username="mette")


def test_the_sample_files_import_or_fail_by_row_as_mette(demo):
    before = Citizen.objects.count()
    with pytest.raises(ImportInvalid) as invalid:
        commit_import(by=demo, context=CONTEXT, table=table("import_borgere_med_fejl.csv"))
    unchanged = Citizen.objects.count()

    summary = commit_import(by=demo, context=CONTEXT, table=table("import_borgere.csv"))

    assert [(e["row"], e["code"]) for e in invalid.value.errors] == [
        (3, "answer_range"),
        (6, "cpr_date"),
        (8, "before_start"),
    ]
    assert unchanged == before
    assert (summary.new_citizens, summary.measurements) == (6, 13)
    assert Citizen.objects.count() == before + 6
