"""Reading a checked upload into a table of text cells. Pure, no Django.

Every cell becomes text, as the user typed it: validation (``validation.py``) decides what
the text means, so CSV and Excel files are judged by the same rules. Row numbers are the ones a
spreadsheet shows (the header is row 1), so an error can point at the right line.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from openpyxl import load_workbook

from lovende.imports.safety import RefusedFile


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)


def separator_of(first_line: str) -> str:
    """Danish Excel writes ``;`` (the comma is the decimal mark); others write ``,``."""
    return ";" if first_line.count(";") >= first_line.count(",") else ","


def read_csv(text: str, max_rows: int) -> Table:
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator_of(first_line))
    try:
        return _table(reader, max_rows)
    except csv.Error:
        raise RefusedFile("damaged") from None


def read_xlsx(stream: BinaryIO, max_rows: int) -> Table:
    """The first sheet, streamed (read_only), formulas as their cached values."""
    stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True, keep_links=False)
    except RefusedFile:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, XML errors, defusedxml's)
        raise RefusedFile("damaged") from None
    try:
        sheet = workbook.worksheets[0]
        rows = (
            tuple(cell_text(value) for value in row) for row in sheet.iter_rows(values_only=True)
        )
        return _table(rows, max_rows)
    except RefusedFile:
        raise
    except Exception:
        raise RefusedFile("damaged") from None
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


def _table(rows: Iterable[Iterable[str]], max_rows: int) -> Table:
    header: list[str] | None = None
    body: list[tuple[int, list[str]]] = []
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if header is None:
            if not any(cells):
                raise RefusedFile("no_header")
            header = cells
            continue
        if not any(cells):
            continue  # blank lines between or after the data
        if len(body) >= max_rows:
            raise RefusedFile("too_many_rows", limit=max_rows)
        body.append((number, cells))
    if header is None:
        raise RefusedFile("no_header")
    while header and not header[-1]:
        header.pop()  # Excel often keeps empty columns to the right
    if not body:
        raise RefusedFile("no_rows")
    return Table(header=header, rows=body)
