"""`lovende chart` on files an analyst writes: separators, subgroups, directions, bad input."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

LOVENDE = Path(sys.executable).parent / "lovende"
SHIFT = "y\n" + "\n".join(["5", "6", "5", "6", "5", "6", "5", "6"] + ["9"] * 9) + "\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return path


def chart(path: Path, *args: str) -> dict:
    out = io.StringIO()
    call_command("chart", str(path), *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_it_reads_danish_spreadsheet_csv_with_semicolons_and_decimal_commas(tmp_path):
    path = write(tmp_path, "\ufeffx;y\n2024-01;1,5\n2024-02;2,5\n2024-03;\n")

    result = chart(path, "--type", "run")

    assert [p["x"] for p in result["points"]] == ["2024-01", "2024-02", "2024-03"]
    assert [p["y"] for p in result["points"]] == [1.5, 2.5, None]
    assert result["parts"][0]["cl"] == 2.0
    assert result["categorical_x"] is False


def test_it_groups_xbar_measurements_by_the_subgroup_in_x(tmp_path):
    path = write(tmp_path, "x,y\nA,1\nA,3\nB,4\nB,6\nA,2\n")

    result = chart(path, "--type", "xbar")

    assert [(p["x"], p["y"]) for p in result["points"]] == [("A", 2.0), ("B", 5.0)]


def test_it_divides_by_the_denominator_for_a_run_chart_of_proportions(tmp_path):
    path = write(tmp_path, "y,n\n1,4\n3,4\n")

    result = chart(path, "--type", "run", "--multiply", "100")

    assert [p["y"] for p in result["points"]] == [25.0, 75.0]


def test_it_calls_a_shift_up_an_improvement_when_higher_is_better(tmp_path):
    path = write(tmp_path, SHIFT)

    result = chart(path, "--type", "run", "--cl", "7", "--direction", "up")

    assert result["parts"][0]["runs_signal"] is True
    assert result["signals"] == [
        {"kind": "runs", "part": 1, "point": None, "verdict": "improvement"}
    ]


def test_it_gives_each_part_its_own_centre_line(tmp_path):
    path = write(tmp_path, SHIFT)

    result = chart(path, "--type", "i", "--part", "8")

    assert [(p["first"], p["last"], p["cl"]) for p in result["parts"]] == [
        (1, 8, 5.5),
        (9, 17, 9.0),
    ]


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        ("x\n1\n", ["--type", "i"], "Filen mangler kolonnen y"),
        ("y\n1\nabc\n", ["--type", "i"], "Række 3, kolonne y: «abc» er ikke et tal."),
        ("y\n1\nnan\n", ["--type", "i"], "Række 3, kolonne y: «nan» er ikke et tal."),
        ("y,n\n1,5\n2,0\n", ["--type", "p"], "Række 3, kolonne n: nævneren skal være over 0"),
        ("y,n\n1,-5\n", ["--type", "u"], "Række 2, kolonne n: nævneren skal være over 0, ikke -5"),
        ("y,n\n6,5\n", ["--type", "p"], "Række 2: tælleren y (6) er større end nævneren n (5)"),
        ("y\n2\n-1\n", ["--type", "c"], "Række 3, kolonne y: -1 er negativ"),
        ("y\n2\n0\n", ["--type", "t"], "Række 3, kolonne y: et t-diagram skal have tider"),
        ("y\n1\n", ["--type", "p"], "Et p-diagram skal have nævnerne i en kolonne n"),
        ("y,n\n1,2\n", ["--type", "i"], "Kolonnen n (nævneren) bruges kun til"),
        ("x,y\n1,2\n,3\n", ["--type", "xbar"], "Række 3, kolonne x: undergruppen mangler"),
        ("x,y\n1,\n2,\n", ["--type", "i"], "Kolonnen y har ingen tal"),
        ("y\n", ["--type", "i"], "ingen datarækker"),
        ("y\n1\n", ["--type", "pareto"], "Ukendt diagramtype «pareto»"),
        ("y\n1\n", [], "Angiv diagramtypen med --type"),
        ("y\n1\n", ["--type", "i", "--direction", "sideways"], "--direction skal være up"),
        ("y\n1\n2\n", ["--type", "i", "--freeze", "3"], "--freeze: punkt 3 findes ikke"),
        ("y\n1\n2\n", ["--type", "i", "--exclude", "1,x"], "--exclude: «x» er ikke et punktnummer"),
        ("y\n1\n2\n", ["--type", "i", "--part", "2"], "vælg et punkt fra 1 til 1"),
        (
            "y\n1\n2\n3\n4\n",
            ["--type", "i", "--part", "3,2"],
            "--part: punkterne skal stå i stigende",
        ),
        ("y\n1\n2\n", ["--type", "i", "--cl", "høj"], "--cl: «høj» er ikke et tal."),
        ("y\n1\n2\n", ["--type", "i", "--multiply", "0"], "--multiply skal være større end 0"),
    ],
)
def test_it_rejects_bad_input_with_a_danish_message_and_exit_code_2(tmp_path, text, args, message):
    path = write(tmp_path, text)
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("chart", str(path), *args, stdout=out, stderr=io.StringIO())

    assert message in str(raised.value)
    assert raised.value.returncode == 2
    assert out.getvalue() == ""


def test_it_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="findes ikke") as raised:
        call_command("chart", str(tmp_path / "mangler.csv"), "--type", "i", stdout=io.StringIO())

    assert raised.value.returncode == 2


def test_it_rejects_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("y;æ\n1;2\n".encode("latin-1"))

    with pytest.raises(CommandError, match="ikke gemt som UTF-8"):
        call_command("chart", str(path), "--type", "i", stdout=io.StringIO())


def test_the_console_script_exits_2_with_the_message_on_stderr_and_nothing_on_stdout(tmp_path):
    path = write(tmp_path, "y\n1\nabc\n")
    env = {**os.environ, "LOVENDE_MODE": "test"}

    done = subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
        [str(LOVENDE), "chart", str(path), "--type", "i"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert done.returncode == 2
    assert "Række 3, kolonne y: «abc» er ikke et tal." in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
