"""The JSON API (django-ninja, OpenAPI at /api/v1/openapi.json for logged-in users).

Session login as on the pages: the same users, the same permission layer, the same figures. An
anonymous call gets 401; anything out of the user's reach 404, as on the pages (ACL-04).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from lovende.api import dashboards

api = NinjaAPI(
    title="Lovende",
    version="1",
    description="Samlede tal uden navne: overblik på indsats- og organisationsniveau.",
    urls_namespace="api",
    auth=django_auth,
    docs_decorator=login_required,
)
api.add_router("/overblik/", dashboards.router)


# Refusals in Danish like the pages, and with the same answer for "not there" and "not yours".
@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Findes ikke.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("Din rolle giver ikke adgang.")}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Log ind først.")}, status=401)
