"""An import between upload and commit, kept in the session (never in memory, never as a file).

Only the parsed text cells are kept, not the uploaded file, and they are dropped when the import
is committed or cancelled. Validation runs in steps of ``LOVENDE_IMPORT_CHUNK_ROWS`` rows, one
step per request, so a long file shows progress and any server process can take the next step.
"""

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from lovende.imports.reading import Table

KEY = "lovende_import"


def start(session: SessionBase, table: Table) -> None:
    session[KEY] = {
        "header": table.header,
        "rows": table.rows,
        "done": 0,
        "parsed": [],
        "errors": [],
        "summary": None,
    }


def current(session: SessionBase) -> dict | None:
    return session.get(KEY)


def table_of(state: dict) -> Table:
    return Table(header=state["header"], rows=[(n, cells) for n, cells in state["rows"]])


def next_chunk(state: dict) -> list[tuple[int, list[str]]]:
    done = state["done"]
    return [
        (n, cells) for n, cells in state["rows"][done : done + settings.LOVENDE_IMPORT_CHUNK_ROWS]
    ]


def is_checked(state: dict) -> bool:
    return state["summary"] is not None


def percent(state: dict) -> int:
    total = len(state["rows"]) or 1
    return min(100, round(100 * state["done"] / total))


def save(session: SessionBase, state: dict) -> None:
    session[KEY] = state  # reassigning marks the session modified


def clear(session: SessionBase) -> None:
    session.pop(KEY, None)
