"""The absolute session lifetime (SECURITY SESS-01).

Idle sessions end by themselves: every request renews the 30-minute expiry
(``SESSION_COOKIE_AGE`` with ``SESSION_SAVE_EVERY_REQUEST``), so an idle session expires in the
database. A session that is kept busy ends here, ``LOVENDE_SESSION_MAX_AGE`` (12 hours) after the
login, and the login page says why.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT = "lovende_login_at"


@receiver(user_logged_in)
def remember_login_time(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = timezone.now().timestamp()


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            # A session from before this rule (or from force_login in tests) starts its clock now.
            login_at = request.session.setdefault(LOGIN_AT, now)
            if now - login_at > settings.LOVENDE_SESSION_MAX_AGE:
                logout(request)
                messages.info(
                    request,
                    _("Du er logget ud, fordi du har været logget ind i 12 timer. Log ind igen."),
                )
        return self.get_response(request)
