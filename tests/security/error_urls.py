"""A test-only URLconf: views that fail, beside Lovende's own routes (REL-05)."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def boom(request):
    raise RuntimeError("SELECT password FROM organisation_user; SECRET_KEY=do-not-show")


def forbidden(request):
    raise PermissionDenied("internal reason: SELECT secret")


urlpatterns = [
    path("test-fejl/500/", boom),
    path("test-fejl/403/", forbidden),
    path("", include("lovende.urls")),
]
