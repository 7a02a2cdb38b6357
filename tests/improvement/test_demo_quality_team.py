"""The demo municipality's quality team has exactly one composition warning (issue 5)."""

import pytest

from lovende.demo.quality import TEAM_NAME
from lovende.demo.seed import seed_demo
from lovende.improvement import services
from lovende.improvement.models import QualityTeam

pytestmark = pytest.mark.django_db


def test_the_demo_quality_team_has_one_warning_psychology_without_a_leader(monkeypatch):
    monkeypatch.setattr("lovende.demo.caseload.write_histories", lambda *args, **kwargs: None)
    seed_demo(citizens=60)

    team = QualityTeam.objects.get(name=TEAM_NAME)

    assert team.members.count() == 4
    assert team.partners.get().name == "PPR"
    assert services.composition_warnings(team) == [
        (
            "Faggruppen Psykologi har ingen leder i teamet.",
            "Tilføj en leder fra Psykologi til teamet.",
        )
    ]
