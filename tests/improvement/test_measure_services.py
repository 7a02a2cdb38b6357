"""Creating, changing and deleting an initiative's measures: the rules hold for every caller."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lovende.improvement import measures
from lovende.improvement.models import Measure, MeasureValue
from lovende.instruments import services as instrument_services
from tests.improvement.conftest import in_days, make_initiative

D = datetime.date


def errors_of(error: ValidationError) -> dict[str, list[str]]:
    return error.value.message_dict


def create(by, initiative, **fields):
    values = {"name": "Andel med ORS", "kind": "proces", **fields}
    return measures.create_measure(by=by, initiative=initiative, **values)


def test_it_creates_a_manual_run_chart_by_default(lars, initiative):
    measure = create(lars, initiative, name="  Ventetid  ")

    assert (measure.name, measure.source, measure.chart_type) == ("Ventetid", "manuel", "run")
    assert measure.created_by == lars


def test_a_derived_measure_needs_an_instrument(lars, initiative):
    with pytest.raises(ValidationError) as error:
        create(lars, initiative, source="gennemsnit")

    assert errors_of(error)["instrument"] == [
        "Vælg det måleredskab, målingen skal beregnes ud fra."
    ]


def test_a_derived_measure_needs_an_instrument_the_intervention_uses(lars, initiative, tree):
    unused = instrument_services.install_builtin(organisation=tree.organisation, code="srs")

    with pytest.raises(ValidationError) as error:
        create(lars, initiative, source="maalt_andel", instrument=unused)

    assert errors_of(error)["instrument"][0].startswith("Indsatsen Familiebehandling bruger ikke")


def test_a_derived_mean_cannot_be_drawn_on_a_p_chart(lars, initiative, ors):
    with pytest.raises(ValidationError) as error:
        create(lars, initiative, source="gennemsnit", instrument=ors, chart_type="p")

    assert "passer ikke til datakilden" in errors_of(error)["chart_type"][0]


def test_a_manual_measure_drops_an_instrument(lars, initiative, ors):
    measure = create(lars, initiative, instrument=ors)

    assert measure.instrument is None


@pytest.mark.parametrize("multiply", [0, -1, float("inf")])
def test_it_multiplies_by_a_positive_number(lars, initiative, multiply):
    with pytest.raises(ValidationError) as error:
        create(lars, initiative, multiply=multiply)

    assert "multiply" in errors_of(error)


def test_it_keeps_dates_within_reason(lars, initiative):
    with pytest.raises(ValidationError) as error:
        create(lars, initiative, baseline_end=D(1999, 12, 31), phase_starts=[in_days(400)])

    assert set(errors_of(error)) == {"baseline_end", "phase_starts"}


def test_it_takes_either_a_frozen_baseline_or_phases(lars, initiative):
    with pytest.raises(ValidationError) as error:
        create(lars, initiative, baseline_end=D(2026, 1, 31), phase_starts=[D(2026, 3, 1)])

    assert errors_of(error)["baseline_end"][0].startswith("Vælg enten en fastfrosset basislinje")


def test_it_stores_phases_as_sorted_iso_dates(lars, initiative):
    measure = create(lars, initiative, phase_starts=[D(2026, 3, 1), D(2025, 9, 1)])

    measure.refresh_from_db()
    assert measure.phase_starts == ["2025-09-01", "2026-03-01"]


def test_it_refuses_a_chart_type_that_the_saved_values_do_not_fit(lars, initiative):
    measure = create(lars, initiative)
    measures.add_value(by=lars, measure=measure, period=D(2026, 1, 1), value=4)

    with pytest.raises(ValidationError) as error:
        measures.update_measure(by=lars, measure=measure, chart_type="p")

    assert errors_of(error)["chart_type"][0].startswith(
        "1 af de indtastede værdier passer ikke til et P-kort (andele)"
    )
    measure.refresh_from_db()
    assert measure.chart_type == "run"


def test_it_updates_only_the_fields_given(lars, initiative):
    measure = create(lars, initiative)

    measures.update_measure(by=lars, measure=measure, name="Ny", direction="op")

    measure.refresh_from_db()
    assert (measure.name, measure.direction, measure.kind) == ("Ny", "op", "proces")


def test_it_refuses_a_measure_in_another_organisation(karin, lars, intervention):
    initiative = make_initiative(lars, intervention)

    with pytest.raises(ValidationError):
        create(karin, initiative)


def test_deleting_a_measure_deletes_its_values(lars, initiative):
    measure = create(lars, initiative)
    measures.add_value(by=lars, measure=measure, period=D(2026, 1, 1), value=4)

    measures.delete_measure(by=lars, measure=measure)

    assert not Measure.objects.exists()
    assert not MeasureValue.objects.exists()
