"""Fidelity to the core elements: the share, its trend, the service and the pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lovende.scaling import fidelity, unit_work
from lovende.scaling.models import FidelityCheck

pytestmark = pytest.mark.django_db

ALL_YES = {"ors-srs": "ja", "egne-maal": "ja", "hjemmebesoeg": "ja"}


def url(target, new=False):
    return f"/skalering/enhed/{target.pk}/troskab/{'nyt-tjek/' if new else ''}"


def test_it_counts_partly_as_half():
    assert fidelity.share(["ja", "ja", "delvist", "nej"]) == 62.5


def test_it_has_no_share_without_answers():
    assert fidelity.share([]) is None


@pytest.mark.parametrize(
    ("shares", "expected"),
    [([50.0, 75.0], "op"), ([75.0, 50.0], "ned"), ([60.0, 60.0], "uændret"), ([60.0], None)],
)
def test_it_gives_the_trend_from_the_check_before(shares, expected):
    assert fidelity.trend(shares) == expected


def test_it_records_a_check_with_an_answer_per_core_element(lars, description, syd_target):
    check = unit_work.record_fidelity_check(
        by=lars,
        target=syd_target,
        checked_on=datetime.date(2026, 1, 15),
        levels={**ALL_YES, "hjemmebesoeg": "delvist"},
        notes={"hjemmebesoeg": "Ikke i ferien"},
    )

    answers = {a.element_key: (a.level, a.note) for a in check.answers.all()}
    assert answers["hjemmebesoeg"] == ("delvist", "Ikke i ferien")
    assert fidelity.share(level for level, _note in answers.values()) == pytest.approx(83.3)


def test_it_refuses_a_check_missing_a_core_element_in_danish(lars, description, syd_target):
    with pytest.raises(ValidationError, match="Hjemmebesøg: svar ja, delvist eller nej"):
        unit_work.record_fidelity_check(
            by=lars,
            target=syd_target,
            checked_on=datetime.date(2026, 1, 15),
            levels={"ors-srs": "ja", "egne-maal": "ja"},
            notes={},
        )


def test_it_refuses_a_date_in_the_future(lars, description, syd_target):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError, match="fremtiden"):
        unit_work.record_fidelity_check(
            by=lars, target=syd_target, checked_on=tomorrow, levels=ALL_YES, notes={}
        )


def test_it_refuses_a_check_before_there_are_core_elements(lars, syd_target):
    with pytest.raises(ValidationError, match="ingen kerneelementer"):
        unit_work.record_fidelity_check(
            by=lars, target=syd_target, checked_on=datetime.date(2026, 1, 15), levels={}, notes={}
        )


def test_it_records_a_check_from_the_form(client_for, lars, description, syd_target):
    data = {"checked_on": "2026-01-15", **{f"level_{k}": v for k, v in ALL_YES.items()}}

    response = client_for(lars).post(url(syd_target, new=True), data)

    assert response.status_code == 302
    assert FidelityCheck.objects.get().answers.count() == 3


def test_it_shows_the_form_again_when_an_element_is_unanswered(
    client_for, lars, description, syd_target
):
    response = client_for(lars).post(url(syd_target, new=True), {"checked_on": "2026-01-15"})

    assert response.status_code == 422
    assert not FidelityCheck.objects.exists()


def test_it_shows_the_history_to_a_reader(client_for, mette, lars, description, syd_target):
    for day, level in ((1, "nej"), (20, "ja")):
        unit_work.record_fidelity_check(
            by=lars, target=syd_target, checked_on=datetime.date(2026, 1, day),
            levels={**ALL_YES, "ors-srs": level}, notes={},
        )  # fmt: skip

    body = client_for(mette).get(url(syd_target)).content.decode()

    assert "66,7 %" in body
    assert "100 %" in body


def test_it_refuses_an_employee_a_new_check(client_for, mette, description, syd_target):
    # covers ACL-04 (with the 404 below)
    data = {"checked_on": "2026-01-15", **{f"level_{k}": v for k, v in ALL_YES.items()}}

    assert client_for(mette).post(url(syd_target, new=True), data).status_code == 403
    assert not FidelityCheck.objects.exists()


def test_it_answers_404_to_another_organisation(client_for, karin, description, syd_target):
    # covers ACL-04
    client = client_for(karin)

    assert client.get(url(syd_target)).status_code == 404
    assert client.get(url(syd_target, new=True)).status_code == 404
