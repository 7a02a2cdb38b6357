"""Measures of an initiative as time series, with their run and control charts."""

from django.http import HttpRequest

from lovende.improvement.models import Initiative


def measures_context(request: HttpRequest, initiative: Initiative) -> dict:
    """What the initiative page needs to show its measures (``_measures.html``)."""
    return {}
