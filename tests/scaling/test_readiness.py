"""The readiness analysis: the pure checklist, the service's Danish refusals, the pages."""

import pytest
from django.core.exceptions import ValidationError

from lovende.scaling import readiness, unit_work
from lovende.scaling.models import ReadinessItem

pytestmark = pytest.mark.django_db


def url(target, edit=False):
    return f"/skalering/enhed/{target.pk}/parathed/{'rediger/' if edit else ''}"


def test_it_has_both_areas_with_a_danish_question_per_item():
    areas = {item.area for item in readiness.ITEMS}

    assert areas == {readiness.ORGANISATION, readiness.COMPETENCES}
    assert len(readiness.ITEMS) == 10
    assert all(item.question.endswith("?") for item in readiness.ITEMS)


def test_it_sums_the_scored_items_only():
    summary = readiness.summary({"ledelse": 4, "tid": 2, "it": None, "ukendt": 4})

    assert (summary.total, summary.maximum, summary.scored) == (6, 8, 2)
    assert summary.share == 75.0


def test_it_has_no_share_before_anything_is_scored():
    assert readiness.summary({}).share is None


def test_it_names_the_weakest_items_lowest_first_and_leaves_out_full_scores():
    scores = {"ledelse": 4, "tid": 2, "moeder": 1, "it": 2, "teori": 3, "partnere": 4}

    weakest = readiness.weakest(scores)

    assert [item.key for item in weakest] == ["moeder", "tid", "it"]


def test_it_saves_scores_and_notes(lars, syd_target):
    unit_work.update_readiness(
        by=lars,
        target=syd_target,
        scores={"ledelse": 3, "tid": None},
        notes={"tid": "  Uafklaret "},
    )

    rows = {row.item: (row.score, row.note) for row in ReadinessItem.objects.all()}
    assert rows == {"ledelse": (3, ""), "tid": (None, "Uafklaret")}


def test_it_updates_a_saved_item(lars, syd_target):
    unit_work.update_readiness(by=lars, target=syd_target, scores={"ledelse": 1}, notes={})

    unit_work.update_readiness(by=lars, target=syd_target, scores={"ledelse": 4}, notes={})

    assert ReadinessItem.objects.get(item="ledelse").score == 4


def test_it_refuses_a_score_outside_1_to_4_in_danish(lars, syd_target):
    with pytest.raises(ValidationError, match="scoren skal være fra 1 til 4"):
        unit_work.update_readiness(by=lars, target=syd_target, scores={"ledelse": 5}, notes={})


def test_it_refuses_an_unknown_item(lars, syd_target):
    with pytest.raises(ValidationError, match="Ukendt punkt i foranalysen"):
        unit_work.update_readiness(by=lars, target=syd_target, scores={"andet": 2}, notes={})


def test_it_refuses_a_note_that_is_too_long(lars, syd_target):
    with pytest.raises(ValidationError, match="højst have"):
        unit_work.update_readiness(
            by=lars, target=syd_target, scores={}, notes={"it": "x" * (unit_work.MAX_TEXT + 1)}
        )


def test_it_saves_the_form_and_returns_to_the_unit(client_for, lars, syd_target):
    response = client_for(lars).post(
        url(syd_target, edit=True), {"score_ledelse": "2", "note_ledelse": "Ny leder"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/skalering/enhed/{syd_target.pk}/"
    assert ReadinessItem.objects.get(item="ledelse").score == 2


def test_it_shows_the_checklist_to_a_reader(client_for, mette, lars, syd_target):
    unit_work.update_readiness(by=lars, target=syd_target, scores={"ledelse": 2}, notes={})

    response = client_for(mette).get(url(syd_target))

    assert response.status_code == 200
    assert "Ledelsesopbakning" in response.content.decode()


def test_it_refuses_an_employee_the_edit_page(client_for, mette, syd_target):
    # covers ACL-04 (with the 404 below): read in the organisation, change only as its leader
    client = client_for(mette)

    assert client.get(url(syd_target, edit=True)).status_code == 403
    assert client.post(url(syd_target, edit=True), {"score_ledelse": "2"}).status_code == 403
    assert not ReadinessItem.objects.exists()


def test_it_answers_404_to_another_organisation(client_for, karin, syd_target):
    # covers ACL-04
    client = client_for(karin)

    assert client.get(url(syd_target)).status_code == 404
    assert client.post(url(syd_target, edit=True), {"score_ledelse": "2"}).status_code == 404
