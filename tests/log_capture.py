"""A capturing log handler for the whole suite: no CPR, citizen name or session key in any
application log record (SECURITY LOG-03). Loaded from tests/conftest.py.

Every record any logger emits during the run (the root logger's and those that do not propagate,
such as `lovende.audit` and `lovende.security`) is kept as text: the message, the structured
``fields`` shipped as JSON lines, and any traceback. Each test fails if a record it caused
matches; at the end of the run every record is checked again against every session key the run
created, and the counts are printed.
"""

import json
import logging
import re
from collections.abc import Iterator

import pytest
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save

from lovende.demo.names import SURNAMES

# DDMMYY-NNNN or DDMMYYNNNN with a real day and month. Hex neighbours are excluded because a
# request id (uuid4 hex) may hold ten digits in a row by chance.
CPR = re.compile(
    r"(?<![0-9A-Fa-f])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?![0-9A-Fa-f])"
)
# The demo's citizen surnames are invented compounds, so any of them in a log is a citizen's
# (or a demo employee's) name; the test fixtures' citizens are named in full.
FIXTURE_CITIZENS = ("Freja Mikkelsen", "Oskar Thygesen", "Anna Jensen", "Astrid Holmgaard")
NAMES = re.compile(r"\b(?:" + "|".join(map(re.escape, SURNAMES + FIXTURE_CITIZENS)) + r")\b")


class CapturingHandler(logging.Handler):
    """Keeps every record as the text a log shipper would see."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        parts = [record.name, record.getMessage()]
        fields = getattr(record, "fields", None)
        if fields is not None:
            parts.append(json.dumps(fields, default=str, ensure_ascii=False))
        if record.exc_info:
            parts.append(logging.Formatter().formatException(record.exc_info))
        self.texts.append(" ".join(parts))


class LogGuard:
    def __init__(self) -> None:
        self.handler = CapturingHandler()
        self.session_keys: set[str] = set()

    def leaks(self, texts: list[str]) -> list[str]:
        found = []
        for text in texts:
            if CPR.search(text) or NAMES.search(text):
                found.append(text[:300])
            elif any(key in text for key in self.session_keys):
                found.append("session key in: " + text.split(" ", 1)[0])
        return found

    def remember_session(self, sender: type, instance: Session, **kwargs: object) -> None:
        self.session_keys.add(instance.session_key)


def _loggers_to_watch() -> list[logging.Logger]:
    """The root logger, and every logger whose records would not reach it."""
    watched = [logging.getLogger()]
    for name in ("lovende.audit", "lovende.security", *logging.Logger.manager.loggerDict):
        logger = logging.getLogger(name)
        if not logger.propagate and logger not in watched:
            watched.append(logger)
    return watched


@pytest.fixture(scope="session", autouse=True)
def log_guard() -> Iterator[LogGuard]:
    # covers LOG-03: the whole suite runs under this handler
    guard = LogGuard()
    loggers = _loggers_to_watch()
    levels = {logger: logger.level for logger in loggers}
    for logger in loggers:
        logger.addHandler(guard.handler)
    # Production logs WARNING and up by default (LOG_LEVEL); the guard checks from INFO, as a
    # municipality that sets LOG_LEVEL=INFO would ship. DEBUG (SQL with parameters) stays off.
    logging.getLogger().setLevel(logging.INFO)
    post_save.connect(guard.remember_session, sender=Session, dispatch_uid="log_guard")
    yield guard
    post_save.disconnect(sender=Session, dispatch_uid="log_guard")
    for logger in loggers:
        logger.removeHandler(guard.handler)
        logger.setLevel(levels[logger])
    leaks = guard.leaks(guard.handler.texts)
    print(
        f"\nLOG-03: {len(guard.handler.texts)} application log records captured, "
        f"{len(guard.session_keys)} session keys watched, {len(leaks)} with CPR, name or session key"
    )
    if leaks:
        pytest.fail("Sensitive data in application logs:\n" + "\n".join(leaks[:20]))


@pytest.fixture(autouse=True)
def no_sensitive_log_records(log_guard: LogGuard) -> Iterator[None]:
    """Fail the test whose own log records carry a CPR number, a citizen name or a session key."""
    start = len(log_guard.handler.texts)
    yield
    leaks = log_guard.leaks(log_guard.handler.texts[start:])
    if leaks:
        pytest.fail("Sensitive data in application logs:\n" + "\n".join(leaks[:5]))
