"""The client's address behind a known number of reverse proxies (AUTH-03, LOG-01).

X-Forwarded-For is written by whoever sends the request, so only the entries appended by our
own proxies can be trusted: with N trusted proxies, the client is the N-th address from the
right. Anything left of it may be forged and is ignored; a malformed entry counts as no address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    trusted = settings.LOVENDE_TRUSTED_PROXIES
    if trusted:
        hops = [
            hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()
        ]
        if len(hops) >= trusted:
            return _valid(hops[-trusted])
    return _valid(request.META.get("REMOTE_ADDR", ""))
