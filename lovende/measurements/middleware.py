from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from lovende.measurements.views import LOCK_KEY

ALWAYS_OPEN = ("/static/", "/accounts/logout/", "/i18n/")


class SelfReportLockMiddleware:
    """While a citizen holds the tablet, every other page leads back to the lock (no data shown)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        allowed = request.session.get(LOCK_KEY) if hasattr(request, "session") else None
        if (
            allowed
            and request.path not in (allowed, reverse("measurements:locked"))
            and not request.path.startswith(ALWAYS_OPEN)
        ):
            return redirect("measurements:locked")
        return self.get_response(request)
