import json
import math
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lovende.analytics.spc import charts
from lovende.analytics.spc.direction import Direction, classify_signals
from lovende.improvement import chart_csv
from lovende.improvement.chart_csv import ChartInputError, Series
from lovende.improvement.messages import chart_input_message

BUILDERS: dict[str, Callable[[Series, charts.ChartOptions], charts.Chart]] = {
    "run": lambda s, o: charts.run_chart(s.y, o, denominators=s.n),
    "i": lambda s, o: charts.i_chart(s.y, o),
    "mr": lambda s, o: charts.mr_chart(s.y, o),
    "xbar": lambda s, o: charts.xbar_chart(s.subgroups, o),
    "s": lambda s, o: charts.s_chart(s.subgroups, o),
    "p": lambda s, o: charts.p_chart(s.y, s.n, o),
    "pp": lambda s, o: charts.laney_p_chart(s.y, s.n, o),
    "u": lambda s, o: charts.u_chart(s.y, s.n, o),
    "up": lambda s, o: charts.laney_u_chart(s.y, s.n, o),
    "c": lambda s, o: charts.c_chart(s.y, o),
    "g": lambda s, o: charts.g_chart(s.y, o),
    "t": lambda s, o: charts.t_chart(s.y, o),
}
BAD_INPUT = 2  # the exit code for a bad file or bad options, as argparse uses for usage errors


class Command(BaseCommand):
    help = (
        "Laver et seriediagram eller kontroldiagram af en CSV-fil (kolonnen y, evt. x og n) "
        "og skriver centrallinje, grænser, signaler og Anhøjs serieanalyse som JSON."
    )
    requires_system_checks = []  # a calculation on a file: no database, no app checks

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-fil med kolonnen y, evt. x og n")
        parser.add_argument("--type", help=", ".join(chart_csv.CHART_TYPES))
        parser.add_argument("--freeze", help="sidste punkt i basisperioden (1 = første)")
        parser.add_argument("--part", help="sidste punkt i hver del undtagen den sidste: N,M…")
        parser.add_argument("--exclude", help="punkter uden for beregningen: N,M…")
        parser.add_argument("--cl", help="fast centrallinje")
        parser.add_argument("--multiply", help="gang y, centrallinje og grænser med K")
        parser.add_argument(
            "--no-screen", action="store_true", help="fjern ikke store variationsbredder"
        )
        parser.add_argument("--direction", help="up: højere er bedre; down: lavere er bedre")

    def handle(self, *args, **options):
        try:
            chart_type = chart_csv.check_chart_type(options["type"])
            direction = chart_csv.check_direction(options["direction"])
            series = chart_csv.read_series(Path(options["file"]), chart_type)
            chart_options = chart_csv.chart_options(
                count=len(series),
                freeze=options["freeze"],
                part=options["part"],
                exclude=options["exclude"],
                cl=options["cl"],
                multiply=options["multiply"],
                screen=not options["no_screen"],
                categorical_x=series.categorical_x,
            )
        except ChartInputError as error:
            raise CommandError(chart_input_message(error), returncode=BAD_INPUT) from None
        try:
            chart = BUILDERS[chart_type](series, chart_options)
        except ValueError as error:  # spc's own checks; chart_csv should have caught them all
            message = _("Diagrammet kan ikke beregnes: %(reason)s") % {"reason": error}
            raise CommandError(message, returncode=BAD_INPUT) from None
        self.stdout.write(json.dumps(chart_json(chart, series, direction), ensure_ascii=False))


def chart_json(chart: charts.Chart, series: Series, direction: str | None) -> dict:
    """The chart as JSON, with the names of qicharts2's summary() for the runs analysis."""
    result = {
        "chart": chart.chart_type,
        "categorical_x": series.categorical_x,
        "parts": [_part_json(number, part, chart) for number, part in enumerate(chart.parts, 1)],
        "points": [
            {
                "x": label,
                "y": _finite(point.y),
                "cl": _finite(point.centre),
                "lcl": _finite(point.lcl),
                "ucl": _finite(point.ucl),
                "sigma_signal": point.sigma_signal,
            }
            for label, point in zip(series.x, chart.points, strict=True)
        ],
    }
    if direction is not None:
        result["signals"] = [
            {"kind": s.kind, "part": s.part, "point": s.point, "verdict": s.verdict.value}
            for s in classify_signals(chart, Direction(direction))
        ]
    return result


def _part_json(number: int, part: charts.ChartPart, chart: charts.Chart) -> dict:
    runs = part.runs
    return {
        "part": number,
        "first": part.first,
        "last": part.last,
        "n_obs": runs.n_obs,
        "n_useful": runs.n_useful,
        "longest_run": runs.longest_run,
        "longest_run_max": runs.longest_run_max,
        "n_crossings": runs.n_crossings,
        "n_crossings_min": runs.n_crossings_min,
        "runs_signal": runs.signal,
        "cl": _finite(chart.points[part.first - 1].centre),
        "amr": _finite(part.amr),
        "amr_used": _finite(part.amr_used),
        "sigma_z": _finite(part.sigma_z),
    }


def _finite(value: float | None) -> float | None:
    """JSON has no NaN or infinity: a value that is not a finite number is missing."""
    return value if value is not None and math.isfinite(value) else None
