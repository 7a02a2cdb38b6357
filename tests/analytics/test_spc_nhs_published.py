"""NHS "Making Data Count" XmR charts against published values (engine nhsrplotthedots).

Every case of shared/refdata/spc/published-cases.json whose engine is nhsrplotthedots runs here,
named by its case id: NHSRplotthedots' test snapshots and vignette, and the nhspy-plotthedots
unit tests. Each assertion names the case's source. Where the Python port and the R package
differ (README §5.9: 7 points on the mean count as a shift in the port) the cases and we follow
the R package; the point types of the nhspy cases are hand-derived with the R rules (the port has
none). Point types of trend points follow the trend's direction, as README §3 describes: in
nhspy_limits_increasing_1_to_10 points 3-5 lie below the mean but rise, so they are improvements.
"""

import json

import pytest

from lovende.analytics.spc import nhs
from tests.analytics.test_spc_published import CASES_FILE, assert_per_point, close

POINT_KEYS = (
    "mean",
    "lpl",
    "upl",
    "outside_limits",
    "close_to_limits",
    "relative_to_mean",
    "special_cause_type",
    "special_cause_flag",
    "point_type",
)
GROUP_KEYS = (
    "mean",
    "lpl",
    "upl",
    "n",
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "variation_type",
)


def nhs_cases() -> list:
    cases = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    # All 16 nhsrplotthedots cases are selected; none is left out.
    return [
        pytest.param(case, id=case["id"]) for case in cases if case["engine"] == "nhsrplotthedots"
    ]


def nhs_options(options: dict) -> nhs.NhsOptions:
    return nhs.NhsOptions(
        improvement_direction=nhs.ImprovementDirection(
            options.get("improvement_direction", "increase")
        ),
        screen_outliers=options.get("screen_outliers", True),
        fix_after_n_points=options.get("fix_after_n_points"),
        rebase_at=tuple(options.get("rebase_at", ())),
    )


def same(got, expected, case: dict) -> bool:
    """Numbers within the case's tolerance, anything else (labels, flags, counts) exactly."""
    if isinstance(expected, (bool, str)) or expected is None:
        return got == expected
    return close(got, expected, case["tolerance"])


def test_every_nhs_case_is_selected():
    assert len(nhs_cases()) == 16


@pytest.mark.parametrize("case", nhs_cases())
def test_it_matches_the_published_nhs_chart(case):
    expected = case["expected"]
    direction = nhs.ImprovementDirection(case["options"].get("improvement_direction", "increase"))
    if case["chart_type"] == "nhs_assurance":
        got = [
            nhs.assurance_type(g["lpl"], g["upl"], g["target"], direction)
            for g in case["input"]["groups"]
        ]
        assert got == expected["assurance_type"], f"ours {got}, {case['source']}"
        return

    chart = nhs.xmr_chart(case["input"]["values"], nhs_options(case["options"]))
    for key in POINT_KEYS:
        if key in expected:
            got = [getattr(point, key) for point in chart.points]
            if isinstance(expected[key], list) and any(
                isinstance(v, (bool, str)) for v in expected[key]
            ):
                wanted = expected[key]
                wrong = [
                    (n, g, w)
                    for n, (g, w) in enumerate(zip(got, wanted, strict=True), start=1)
                    if g != w
                ]
                assert len(got) == len(wanted), f"{key}: point count vs {case['source']}"
                assert not wrong, f"{key} (point, ours, published) vs {case['source']}: {wrong[:5]}"
            else:
                assert_per_point(key, got, expected[key], case)
    if "special_cause_points" in expected:
        got = chart.special_cause_points
        assert got == expected["special_cause_points"], f"ours {got}, {case['source']}"
    if "groups" in expected:
        assert len(chart.groups) == len(expected["groups"]), case["source"]
        for number, (group, wanted) in enumerate(
            zip(chart.groups, expected["groups"], strict=True), start=1
        ):
            for key in GROUP_KEYS:
                if key in wanted:
                    got = getattr(group, key)
                    assert same(got, wanted[key], case), (
                        f"group {number} {key}: ours {got}, {case['source']}: {wanted[key]}"
                    )


# Hand-computed cases.


