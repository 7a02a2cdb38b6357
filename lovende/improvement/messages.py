"""Danish messages for the chart_csv problem codes and the quality team's composition warnings."""

from django.utils.translation import gettext as _

from lovende.improvement.chart_csv import ChartInputError
from lovende.improvement.composition import Warning


def chart_input_message(error: ChartInputError) -> str:
    texts = {
        "file_missing": _("Filen %(path)s findes ikke."),
        "file_unreadable": _("Filen %(path)s kan ikke læses."),
        "file_not_utf8": _(
            "Filen %(path)s er ikke gemt som UTF-8. Gem den som «CSV UTF-8» og prøv igen."
        ),
        "no_header": _("Filen %(path)s er tom; første række skal have kolonnenavnene (mindst y)."),
        "no_rows": _("Filen %(path)s har ingen datarækker under kolonnenavnene."),
        "duplicate_column": _("Kolonnen %(column)s står mere end én gang i første række."),
        "missing_y": _("Filen mangler kolonnen y med værdierne (første række er kolonnenavnene)."),
        "missing_n": _("Et %(chart)s-diagram skal have nævnerne i en kolonne n; filen har ingen."),
        "missing_x": _(
            "Et %(chart)s-diagram har én række pr. måling med undergruppen i kolonnen x; "
            "filen har ingen kolonne x."
        ),
        "n_not_used": _(
            "Kolonnen n (nævneren) bruges kun til run-, p-, pp-, u- og up-diagrammer, ikke til "
            "%(chart)s. Fjern kolonnen, eller vælg en anden --type."
        ),
        "no_values": _("Kolonnen y har ingen tal; der er intet at vise."),
        "not_a_number": _("Række %(row)s, kolonne %(column)s: «%(value)s» er ikke et tal."),
        "negative_count": _(
            "Række %(row)s, kolonne y: %(value)s er negativ, men et %(chart)s-diagram tæller "
            "hændelser."
        ),
        "time_not_positive": _(
            "Række %(row)s, kolonne y: et t-diagram skal have tider mellem hændelser over 0, "
            "ikke %(value)s."
        ),
        "denominator_not_positive": _(
            "Række %(row)s, kolonne n: nævneren skal være over 0, ikke %(value)s."
        ),
        "numerator_above_denominator": _(
            "Række %(row)s: tælleren y (%(y)s) er større end nævneren n (%(n)s); en andel kan "
            "ikke være over 1."
        ),
        "empty_subgroup": _(
            "Række %(row)s, kolonne x: undergruppen mangler; et %(chart)s-diagram har én række "
            "pr. måling med undergruppen i x."
        ),
        "missing_type": _("Angiv diagramtypen med --type: %(types)s."),
        "unknown_type": _("Ukendt diagramtype «%(value)s». Vælg en af: %(types)s."),
        "unknown_direction": _(
            "--direction skal være up (højere er bedre) eller down (lavere er bedre), "
            "ikke «%(value)s»."
        ),
        "not_a_point": _("%(option)s: «%(value)s» er ikke et punktnummer (et helt tal fra 1)."),
        "point_out_of_range": _(
            "%(option)s: punkt %(value)s findes ikke; vælg et punkt fra 1 til %(last)s."
        ),
        "parts_not_increasing": _(
            "--part: punkterne skal stå i stigende rækkefølge og hvert kun én gang, "
            "ikke «%(value)s»."
        ),
        "option_not_a_number": _("%(option)s: «%(value)s» er ikke et tal."),
        "multiply_not_positive": _("--multiply skal være større end 0, ikke %(value)s."),
    }
    return texts[error.code] % error.context if error.context else texts[error.code]


def composition_texts(warning: Warning) -> tuple[str, str]:
    """A composition warning's message and fix, translated, with the parameters filled in."""
    return (
        _(warning.message_template) % warning.params,
        _(warning.fix_template) % warning.params,
    )
