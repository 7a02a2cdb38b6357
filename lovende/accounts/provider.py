"""Calls to the identity provider under one deadline (SECURITY AUTH-01, REL-05).

``requests``' timeout bounds each connect and each read, not the whole answer: a provider that
trickles a byte now and then could hold a login (and a worker) for ever. Here the whole login's
calls share one deadline, and an answer larger than any token or key set is refused.
"""

import json
import time

import requests

MAX_BYTES = 256 * 1024


def deadline_in(seconds: float) -> float:
    return time.monotonic() + seconds


def fetch_json(method: str, url: str, *, deadline: float, **kwargs) -> tuple[int, dict]:
    """(status, JSON body) of one call; ``requests.Timeout`` once ``deadline`` has passed."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise requests.Timeout("identity provider deadline passed")
    with requests.request(method, url, timeout=remaining, stream=True, **kwargs) as response:
        body = bytearray()
        # read1 returns what has arrived; iter_content would wait for a full chunk first.
        while chunk := response.raw.read1(4096, decode_content=True):
            body += chunk
            if time.monotonic() > deadline:
                raise requests.Timeout("identity provider deadline passed")
            if len(body) > MAX_BYTES:
                raise requests.RequestException("identity provider answer too large")
        try:
            return response.status_code, json.loads(body or b"null") or {}
        except ValueError as exc:
            raise requests.RequestException("identity provider answer is not JSON") from exc
