"""The JSON API (django-ninja, OpenAPI at /api/v1/openapi.json for logged-in users).

Session login as on the pages: the same users, the same permission layer, the same figures. An
anonymous call gets 401; anything out of the user's reach 404, as on the pages (ACL-04).
"""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
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
