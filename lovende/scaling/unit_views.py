"""A target unit's own work: readiness analysis, mapping against existing practice and tacit
knowledge, fidelity to the core elements, and its outcomes beside the pilot's."""

from django.http import HttpRequest

from lovende.scaling.models import TargetUnit


def target_context(request: HttpRequest, target: TargetUnit) -> dict:
    """What the target unit's page needs for ``scaling/_unit_work.html``."""
    return {}


def glance(targets: list[TargetUnit]) -> dict[int, dict]:
    """Per target unit id, its readiness, fidelity and outcome at a glance for the overview."""
    return {}
