"""Read a chart's series from a CSV file and check the options of `lovende chart`.

Pure: no Django. Every problem raises ChartInputError with a code and what it concerns (file,
row, column, option); improvement/messages.py turns it into a Danish message. Rows are counted
as a spreadsheet shows them: the header is row 1.
"""

import csv
import datetime
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from lovende.analytics.spc.charts import ChartOptions

CHART_TYPES = ("run", "i", "mr", "xbar", "s", "p", "pp", "u", "up", "c", "g", "t")
RATIO_TYPES = frozenset({"p", "pp", "u", "up"})
PROPORTION_TYPES = frozenset({"p", "pp"})
SUBGROUP_TYPES = frozenset({"xbar", "s"})
COUNT_TYPES = frozenset({"p", "pp", "u", "up", "c", "g"})  # y counts events: never negative
DENOMINATOR_TYPES = RATIO_TYPES | {"run"}
DIRECTIONS = ("up", "down")
YEAR_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
POINT_NUMBER = re.compile(r"[0-9]+")

Label = int | float | str


class ChartInputError(ValueError):
    def __init__(self, code: str, **context: object) -> None:
        super().__init__(code)
        self.code = code
        self.context = context


@dataclass(frozen=True)
class Series:
    x: list[Label]  # one label per point; for xbar and s the subgroup
    y: list[float | None]  # the values, or the numerators when there is an n
    n: list[float | None] | None = None  # denominators
    subgroups: list[list[float | None]] | None = None  # xbar and s: the measurements
    # x holds text that is neither a number nor a date (hospitals in a funnel plot): as in
    # qicharts2, the points have no order, so runs analysis never signals.
    categorical_x: bool = False

    def __len__(self) -> int:
        return len(self.x)


@dataclass(frozen=True)
class _Row:
    number: int  # as a spreadsheet counts: the header is row 1
    x: str | None
    y: float | None
    n: float | None


def check_chart_type(text: str | None) -> str:
    if not text:
        raise ChartInputError("missing_type", types=", ".join(CHART_TYPES))
    if text not in CHART_TYPES:
        raise ChartInputError("unknown_type", value=text, types=", ".join(CHART_TYPES))
    return text


def check_direction(text: str | None) -> str | None:
    if text is not None and text not in DIRECTIONS:
        raise ChartInputError("unknown_direction", value=text)
    return text


def read_series(path: Path, chart_type: str) -> Series:
    rows = _read_rows(path, chart_type)
    if not rows:
        raise ChartInputError("no_rows", path=str(path))
    if all(row.y is None for row in rows):
        raise ChartInputError("no_values")
    for row in rows:
        _check_row(row, chart_type)
    if chart_type in SUBGROUP_TYPES:
        return _subgroup_series(rows)
    labels = [
        _label(row.x) if row.x is not None else number for number, row in enumerate(rows, start=1)
    ]
    has_x = any(row.x is not None for row in rows)
    return Series(
        x=labels,
        y=[row.y for row in rows],
        n=[row.n for row in rows] if chart_type in DENOMINATOR_TYPES and _has_n(rows) else None,
        categorical_x=has_x and not all(_ordered(label) for label in labels),
    )


def chart_options(
    *,
    count: int,
    freeze: str | None = None,
    part: str | None = None,
    exclude: str | None = None,
    cl: str | None = None,
    multiply: str | None = None,
    screen: bool = True,
    categorical_x: bool = False,
) -> ChartOptions:
    """The command's option texts as ChartOptions, with every point number checked against count."""
    parts = _points("--part", part, last=count - 1)
    if list(parts) != sorted(set(parts)):
        raise ChartInputError("parts_not_increasing", value=part)
    factor = 1.0 if multiply is None else _option_number("--multiply", multiply)
    if factor <= 0:
        raise ChartInputError("multiply_not_positive", value=multiply)
    frozen = _points("--freeze", freeze, last=count)
    if len(frozen) > 1:
        raise ChartInputError("not_a_point", option="--freeze", value=freeze)
    return ChartOptions(
        freeze=frozen[0] if frozen else None,
        parts=parts,
        exclude=frozenset(_points("--exclude", exclude, last=count)),
        multiply=factor,
        screen_moving_ranges=screen,
        centre=None if cl is None else _option_number("--cl", cl),
        categorical_x=categorical_x,
    )


