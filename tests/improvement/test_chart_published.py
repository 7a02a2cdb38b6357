"""`lovende chart` against the published cases (shared/refdata/spc/published-cases.json).

The same cases as tests/analytics/test_spc_published.py, compared with its helpers, but each
goes in as a CSV file and comes out as the command's JSON: what an analyst gets.
"""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from tests.analytics import test_spc_published as published

LOVENDE = Path(sys.executable).parent / "lovende"


def write_case_csv(case: dict, directory: Path) -> Path:
    """One row per point (per measurement for xbar and s); an empty cell is a missing value."""
    given = case["input"]
    if "subgroups" in given:
        header = ["x", "y"]
        rows = [[number, y] for number, g in enumerate(given["subgroups"], 1) for y in g]
    elif "numerators" in given:
        header = ["y", "n"]
        rows = list(zip(given["numerators"], given["denominators"], strict=True))
    else:
        header = ["y"]
        rows = [[y] for y in given["values"]]
    if "x_labels" in given:
        header = ["x", *header]
        rows = [[x, *row] for x, row in zip(given["x_labels"], rows, strict=True)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(
        [["" if v is None else repr(v) if isinstance(v, float) else v for v in row] for row in rows]
    )
    path = directory / f"{case['id']}.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def command_options(case: dict) -> list[str]:
    options = case["options"]
    args = ["--type", case["chart_type"]]
    for key in ("freeze", "multiply", "cl"):
        if key in options:
            args += [f"--{key}", str(options[key])]
    for key in ("part", "exclude"):
        if key in options:
            args += [f"--{key}", ",".join(map(str, options[key]))]
    if not options.get("screened_mr", True):
        args.append("--no-screen")
    # No option for a funnel plot: text labels in x make the axis categorical, as in qicharts2.
    assert options.get("categorical_x", False) == ("x_labels" in case["input"])
    return args


def run_chart_command(path: Path, args: list[str]) -> dict:
    out, err = io.StringIO(), io.StringIO()
    call_command("chart", str(path), *args, stdout=out, stderr=err)
    assert err.getvalue() == ""
    return json.loads(out.getvalue())


def as_chart_part(part: dict) -> SimpleNamespace:
    """The JSON part in the shape the analytics test's assert_runs reads."""
    runs = {key: part[key] for key in published.RUNS_KEYS}
    return SimpleNamespace(
        runs=SimpleNamespace(**runs, signal=part["runs_signal"]),
        **{key: part[key] for key in published.PART_KEYS},
    )


def mean_of(values: list) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def assert_summary(result: dict, expected: dict, case: dict) -> None:
    """qicharts2's summary() over the whole chart, from the JSON points."""
    points = result["points"]
    summary = SimpleNamespace(
        mean_lcl=mean_of([p["lcl"] for p in points]),
        mean_cl=mean_of([p["cl"] for p in points]),
        mean_ucl=mean_of([p["ucl"] for p in points]),
        n_sigma_signals=sum(p["sigma_signal"] for p in points),
    )
    for key, value in expected.items():
        got = getattr(summary, key)
        ok = published.close(got, value, case["tolerance"])
        assert ok, f"{key}: ours {got}, {case['source']}: {value}"


def assert_matches(result: dict, case: dict) -> None:
    expected = case["expected"]
    point_keys = {"y": "y", "centre": "cl", "lcl": "lcl", "ucl": "ucl"}
    for key, name in point_keys.items():
        if key in expected:
            got = [point[name] for point in result["points"]]
            published.assert_per_point(key, got, expected[key], case)
    if "sigma_signal_points" in expected:
        signals = [n for n, p in enumerate(result["points"], 1) if p["sigma_signal"]]
        assert signals == expected["sigma_signal_points"], case["source"]
    wanted_parts = expected.get("parts", [expected])
    assert len(result["parts"]) == len(wanted_parts), case["source"]
    for part, wanted in zip(result["parts"], wanted_parts, strict=True):
        if "points" in wanted:
            assert [part["first"], part["last"]] == wanted["points"], case["source"]
        published.assert_runs(as_chart_part(part), wanted, case)
    if "summary" in expected:
        assert_summary(result, expected["summary"], case)


@pytest.mark.parametrize("case", published.published_cases())
def test_it_matches_the_published_chart(case, tmp_path):
    path = write_case_csv(case, tmp_path)

    result = run_chart_command(path, command_options(case))

    assert result["chart"] == case["chart_type"]
    assert result["categorical_x"] == case["options"].get("categorical_x", False)
    assert_matches(result, case)


@pytest.mark.parametrize(
    "case_id", ["qic2_montgomery_ex7.1_p_exclude_part", "qic2_hai_funnel_categorical_BAC"]
)
def test_it_matches_the_published_chart_through_the_console_script(case_id, tmp_path):
    case = next(p.values[0] for p in published.published_cases() if p.id == case_id)
    path = write_case_csv(case, tmp_path)
    env = {**os.environ, "LOVENDE_MODE": "test"}

    done = subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
        [str(LOVENDE), "chart", str(path), *command_options(case)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert_matches(json.loads(done.stdout), case)