def test_a_trend_of_exactly_seven_signals_and_six_does_not():
    # 10 → 1, then 1..7 rising (points 5-11), then 7 → 0: a trend of exactly 7 points.
    values = [0, 10, 0, 10, 1, 2, 3, 4, 5, 6, 7, 0, 10, 0, 10]
    chart = nhs.xmr_chart(values)
    # Mean 68/15; moving ranges 10,10,10,9, six of 1, 7,10,10,10: AMR 82/14, none screened
    # (all < 3.267·AMR). Near limits at mean ± 1.773·AMR ≈ -5.85 / 14.92: nothing is outside
    # or close, and no 7 points lie on one side, so only the trend signals.
    group = chart.groups[0]
    assert group.mean == pytest.approx(68 / 15)
    assert group.amr_used == pytest.approx(82 / 14)
    assert group.upl == pytest.approx(68 / 15 + 2.66 * 82 / 14)
    assert chart.special_cause_points == list(range(5, 12))
    assert {p.special_cause_type for p in chart.points[4:11]} == {nhs.TREND_UP}
    assert {p.point_type for p in chart.points[4:11]} == {nhs.IMPROVEMENT}

    six = nhs.xmr_chart([0, 10, 0, 10, 1, 2, 3, 4, 5, 6, 0, 10, 0, 10])
    assert six.special_cause_points == []


def test_a_tie_breaks_a_trend_and_a_point_on_the_mean_breaks_a_shift():
    # 0..6 rising with the 3 repeated: runs of 4 and 5 points, no trend.
    assert nhs.xmr_chart([10, 0, 10, 0, 1, 2, 3, 3, 4, 5, 6, 10, 0]).special_cause_points == []
    # Sum 65 over 13 points, mean 5: six points above with the 4th exactly on the mean.
    # AMR 23/12 (no range screened), near limits 5 ± 3.40: nothing close or outside.
    values = [7, 6, 8, 5, 7, 6, 8, 3, 4, 2, 3, 4, 2]
    chart = nhs.xmr_chart(values)
    assert chart.groups[0].mean == 5
    assert [p.relative_to_mean for p in chart.points][:8] == [1, 1, 1, 0, 1, 1, 1, -1]
    assert chart.special_cause_points == []
    # The same with 6 instead of 5: seven points above the mean, a shift (mean 66/13).
    shifted = nhs.xmr_chart([7, 6, 8, 6, 7, 6, 8, 3, 4, 2, 3, 4, 2])
    assert shifted.special_cause_points == list(range(1, 8))
    assert {p.special_cause_type for p in shifted.points[:7]} == {nhs.SHIFT_ABOVE}


def test_neutral_direction_gives_neutral_high_and_low_and_no_assurance():
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    options = nhs.NhsOptions(
        improvement_direction=nhs.ImprovementDirection.NEUTRAL, screen_outliers=False, target=3
    )
    chart = nhs.xmr_chart(values, options)
    assert chart.points[4].point_type == nhs.NEUTRAL_HIGH
    assert chart.groups[0].special_cause_neutral == 1
    assert chart.groups[0].assurance_type is None
    # The same data, lower is better: the outlier is a concern; target 3 lies between the limits.
    decrease = nhs.NhsOptions(
        improvement_direction=nhs.ImprovementDirection.DECREASE, screen_outliers=False, target=3
    )
    chart = nhs.xmr_chart(values, decrease)
    assert chart.points[4].point_type == nhs.CONCERN
    assert chart.groups[0].assurance_type == nhs.INCONSISTENT
    # Low values below the mean in a falling series: a neutral low trend.
    falling = nhs.xmr_chart(
        [20, 0, 20, 0, 16, 15, 14, 13, 12, 11, 10, 20, 0],
        nhs.NhsOptions(improvement_direction=nhs.ImprovementDirection.NEUTRAL),
    )
    assert [p.point_type for p in falling.points[4:11]] == [nhs.NEUTRAL_LOW] * 7
    assert falling.points[4].special_cause_type == nhs.TREND_DOWN


def test_all_equal_values_screened_have_missing_limits_and_no_signal():
    # Every moving range is 0 and none is < 3.267·0, so AMR is missing, as in both packages
    # (README §5.3); without screening the limits collapse onto the mean and nothing is outside.
    chart = nhs.xmr_chart([3, 3, 3, 3, 3, 3, 3, 3])
    assert (chart.groups[0].lpl, chart.groups[0].upl) == (None, None)
    assert chart.special_cause_points == []  # 8 points on the mean are no shift (README §5.9)
    flat = nhs.xmr_chart([3] * 8, nhs.NhsOptions(screen_outliers=False))
    assert (flat.groups[0].lpl, flat.groups[0].upl) == (3, 3)
    assert flat.special_cause_points == []
