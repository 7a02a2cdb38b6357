"""Log records as JSON lines with UTC timestamps, for shipping to syslog (SECURITY LOG-02, LOG-03).

Pure: no Django. A record's ``fields`` (passed as ``extra={"fields": {...}}``) become the line's
keys. ``json.dumps`` escapes newlines, and ``ensure_ascii`` also escapes the Unicode line
separators (U+2028, U+2029, NEL) that some readers split on, so one record is always one line:
a username like ``x\\nFAKE ENTRY`` cannot forge a second entry.
"""

import datetime
import json
import logging


def utc_timestamp(created: float) -> str:
    """A record's creation time as ISO 8601 in UTC, to the millisecond."""
    moment = datetime.datetime.fromtimestamp(created, tz=datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def json_line(record: logging.LogRecord) -> str:
    """One record as one line of JSON."""
    line = {
        "time": utc_timestamp(record.created),
        "level": record.levelname,
        "logger": record.name,
        "message": record.getMessage(),
    }
    fields = getattr(record, "fields", None)
    if isinstance(fields, dict):
        line.update(fields)
    return json.dumps(line, ensure_ascii=True, default=str, sort_keys=False)


class JsonLinesFormatter(logging.Formatter):
    """``logging`` formatter writing :func:`json_line` (configured in settings.LOGGING)."""

    def format(self, record: logging.LogRecord) -> str:
        return json_line(record)
