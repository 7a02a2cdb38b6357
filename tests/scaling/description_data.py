"""Descriptions and assessments for the description and assessment tests, built with the
scaling app's own services (the shared conftest.py stays empty on purpose)."""

import datetime

from lovende.scaling import assessment, description, promising

CORE = "kerne"
ADAPTABLE = "tilpasning"


def element(name, kind=CORE, text="", key=""):
    return {"key": key, "kind": kind, "name": name, "text": text}


def describe(by, intervention, **overrides):
    """Version 1 (or the next) of family treatment's description."""
    fields = {
        "target_group": "Familier med børn 0-17 år",
        "goals": "Barnets trivsel forbedres",
        "resources": "Familiebehandlere\nSupervision",
        "activities": "Hjemmebesøg\nORS og SRS",
        "short_term_outcomes": "God alliance",
        "long_term_outcomes": "Barnet trives",
        "assumptions": "Familien vil samarbejde",
        "elements": [
            element("ORS og SRS ved hver session", key="ors-srs"),
            element("Familiens egne mål"),
            element("Mødested", ADAPTABLE),
        ],
    }
    return description.describe_intervention(
        by=by, intervention=intervention, **{**fields, **overrides}
    )


def carried(version):
    """The rows of ``version``'s elements as a form would send them back, keys kept."""
    return [
        {"key": e.key, "kind": e.kind, "name": e.name, "text": e.text}
        for e in version.elements.order_by("order")
    ]


def all_scores(score=2, **overrides):
    return {
        key: {"score": overrides.get(key, score), "evidence": f"Belæg {key}", "next_step": ""}
        for key in promising.KEYS
    }


def assess(by, intervention, day, score=2, **overrides):
    return assessment.record_assessment(
        by=by, intervention=intervention, assessed_on=day, scores=all_scores(score, **overrides)
    )


D = datetime.date
