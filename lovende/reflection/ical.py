"""A small iCalendar (RFC 5545) writer for a forum's meetings. Pure: no Django.

Times are written in UTC (``…Z``), so no VTIMEZONE block is needed; lines end in CRLF and are
folded at 75 octets; text values escape backslash, semicolon, comma and newlines.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    cancelled: bool = False


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def utc(moment: datetime.datetime) -> str:
    """An aware datetime as a UTC DATE-TIME, e.g. 20260302T080000Z."""
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be aware")
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    chunks, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = MAX_OCTETS if not chunks else MAX_OCTETS - 1  # continuation lines start with " "
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    chunks.append(current)
    return (CRLF + " ").join(chunks)


def _event_lines(event: Event, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    lines.append("STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(
    events: Sequence[Event], *, name: str, now: datetime.datetime, product: str = "Lovende"
) -> str:
    """The whole VCALENDAR text, CRLF line endings included."""
    stamp = utc(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape_text(product)}//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
