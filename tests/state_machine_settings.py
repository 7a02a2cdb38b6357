"""The Hypothesis settings of the suite's state machines (REL-01), kept in one place.

25 runs of up to 12 steps each. No deadline and no health checks: every step writes through the
real services to the database, whose speed varies from run to run and engine to engine.
"""

from hypothesis import HealthCheck, settings

STATE_MACHINE = settings(
    max_examples=25,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
