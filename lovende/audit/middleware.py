import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lovende.audit.models import SecurityEvent
from lovende.audit.services import (
    AccessLogUnavailable,
    current_request,
    record_export,
    record_security_event,
)


class AccessLogMiddleware:
    """Gives every request an id for the access log, and turns a failed log write into a 503.

    It also records the security events a response shows (LOG-03): a refusal (403) and a file
    download by a signed-in user (an export, whichever view made it).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4().hex
        token = current_request.set(request)
        try:
            response = self.get_response(request)
            self._record_security_events(request, response)
        finally:
            current_request.reset(token)
        return response

    @staticmethod
    def _record_security_events(request: HttpRequest, response: HttpResponse) -> None:
        if response.status_code == 403 and not getattr(request, "security_event_recorded", False):
            record_security_event(
                event_type=SecurityEvent.EventType.PERMISSION_DENIED,
                request=request,
                extra_data={"path": request.path[:300], "method": request.method},
            )
        # A signed-in user's 404 on a route that exists: the permission getters answer 404 for
        # an object out of reach (ACL-02), the same as for one that does not exist, so both are
        # recorded; a run of them is someone trying ids.
        if response.status_code == 404 and _signed_in(request) and request.resolver_match:
            record_security_event(
                event_type=SecurityEvent.EventType.PERMISSION_DENIED,
                request=request,
                extra_data={"path": request.path[:300], "method": request.method, "status": 404},
            )
        attachment = response.get("Content-Disposition", "").startswith("attachment")
        if attachment and response.status_code == 200 and _signed_in(request):
            record_export(request=request, content_type=response.get("Content-Type", ""))

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, AccessLogUnavailable):
            return render(request, "audit/log_unavailable.html", status=503)
        return None


class NoStoreMiddleware:
    """Signed-in pages may carry personal data: browsers and proxies must not keep them (HDR-01)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)
