"""Scaling fixtures."""

# Scaling plans, target units and adaptations (plan_fixtures.py)
from tests.scaling.plan_fixtures import *  # noqa: E402, F403 - the plan fixtures
