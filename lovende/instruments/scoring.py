"""Instrument definitions and their scoring: pure functions, no Django.

A definition is plain data (a dict, stored as JSON on an instrument version):

    {
      "items": [{"key": "individuelt", "label": "...", "min": 0, "max": 10, "step": 0.1,
                 "anchors": ["lavt", "højt"]}, ...],
      "scoring": {"method": "sum" | "mean" | "linear", "factor": 4, "offset": 0},
      "direction": "higher_better" | "lower_better",
      "cutoffs": [{"value": 25, "label": "...", "inclusive": false}],   # the first is clinical
      "reliable_change": {"method": "fixed", "value": 5}
                       | {"method": "jacobson_truax", "sd": 7.0, "reliability": 0.93}
                       | null,
      "respondent": "citizen" | "parent" | "employee",
      "subscales": [{"key": "...", "label": "...", "items": ["key", ...]}],
      "sources": ["where each number comes from"],
      "purpose": "outcome" | "alliance" | "goals",   # what the course page and signals use it for
      "self_report": true                            # the citizen may answer on the tablet
    }

``linear`` scores sum × factor + offset (WHO-5: raw 0–25 × 4 gives 0–100).
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

Z_95 = 1.96  # two-sided 5 % level of the Reliable Change Index (Jacobson & Truax 1991)
GAS_RHO = 0.3  # the inter-goal correlation Kiresuk & Sherman (1968) assume


class InvalidDefinition(ValueError):
    """A malformed instrument definition; ``problems`` lists what is wrong, as codes with context."""

    def __init__(self, problems: list[tuple[str, dict]]) -> None:
        super().__init__("; ".join(code for code, _ in problems))
        self.problems = problems


class InvalidAnswers(ValueError):
    """Answers that do not fit the definition; ``problems`` as (code, item key, context)."""

    def __init__(self, problems: list[tuple[str, str, dict]]) -> None:
        super().__init__("; ".join(f"{code}:{key}" for code, key, _ in problems))
        self.problems = problems


class ChangeCategory(StrEnum):
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    DETERIORATED = "deteriorated"


SCORING_METHODS = ("sum", "mean", "linear")
DIRECTIONS = ("higher_better", "lower_better")
RESPONDENTS = ("citizen", "parent", "employee")


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    min: float
    max: float
    step: float
    anchors: tuple[str, str] | None = None


def items_of(definition: Mapping) -> list[Item]:
    return [
        Item(
            key=item["key"],
            label=item["label"],
            min=item["min"],
            max=item["max"],
            step=item.get("step", 1),
            anchors=tuple(item["anchors"]) if item.get("anchors") else None,
        )
        for item in definition["items"]
    ]


def validate_definition(definition: Mapping) -> None:
    """Raise InvalidDefinition listing every problem; return quietly for a sound definition."""
    problems: list[tuple[str, dict]] = []
    items = definition.get("items")
    if not isinstance(items, list) or not items:
        problems.append(("no_items", {}))
        items = []
    keys = [item.get("key") for item in items if isinstance(item, Mapping)]
    if len(keys) != len(set(keys)):
        problems.append(("duplicate_item_keys", {}))
    for index, item in enumerate(items, start=1):
        problems += _item_problems(index, item)
    problems += _scoring_problems(definition)
    problems += _reliable_change_problems(definition.get("reliable_change"))
    problems += _other_problems(definition, set(keys))
    if problems:
        raise InvalidDefinition(problems)


def _other_problems(definition: Mapping, keys: set) -> list[tuple[str, dict]]:
    problems = []
    if definition.get("direction") not in DIRECTIONS:
        problems.append(("bad_direction", {}))
    if definition.get("respondent", "citizen") not in RESPONDENTS:
        problems.append(("bad_respondent", {}))
    for subscale in definition.get("subscales", []):
        if not subscale.get("items") or not set(subscale["items"]) <= keys:
            problems.append(("bad_subscale", {"subscale": subscale.get("label", "?")}))
    for cutoff in definition.get("cutoffs", []):
        if not _is_number(cutoff.get("value")):
            problems.append(("bad_cutoff", {}))
    return problems


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _item_problems(index: int, item: object) -> list[tuple[str, dict]]:
    if not isinstance(item, Mapping) or not str(item.get("key", "")).strip():
        return [("item_without_key", {"item": index})]
    if not str(item.get("label", "")).strip():
        return [("item_without_label", {"item": index})]
    low, high, step = item.get("min"), item.get("max"), item.get("step", 1)
    if not (_is_number(low) and _is_number(high) and _is_number(step)):
        return [("item_range_not_numbers", {"item": index})]
    if low >= high:
        return [("item_min_not_below_max", {"item": index})]
    if step <= 0 or step > high - low:
        return [("item_bad_step", {"item": index})]
    return []


def _scoring_problems(definition: Mapping) -> list[tuple[str, dict]]:
    scoring = definition.get("scoring")
    if not isinstance(scoring, Mapping) or scoring.get("method") not in SCORING_METHODS:
        return [("bad_scoring_method", {})]
    if scoring["method"] == "linear" and not (
        _is_number(scoring.get("factor", 1)) and _is_number(scoring.get("offset", 0))
    ):
        return [("bad_linear_transform", {})]
    return []


def _reliable_change_problems(rule: object) -> list[tuple[str, dict]]:
    if rule is None:
        return []
    if not isinstance(rule, Mapping):
        return [("bad_reliable_change", {})]
    if rule.get("method") == "fixed" and _is_number(rule.get("value")) and rule["value"] > 0:
        return []
    if rule.get("method") == "jacobson_truax":
        sd, reliability = rule.get("sd"), rule.get("reliability")
        if _is_number(sd) and sd > 0 and _is_number(reliability) and 0 <= reliability < 1:
            return []
    return [("bad_reliable_change", {})]


def check_answers(definition: Mapping, answers: Mapping[str, float | None]) -> dict[str, float]:
    """The answers as numbers, or InvalidAnswers naming every missing or out-of-range item."""
    problems: list[tuple[str, str, dict]] = []
    clean: dict[str, float] = {}
    for item in items_of(definition):
        value = answers.get(item.key)
        if value is None or value == "":
            problems.append(("missing", item.key, {"label": item.label}))
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            problems.append(("not_a_number", item.key, {"label": item.label}))
            continue
        if not (math.isfinite(number) and item.min <= number <= item.max):
            problems.append(
                ("out_of_range", item.key, {"label": item.label, "min": item.min, "max": item.max})
            )
            continue
        clean[item.key] = number
    if unknown := set(answers) - {item.key for item in items_of(definition)}:
        problems += [("unknown_item", key, {}) for key in sorted(unknown)]
    if problems:
        raise InvalidAnswers(problems)
    return clean


def score(definition: Mapping, answers: Mapping[str, float]) -> float:
    """The total score of complete, valid answers under the definition's scoring rule."""
    values = [answers[item.key] for item in items_of(definition)]
    return _combine(definition["scoring"], values)


