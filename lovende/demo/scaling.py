"""The demo's scaling of family treatment from its pilot unit to three units at different stages."""

import datetime

from lovende.demo.tree import Town
from lovende.demo.unit_work import create_unit_work


def create_scaling(town: Town, today: datetime.date) -> None:
    """A scaling plan, its target units, their stages, adaptations and ideas."""
    create_unit_work([], today)
