"""The demo's description of family treatment (two versions) and its promising-practice
assessments."""

import datetime

from lovende.demo.tree import Town


def create_description(town: Town, today: datetime.date) -> None:
    """Describe family treatment: theory of change, core and adaptable elements, assessments."""
