"""The demo's unit work: readiness for every unit, mapping past exploration, fidelity rising."""

import datetime

import pytest

from lovende.demo.unit_work import create_unit_work
from lovende.scaling import fidelity
from lovende.scaling.models import Element, FidelityCheck, PracticeMapping, ReadinessItem

pytestmark = pytest.mark.django_db

DEMO_KEYS = ("ors-srs", "egne-maal", "hjemmebesoeg", "refleksion", "tvaerfagligt")


@pytest.fixture
def demo_targets(scaling_plan, tree, vest, lars, description):
    description.elements.filter(kind=Element.Kind.CORE).delete()
    for order, key in enumerate(DEMO_KEYS):
        description.elements.create(key=key, kind=Element.Kind.CORE, name=key, order=order)
    stages = {tree.syd: "udforskning", vest: "installation", tree.root: "indledende"}
    return [
        scaling_plan.targets.create(unit=unit, owner=lars, stage=stage)
        for unit, stage in stages.items()
    ]


def test_it_gives_each_unit_work_as_far_as_its_stage_has_come(demo_targets):
    create_unit_work(demo_targets, datetime.date(2026, 3, 1))

    exploring, installing, initial = demo_targets
    assert ReadinessItem.objects.filter(target=exploring).count() == 10
    assert not PracticeMapping.objects.filter(target=exploring).exists()
    assert PracticeMapping.objects.filter(target=installing).count() == 5
    assert installing.tacit_knowledge
    assert not FidelityCheck.objects.filter(target=installing).exists()
    checks = FidelityCheck.objects.filter(target=initial).order_by("checked_on")
    shares = [fidelity.share(c.answers.values_list("level", flat=True)) for c in checks]
    assert shares == [50.0, 80.0]


def test_it_leaves_mapping_and_fidelity_out_without_core_elements(scaling_plan, tree, lars):
    target = scaling_plan.targets.create(unit=tree.syd, owner=lars, stage="indledende")

    create_unit_work([target], datetime.date(2026, 3, 1))

    assert ReadinessItem.objects.filter(target=target).count() == 10
    assert not FidelityCheck.objects.exists()
