"""The suite-wide log guard (tests/log_capture.py) really catches what it must (LOG-03)."""

import logging
import uuid

from tests.log_capture import LogGuard


def emitted(guard: LogGuard, message: str, *args: object, **fields: object) -> list[str]:
    logger = logging.getLogger("tests.log_capture_probe")
    logger.propagate = False
    logger.addHandler(guard.handler)
    try:
        logger.warning(message, *args, extra={"fields": fields} if fields else None)
    finally:
        logger.removeHandler(guard.handler)
    return guard.leaks(guard.handler.texts)


def test_it_catches_a_cpr_number_in_a_message_or_its_fields():
    # covers LOG-03
    assert emitted(LogGuard(), "søgning efter %s", "010315-4234")
    assert emitted(LogGuard(), "access", criterion="0103154234")


def test_it_catches_a_demo_citizen_name():
    # covers LOG-03
    assert emitted(LogGuard(), "vist: Freja Birkemose")
    assert emitted(LogGuard(), "vist", citizen="Astrid Holmgaard")


def test_it_catches_a_session_key():
    # covers LOG-03
    guard = LogGuard()
    guard.session_keys.add("k" * 32)

    assert emitted(guard, "cookie=%s", "k" * 32)


def test_it_lets_ids_masked_cpr_and_request_ids_pass():
    # covers LOG-03: no false alarms on what the logs are meant to hold
    guard = LogGuard()
    request_ids = [uuid.uuid4().hex for _ in range(2000)]

    assert not emitted(guard, "access", citizen_id=12, criterion="cpr=010315-****", page="/x/1/")
    assert not emitted(guard, "ids %s", " ".join(request_ids))
