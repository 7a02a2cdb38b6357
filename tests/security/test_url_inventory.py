"""Deny by default: every route is public on purpose or demands a login (SECURITY ACL-01)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.matrix_client import checked_routes
from tests.security.permission_matrix import (
    OWN_LOGIN_NAMESPACES,
    PERMISSION_MATRIX,
    PUBLIC_URLS,
)

pytestmark = pytest.mark.django_db


def routes(resolver: URLResolver = None, prefix: str = "", namespace: str = ""):
    """(full name, path with sample arguments) for every named route."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            yield from routes(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            path = (prefix + str(pattern.pattern)).replace("<int:", "<")
            for converter in pattern.pattern.converters:
                path = path.replace(f"<{converter}>", "1")
            yield name, "/" + path.lstrip("^").rstrip("$")


# The JSON API's endpoints answer an anonymous call with 401 (its description and docs are
# pages behind the login like the rest; its root has no handler and answers 404).
API_NAMESPACE = "api"
API_PAGES = {"api:openapi-json", "api:openapi-view"}
ALL_ROUTES = sorted(
    (name, path)
    for name, path in routes()
    if name.split(":")[0] not in OWN_LOGIN_NAMESPACES and name not in PUBLIC_URLS
)
API_ROUTES = [
    (n, p) for n, p in ALL_ROUTES if n.split(":")[0] == API_NAMESPACE and n not in API_PAGES
]
APP_ROUTES = [route for route in ALL_ROUTES if route not in API_ROUTES]


def test_it_has_routes_to_check():
    assert len(APP_ROUTES) > 20


@pytest.mark.parametrize(("name", "path"), APP_ROUTES)
def test_it_sends_anonymous_visitors_to_login(client, name, path):
    get = client.get(path)
    post = client.post(path)

    assert get.status_code in (302, 405), name
    assert post.status_code == 302, name
    assert post["Location"].startswith("/accounts/login/"), name


@pytest.mark.parametrize(("name", "path"), API_ROUTES)
def test_it_answers_anonymous_api_calls_with_401(client, name, path):
    # covers ACL-01 for the JSON API
    root = name == "api:api-root"  # no handler: nothing to protect
    assert client.get(path).status_code == (404 if root else 401), name
    assert client.post(path).status_code in ((404,) if root else (401, 405)), name
    assert len(API_ROUTES) >= 2


def test_every_route_is_public_on_purpose_or_in_the_permission_matrix():
    # covers ACL-01: deny by default; a new route fails the build until someone decides who may
    # use it (Zulip's "URL coverage" test). The walk includes the django-ninja API's routes.
    names = [name for name, _ in checked_routes()]
    unlisted = sorted(set(names) - PUBLIC_URLS - set(PERMISSION_MATRIX))
    print(
        f"\n{len(names)} named routes (Django admin excluded): {len(PUBLIC_URLS & set(names))} "
        f"public, {len(set(names) & set(PERMISSION_MATRIX))} in the permission matrix, "
        f"{len(unlisted)} unlisted"
    )

    assert unlisted == [], (
        "Routes with no entry in tests/security/permission_matrix.py: "
        + ", ".join(unlisted)
        + ". Add each to PERMISSION_MATRIX with the object it addresses and the rule for GET "
        "and POST (or to PUBLIC_URLS if anyone, signed in or not, may use it), so the matrix "
        "test checks who gets in (SECURITY ACL-01, ACL-02)."
    )


def test_the_matrix_lists_no_route_that_is_gone():
    # covers ACL-01: a stale row would hide that its route's replacement is unlisted
    names = {name for name, _ in checked_routes()}

    assert sorted(set(PERMISSION_MATRIX) - names) == []


def test_the_api_routes_are_walked_too():
    # covers ACL-01: django-ninja's routes are URL patterns under the "api" namespace
    names = {name for name, _ in checked_routes()}

    assert {"api:intervention_overview", "api:organisation_overview"} <= names
