"""The demo's readiness analyses, mappings, tacit knowledge and fidelity checks per target unit."""

import datetime

from lovende.scaling.models import TargetUnit


def create_unit_work(targets: list[TargetUnit], today: datetime.date) -> None:
    """Readiness, mapping and fidelity for each target unit, as far as its stage has come."""
