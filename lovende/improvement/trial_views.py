"""Trial actions (PDSA cycles) on an initiative."""

from django.http import HttpRequest

from lovende.improvement.models import Initiative


def trials_context(request: HttpRequest, initiative: Initiative) -> dict:
    """What the initiative page needs to show its trials (``_trials.html``)."""
    return {}
