"""Per-user rate limits on the expensive calls: the API and the exports (SECURITY API-02).

Each signed-in user may make ``LOVENDE_RATE_LIMIT_API`` API calls and ``LOVENDE_RATE_LIMIT_EXPORTS``
exports (Excel, CSV, PDF, print, data packs) per minute; the next one gets 429 with a Danish
message and ``Retry-After``. Counts live in Django's cache, which is the database
(``DatabaseCache``), so every gunicorn worker and every server shares them (REL-05: nothing per
process). The window is the clock minute. The cache's increment is a read and a write, so two
requests racing in different processes can both pass on the limit's edge; a limit against
automation tolerates that. Logins are limited by django-axes (AUTH-03).
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

WINDOW = 60  # seconds
# URL names of the expensive downloads; every export view is called export_*.
EXPORT_NAMES = {"print_course", "generate_data_pack"}


def bucket(request: HttpRequest) -> str | None:
    """Which limit a request counts against, if any."""
    match = request.resolver_match
    if match is None:
        return None
    if match.namespace == "api":
        return "api"
    if match.url_name and (match.url_name.startswith("export_") or match.url_name in EXPORT_NAMES):
        return "export"
    return None


def limit_for(name: str) -> int:
    return {"api": settings.LOVENDE_RATE_LIMIT_API, "export": settings.LOVENDE_RATE_LIMIT_EXPORTS}[
        name
    ]


def count(name: str, user_id: int, now: float) -> int:
    """Add one to this user's count in the current window and return it."""
    key = f"ratelimit:{name}:{user_id}:{int(now // WINDOW)}"
    cache.add(key, 0, timeout=WINDOW * 2)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW * 2)
        return 1


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        name = bucket(request)
        if name is None or not request.user.is_authenticated:
            return None
        now = time.time()
        if count(name, request.user.pk, now) <= limit_for(name):
            return None
        return too_many(request, name, retry_after=WINDOW - int(now % WINDOW))


def too_many(request: HttpRequest, name: str, retry_after: int) -> HttpResponse:
    message = _("Du har lavet for mange forespørgsler på kort tid. Vent et øjeblik, og prøv igen.")
    if name == "api":
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "api/429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
