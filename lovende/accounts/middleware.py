"""Checks on every signed-in request (SECURITY SESS-01, AUTH-02).

- A request with the cookie of a session that has ended (idle timeout, ended by an administrator)
  gets a message on the login page.
- A user whose last role was removed after login is signed out on the next request (a user who
  never had a role, such as a new IdP user waiting for one, keeps a session that shows nothing).
- With ``LOVENDE_REQUIRE_TOTP``, a local account with citizen access is sent to TOTP setup until
  it has a confirmed device, and must enter a code once per session. Logins through the IdP are
  exempt when at NSIS "betydelig" or above: that already means two factors.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from mozilla_django_oidc.middleware import SessionRefresh

from lovende.accounts import assurance
from lovende.organisation import permissions

HAD_ROLE = "lovende_had_role"
# The NSIS level of an IdP login, set by the OIDC backend.
NSIS_LEVEL = "lovende_nsis_level"
OIDC_BACKEND = "lovende.accounts.backends.MunicipalOIDCBackend"
# Pages a user who still owes a TOTP code may open.
TOTP_EXEMPT = ("accounts:totp_setup", "accounts:totp_verify", "logout", "set_language")


@receiver(user_logged_in)
def remember_roles_at_login(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[HAD_ROLE] = permissions.roles_of(user).exists()


class AccountGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            response = end_if_role_lost(request) or require_totp(request)
            if response is not None:
                return response
        elif session_gone(request):
            # Idle for 30 minutes, ended by an administrator or by a lost role: say so once
            # (the stale cookie is dropped with this response).
            messages.info(request, _("Din session er udløbet, så du er logget ud. Log ind igen."))
        return self.get_response(request)


def session_gone(request: HttpRequest) -> bool:
    """The browser sent a session cookie whose session no longer exists (looking the user up
    loaded it, and a missing session clears its key)."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and request.session.session_key is None
        and not request.path.startswith("/" + settings.STATIC_URL.lstrip("/"))
    )


def end_if_role_lost(request: HttpRequest) -> HttpResponse | None:
    has_role = permissions.roles_of(request.user).exists()
    if request.session.setdefault(HAD_ROLE, has_role) and not has_role:
        logout(request)
        messages.info(request, _("Du er logget ud, fordi du ikke længere har en rolle i Lovende."))
        return redirect("login")
    return None


def two_factor_idp_login(request: HttpRequest) -> bool:
    """Signed in through the IdP at NSIS "betydelig" or above (two factors)."""
    return request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND and assurance.meets(
        request.session.get(NSIS_LEVEL), "betydelig"
    )


def require_totp(request: HttpRequest) -> HttpResponse | None:
    if (
        not settings.LOVENDE_REQUIRE_TOTP
        or two_factor_idp_login(request)
        or request.user.is_verified()
        or request.path.startswith("/" + settings.STATIC_URL.lstrip("/"))
        or request.path in {reverse(name) for name in TOTP_EXEMPT}
        or not any(role.citizen_access for role in permissions.roles_of(request.user))
    ):
        return None
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    target = reverse("accounts:totp_verify" if has_device else "accounts:totp_setup")
    if request.headers.get("HX-Request") == "true":
        # An htmx fragment request: send the whole page there, not the form into the fragment.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class OidcSessionRefresh(SessionRefresh):
    """mozilla-django-oidc's SessionRefresh (SESS-01: an IdP session that ended ends ours at the
    next refresh), exempting our own login routes: the library reverses its default route names,
    which Lovende does not use."""

    @cached_property
    def exempt_urls(self) -> set[str]:
        names = [*settings.OIDC_EXEMPT_URLS, "accounts:oidc_login", "accounts:oidc_callback"]
        return {name if name.startswith("/") else reverse(name) for name in names}
