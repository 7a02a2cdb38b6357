"""The pure decision rule: who decides a local adaptation, and how a stage moves."""

import pytest

from lovende.scaling import rules
from lovende.scaling.models import Adaptation, Element, TargetUnit

STAGES = list(TargetUnit.Stage.values)


def test_it_lets_the_unit_decide_within_an_adaptable_element():
    touched = rules.touches_core(Element.Kind.ADAPTABLE)

    assert touched is False
    assert rules.decider(touches_core=touched) == "enheden"


def test_it_sends_a_change_to_a_core_element_to_the_quality_team():
    touched = rules.touches_core(Element.Kind.CORE)

    assert touched is True
    assert rules.decider(touches_core=touched) == "kvalitetsteamet"


def test_it_sends_an_adaptable_change_that_also_touches_the_core_to_the_quality_team():
    touched = rules.touches_core(Element.Kind.ADAPTABLE, also_core=True)

    assert rules.decider(touches_core=touched) == "kvalitetsteamet"


def test_it_knows_the_models_core_kind():
    assert rules.CORE_KIND == Element.Kind.CORE
    assert Adaptation.Status.WITH_QUALITY_TEAM.label == "Sendt til kvalitetsteamet"


@pytest.mark.parametrize(
    ("current", "new", "step"),
    [
        ("udforskning", "installation", "frem"),
        ("installation", "udforskning", "tilbage"),
        ("udforskning", "indledende", "spring"),
        ("indledende", "indledende", "samme"),
        ("fuld", "udforskning", "tilbage"),
    ],
)
def test_it_classifies_a_stage_move(current, new, step):
    assert rules.stage_step(STAGES, current, new) == step


def test_it_names_the_stages_a_skip_jumps_over():
    assert rules.skipped(STAGES, "udforskning", "fuld") == ["installation", "indledende"]
    assert rules.skipped(STAGES, "installation", "udforskning") == []


def test_it_keeps_the_rules_free_of_django():
    from tests.security.test_static_rules import PACKAGE, imported_modules

    imports = imported_modules(PACKAGE / "scaling" / "rules.py")

    assert not [name for name in imports if name.split(".")[0] in ("django", "lovende")]