def _combine(scoring: Mapping, values: Sequence[float]) -> float:
    total = math.fsum(values)
    if scoring["method"] == "mean":
        return round(total / len(values), 4)
    if scoring["method"] == "linear":
        return round(total * scoring.get("factor", 1) + scoring.get("offset", 0), 4)
    return round(total, 4)


def subscale_scores(definition: Mapping, answers: Mapping[str, float]) -> dict[str, float]:
    """Each subscale scored by the instrument's own rule over its items."""
    return {
        sub["key"]: _combine(definition["scoring"], [answers[key] for key in sub["items"]])
        for sub in definition.get("subscales", [])
    }


GAS_T_RANGE = (10.0, 90.0)  # with equal weights, T stays within 50 ± 20/√ρ ≈ 13.5…86.5


def score_range(definition: Mapping) -> tuple[float, float]:
    """Lowest and highest possible total score (for GAS: the span of T-scores)."""
    if definition.get("kind") == "gas":
        return GAS_T_RANGE
    items = items_of(definition)
    return (
        _combine(definition["scoring"], [item.min for item in items]),
        _combine(definition["scoring"], [item.max for item in items]),
    )


def reliable_change_threshold(definition: Mapping) -> float | None:
    """The smallest change that counts as reliable, or None when the instrument defines none.

    Jacobson–Truax: S_diff = √2 · SD · √(1 − r); a change is reliable when |change| / S_diff > 1.96.
    """
    rule = definition.get("reliable_change")
    if not rule:
        return None
    if rule["method"] == "fixed":
        return float(rule["value"])
    s_diff = math.sqrt(2) * rule["sd"] * math.sqrt(1 - rule["reliability"])
    return Z_95 * s_diff


def reliable_change_index(change: float, sd: float, reliability: float) -> float:
    """RCI = (x2 − x1) / S_diff (Jacobson & Truax 1991)."""
    return change / (math.sqrt(2) * sd * math.sqrt(1 - reliability))


def change_category(definition: Mapping, first: float, latest: float) -> ChangeCategory | None:
    """Reliably improved, unchanged or deteriorated, in the instrument's direction of better.

    A fixed threshold counts a change of at least the threshold (FIT: "5 points or more");
    Jacobson–Truax counts |RCI| > 1.96.
    """
    threshold = reliable_change_threshold(definition)
    if threshold is None:
        return None
    change = latest - first
    if definition["direction"] == "lower_better":
        change = -change
    fixed = definition["reliable_change"]["method"] == "fixed"
    reliable = abs(change) >= threshold if fixed else abs(change) > threshold
    if not reliable:
        return ChangeCategory.UNCHANGED
    return ChangeCategory.IMPROVED if change > 0 else ChangeCategory.DETERIORATED


def clinical_cutoff(definition: Mapping) -> Mapping | None:
    cutoffs = definition.get("cutoffs") or []
    return cutoffs[0] if cutoffs else None


def in_clinical_range(definition: Mapping, value: float) -> bool | None:
    """True when ``value`` lies on the clinical side of the first cutoff; None without one.

    For a higher-is-better scale the clinical side is below the cutoff (at or below it when the
    cutoff is ``inclusive``, as WHO-5's "≤ 50"); for lower-is-better, above it.
    """
    cutoff = clinical_cutoff(definition)
    if cutoff is None:
        return None
    limit, inclusive = cutoff["value"], cutoff.get("inclusive", False)
    if definition["direction"] == "higher_better":
        return value <= limit if inclusive else value < limit
    return value >= limit if inclusive else value > limit


def gas_t_score(levels: Sequence[int], weights: Sequence[float], rho: float = GAS_RHO) -> float:
    """Goal Attainment Scaling T-score (Kiresuk & Sherman 1968).

    T = 50 + 10·Σwᵢxᵢ / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²), with levels xᵢ in −2…+2.
    """
    if not levels or len(levels) != len(weights):
        raise ValueError("one weight per goal, at least one goal")
    if any(level not in (-2, -1, 0, 1, 2) for level in levels):
        raise ValueError("goal levels run from -2 to +2")
    weighted = math.fsum(w * x for w, x in zip(weights, levels, strict=True))
    denominator = math.sqrt(
        (1 - rho) * math.fsum(w * w for w in weights) + rho * math.fsum(weights) ** 2
    )
    return round(50 + 10 * weighted / denominator, 2)
