"""Time the run and control chart analysis (analytics/spc) of a 10,000-point series.

    python -m bench.spc [--points 10000] [--runs 50]

Pure Python and no database, so it runs on its own in a second; `make bench` (bench/run.py)
includes the same report as "spc_10000_points". Each chart is the whole public call: the I chart
with screened moving ranges, the P and U charts with varying denominators and the run chart,
each with Anhøj's runs analysis. The series are deterministic (a seeded generator). The
crossings limit is cached per number of useful points, so the first call (`cold_ms`) also pays
for computing it once; median and p95 are over the repeated calls after it.
"""

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable

from lovende.analytics.spc import charts

POINTS = 10_000
RUNS = 50


def series(points: int) -> dict[str, list]:
    """Deterministic inputs: a process with a small shift, and counts over varying denominators."""
    rng = random.Random(20_250_501)  # noqa: S311 - benchmark data, not security
    values = [rng.gauss(50.0, 5.0) + (3.0 if i > points // 2 else 0.0) for i in range(points)]
    denominators = [rng.randint(80, 400) for _ in range(points)]
    # Binomial(d, 0.2) counts by their normal approximation, kept within 0..d
    numerators = [
        min(d, max(0, round(rng.gauss(0.2 * d, (0.16 * d) ** 0.5)))) for d in denominators
    ]
    return {"values": values, "numerators": numerators, "denominators": denominators}


def analyses(data: dict[str, list]) -> dict[str, Callable[[], charts.Chart]]:
    values, num, den = data["values"], data["numerators"], data["denominators"]
    return {
        "i": lambda: charts.i_chart(values),
        "p": lambda: charts.p_chart(num, den),
        "u": lambda: charts.u_chart(num, den),
        "run": lambda: charts.run_chart(values),
    }


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(points: int = POINTS, runs: int = RUNS) -> dict:
    """Median and p95 in ms per chart type over `runs` calls, after one cold call."""
    report: dict = {"points": points, "runs": runs, "target_ms": 5.0}
    for name, analyse in analyses(series(points)).items():
        started = time.perf_counter()
        chart = analyse()
        cold = (time.perf_counter() - started) * 1000
        assert len(chart.points) == points  # noqa: S101 - a broken bench must stop
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            analyse()
            samples.append((time.perf_counter() - started) * 1000)
        report[name] = {
            "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(_percentile(samples, 95), 2),
            "cold_ms": round(cold, 2),
        }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--points", type=int, default=POINTS)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    print(json.dumps(measure(args.points, args.runs), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