def _read_rows(path: Path, chart_type: str) -> list[_Row]:
    text = _read_text(path)
    header_line = text.partition("\n")[0]
    if not header_line.strip():
        raise ChartInputError("no_header", path=str(path))
    delimiter = ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = _columns(next(reader), chart_type)
    # Danish spreadsheets write 12,5 and separate columns with semicolons.
    decimal_comma = delimiter != ","
    rows = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        cells = {name: _cell(record, index) for name, index in columns.items()}
        number = reader.line_num
        rows.append(
            _Row(
                number=number,
                x=cells.get("x") or None,
                y=_number(cells["y"], number, "y", decimal_comma),
                n=_number(cells.get("n", ""), number, "n", decimal_comma),
            )
        )
    return rows


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # -sig: Excel's "CSV UTF-8" starts with a BOM
    except FileNotFoundError:
        raise ChartInputError("file_missing", path=str(path)) from None
    except UnicodeDecodeError:
        raise ChartInputError("file_not_utf8", path=str(path)) from None
    except OSError:
        raise ChartInputError("file_unreadable", path=str(path)) from None


def _columns(header: list[str], chart_type: str) -> dict[str, int]:
    names = [name.strip().lower() for name in header]
    for name in ("x", "y", "n"):
        if names.count(name) > 1:
            raise ChartInputError("duplicate_column", column=name)
    columns = {name: names.index(name) for name in ("x", "y", "n") if name in names}
    if "y" not in columns:
        raise ChartInputError("missing_y")
    if chart_type in RATIO_TYPES and "n" not in columns:
        raise ChartInputError("missing_n", chart=chart_type)
    if chart_type in SUBGROUP_TYPES and "x" not in columns:
        raise ChartInputError("missing_x", chart=chart_type)
    if chart_type not in DENOMINATOR_TYPES and "n" in columns:
        raise ChartInputError("n_not_used", chart=chart_type)
    return columns


def _cell(record: list[str], index: int) -> str:
    return record[index].strip() if index < len(record) else ""


def _number(text: str, row: int, column: str, decimal_comma: bool) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", ".") if decimal_comma else text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ChartInputError("not_a_number", row=row, column=column, value=text)
    return value


def _check_row(row: _Row, chart_type: str) -> None:
    if chart_type in SUBGROUP_TYPES and row.x is None:
        raise ChartInputError("empty_subgroup", row=row.number, chart=chart_type)
    if row.y is not None and row.y < 0 and chart_type in COUNT_TYPES:
        raise ChartInputError(
            "negative_count", row=row.number, value=_shown(row.y), chart=chart_type
        )
    if row.y is not None and row.y <= 0 and chart_type == "t":
        raise ChartInputError("time_not_positive", row=row.number, value=_shown(row.y))
    if row.n is None:
        return
    if row.n <= 0:
        raise ChartInputError("denominator_not_positive", row=row.number, value=_shown(row.n))
    if chart_type in PROPORTION_TYPES and row.y is not None and row.y > row.n:
        raise ChartInputError(
            "numerator_above_denominator", row=row.number, y=_shown(row.y), n=_shown(row.n)
        )


def _shown(value: float) -> str:
    return f"{value:g}"


def _has_n(rows: list[_Row]) -> bool:
    return any(row.n is not None for row in rows)


def _subgroup_series(rows: list[_Row]) -> Series:
    """One row per measurement; subgroups in the order they first appear."""
    groups: dict[str, list[float | None]] = {}
    for row in rows:
        groups.setdefault(row.x or "", []).append(row.y)
    labels = [_label(text) for text in groups]
    return Series(
        x=labels,
        y=[None] * len(labels),
        subgroups=list(groups.values()),
        categorical_x=not all(_ordered(label) for label in labels),
    )


def _label(text: str) -> Label:
    for kind in (int, float):
        try:
            value = kind(text)
        except ValueError:
            continue
        if math.isfinite(value):
            return value
    return text


def _ordered(label: Label) -> bool:
    """Numbers and dates have an order; other text (names of hospitals) does not."""
    if not isinstance(label, str) or YEAR_MONTH.fullmatch(label):
        return True
    try:
        datetime.datetime.fromisoformat(label)
    except ValueError:
        return False
    return True


def _points(option: str, text: str | None, *, last: int) -> tuple[int, ...]:
    """1-based point numbers from "3" or "3,7,12"; each must lie between 1 and last."""
    if text is None:
        return ()
    points = []
    for item in text.split(","):
        if not POINT_NUMBER.fullmatch(item.strip()):
            raise ChartInputError("not_a_point", option=option, value=item.strip() or text)
        point = int(item)
        if not 1 <= point <= last:
            raise ChartInputError("point_out_of_range", option=option, value=point, last=last)
        points.append(point)
    return tuple(points)


def _option_number(option: str, text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ChartInputError("option_not_a_number", option=option, value=text)
    return value
