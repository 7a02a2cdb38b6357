"""Deny by default: every route is public on purpose or demands a login (SECURITY ACL-01)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Routes anyone may reach. Everything else must send an anonymous visitor to the login page.
PUBLIC_URLS = {"login", "logout", "healthz", "set_language"}
# The Django admin has its own login; it is for the system administrator only.
OWN_LOGIN_NAMESPACES = {"admin"}


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


APP_ROUTES = sorted(
    (name, path)
    for name, path in routes()
    if name.split(":")[0] not in OWN_LOGIN_NAMESPACES and name not in PUBLIC_URLS
)


def test_it_has_routes_to_check():
    assert len(APP_ROUTES) > 20


@pytest.mark.parametrize(("name", "path"), APP_ROUTES)
def test_it_sends_anonymous_visitors_to_login(client, name, path):
    get = client.get(path)
    post = client.post(path)

    assert get.status_code in (302, 405), name
    assert post.status_code == 302, name
    assert post["Location"].startswith("/accounts/login/"), name
