"""Danish messages for the problem codes the pure scoring module reports."""

from django.utils.translation import gettext as _

from lovende.instruments.scoring import InvalidAnswers, InvalidDefinition


def definition_messages(error: InvalidDefinition) -> list[str]:
    texts = {
        "no_items": _("Måleredskabet skal have mindst ét spørgsmål."),
        "duplicate_item_keys": _("To spørgsmål har samme nøgle; nøglerne skal være forskellige."),
        "item_without_key": _("Spørgsmål %(item)s mangler en nøgle."),
        "item_without_label": _("Spørgsmål %(item)s mangler en tekst."),
        "item_range_not_numbers": _(
            "Spørgsmål %(item)s: mindste, største værdi og trin skal være tal."
        ),
        "item_min_not_below_max": _(
            "Spørgsmål %(item)s: mindste værdi skal være mindre end største."
        ),
        "item_bad_step": _(
            "Spørgsmål %(item)s: trinnet skal være større end 0 og ikke større end skalaen."
        ),
        "bad_scoring_method": _("Vælg en scoring: sum, gennemsnit eller lineær omregning."),
        "bad_linear_transform": _(
            "Lineær omregning kræver en faktor og en forskydning, der er tal."
        ),
        "bad_direction": _("Angiv, om en høj eller en lav score er bedst."),
        "bad_respondent": _("Angiv, hvem der besvarer: borgeren, en forælder eller medarbejderen."),
        "bad_reliable_change": _(
            "Pålidelig ændring skal være et fast antal point over 0, eller SD over 0 og reliabilitet mellem 0 og 1."
        ),
        "bad_subscale": _(
            "Delskalaen %(subscale)s skal bestå af spørgsmål, der findes i redskabet."
        ),
        "bad_cutoff": _("En grænseværdi skal være et tal."),
    }
    return [texts[code] % context if context else texts[code] for code, context in error.problems]


def answer_messages(error: InvalidAnswers) -> dict[str, str]:
    """One Danish message per item key."""
    texts = {
        "missing": _("Besvar «%(label)s»."),
        "not_a_number": _("«%(label)s» skal være et tal."),
        "out_of_range": _("«%(label)s» skal ligge mellem %(min)s og %(max)s."),
        "unknown_item": _("Svaret hører ikke til måleredskabet."),
    }
    return {
        key: texts[code] % context if context else texts[code]
        for code, key, context in error.problems
    }
