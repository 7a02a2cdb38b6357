"""Login through the municipality's IdP and the TOTP pages (SECURITY AUTH-01, AUTH-02)."""

import base64
import logging

import requests
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from lovende.accounts import services
from lovende.accounts.backends import OidcRejected
from lovende.accounts.forms import TotpCodeForm
from lovende.accounts.middleware import two_factor_idp_login

logger = logging.getLogger(__name__)

PENDING_TOTP_KEY = "lovende_totp_pending_key"


class MunicipalCallbackView(OIDCAuthenticationCallbackView):
    """The library's callback, with every refusal a Danish message on the login page and a
    provider that does not answer in time a 503 page."""

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, _("Log ind med kommunens login mislykkedes. Prøv igen."))
        return redirect("login")

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except OidcRejected as exc:
            logger.warning("OIDC login refused: %s", exc)
            messages.error(request, exc.message)
        except SuspiciousOperation:
            # The state is not one this browser started: forged, replayed or from another tab.
            logger.warning("OIDC callback with an unknown state")
            messages.error(
                request,
                _("Log ind med kommunens login blev afvist: login-forsøget er ukendt eller brugt."),
            )
        except (requests.Timeout, requests.ConnectionError):
            logger.warning("OIDC provider did not answer within %s s", settings.OIDC_TIMEOUT)
            return render(request, "accounts/oidc_unavailable.html", status=503)
        except requests.RequestException as exc:
            logger.warning("OIDC provider refused the code: %s", type(exc).__name__)
            messages.error(request, _("Log ind med kommunens login mislykkedes. Prøv igen."))
        return redirect("login")


def oidc_login(request: HttpRequest) -> HttpResponse:
    if not settings.LOVENDE_OIDC_ENABLED or request.method != "GET":
        return redirect("login")
    return OIDCAuthenticationRequestView.as_view()(request)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not settings.LOVENDE_OIDC_ENABLED or request.method != "GET":
        return redirect("login")
    return MunicipalCallbackView.as_view()(request)


def next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return settings.LOGIN_REDIRECT_URL


def qr_svg(device: TOTPDevice) -> str:
    # Inline SVG markup: no script and no data: URI, so the CSP needs nothing extra.
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4))  # noqa: S308


@login_required
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code, type a code: the new device replaces any old one. The secret waits in
    the session until then, so opening the page writes nothing. Replacing a device needs this
    session to be verified with it (or an IdP login): a password alone cannot take over an
    account's second factor."""
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if has_device and not (request.user.is_verified() or two_factor_idp_login(request)):
        return redirect("accounts:totp_verify")
    key = request.session.setdefault(PENDING_TOTP_KEY, services.new_totp_key())
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        matched = services.matching_totp(key, form.cleaned_data["code"])
        if matched is not None:
            device = services.add_totp_device(request.user, key, matched)
            del request.session[PENDING_TOTP_KEY]
            otp_login(request, device)
            messages.success(request, _("To-trins-login er slået til."))
            return redirect(next_url(request))
        form.add_error("code", _("Koden passer ikke. Prøv igen med den nyeste kode fra appen."))
    device = TOTPDevice(user=request.user, key=key, name="Lovende")  # not saved: for the QR code
    context = {
        "form": form,
        "qr": qr_svg(device),
        "secret": base64.b32encode(device.bin_key).decode(),
        "has_device": has_device,
        "next": next_url(request),
    }
    return render(request, "accounts/totp_setup.html", context)


@login_required
def totp_verify(request: HttpRequest) -> HttpResponse:
    """The once-per-session code."""
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:totp_setup")
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url(request))
        form.add_error("code", _("Koden passer ikke. Prøv igen med den nyeste kode fra appen."))
    return render(request, "accounts/totp_verify.html", {"form": form, "next": next_url(request)})
