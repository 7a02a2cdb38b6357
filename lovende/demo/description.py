"""The demo's description of family treatment (two versions) and its promising-practice
assessments.

The element keys are fixed: the scaling demo (target units' mapping, adaptations and fidelity)
refers to them. Core: ors-srs, egne-maal, hjemmebesoeg, refleksion, tvaerfagligt; adaptable:
moedested, sessionslaengde, gruppeforloeb.
"""

import datetime

from django.utils import timezone

from lovende.demo.interventions import FAMILY
from lovende.demo.tree import Town
from lovende.scaling.assessment import record_assessment
from lovende.scaling.description import describe_intervention
from lovende.scaling.models import Description

CORE, ADAPTABLE = "kerne", "tilpasning"
FIRST_VERSION_DAYS_AGO, SECOND_VERSION_DAYS_AGO = 370, 120
FIRST_ASSESSMENT_DAYS_AGO, SECOND_ASSESSMENT_DAYS_AGO = 200, 18

TEXTS = {
    "target_group": (
        "Børn og unge 0-17 år med behov for særlig støtte og deres familier, hvor forældrene "
        "ønsker hjælp til at aflæse og støtte barnet i hverdagen."
    ),
    "goals": (
        "Barnets trivsel og udvikling forbedres.\n"
        "Forældrene oplever, at de bedre kan aflæse og støtte barnet.\n"
        "Familien oplever en god alliance med familiebehandleren."
    ),
    "resources": (
        "Uddannede familiebehandlere, én fast behandler pr. familie\n"
        "Supervision hver måned\n"
        "FIT: ORS og SRS på tablet\n"
        "Tid til refleksionsmøder i teamet"
    ),
    "activities": (
        "Hjemmebesøg og samtaler i familiehuset\n"
        "Familiens egne mål formuleres ved opstart\n"
        "ORS og SRS ved hver session\n"
        "Refleksionsmøde om forløbene hver 14. dag"
    ),
    "short_term_outcomes": (
        "God alliance mellem familie og behandler (SRS 36 eller derover)\n"
        "Forældrene afprøver nye måder at møde barnet på\n"
        "Familien oplever fremgang i hverdagen (ORS stiger)"
    ),
    "long_term_outcomes": (
        "Barnet trives i hjemmet, i skolen og i dagtilbuddet\n"
        "Familien klarer hverdagen uden støtte\n"
        "Færre anbringelser uden for hjemmet"
    ),
    "assumptions": (
        "Familien ønsker forandring og vil samarbejde\n"
        "Alliancen er en forudsætning for, at behandlingen virker\n"
        "ORS og SRS bruges i samtalen med familien, ikke kun som registrering"
    ),
    "documentation_note": (
        "ORS i starten og SRS i slutningen af hver session. Resultaterne drøftes med familien "
        "med det samme og i teamets refleksionsmøde hver 14. dag."
    ),
}

# (key, kind, name, text) of version 1.
FIRST_ELEMENTS = (
    ("ors-srs", CORE, "Fast ORS og SRS ved hver session",
     "Familien udfylder ORS ved sessionens start og SRS ved dens slutning; svarene tages op med "
     "det samme."),
    ("egne-maal", CORE, "Familiens egne mål",
     "Målene formuleres med familiens egne ord ved opstart og følges op hver måned."),
    ("hjemmebesoeg", CORE, "Hjemmebesøg hver uge",
     "Familiebehandleren kommer i hjemmet hver uge."),
    ("refleksion", CORE, "Refleksionsmøde hver 14. dag",
     "Teamet drøfter forløbenes data på borgerniveau og justerer forløbene."),
    ("moedested", ADAPTABLE, "Mødested",
     "Hjemme, i familiehuset eller et tredje sted, efter hvad familien foretrækker."),
    ("sessionslaengde", ADAPTABLE, "Sessionslængde",
     "Mellem 45 og 90 minutter efter familiens behov."),
)  # fmt: skip

SECOND_ELEMENTS = (
    ("ors-srs", CORE, "Fast ORS og SRS ved hver session",
     "Familien udfylder ORS ved sessionens start og SRS ved dens slutning; svarene tages op med "
     "det samme."),
    ("egne-maal", CORE, "Familiens egne mål",
     "Målene formuleres med familiens egne ord ved opstart og følges op hver måned."),
    ("hjemmebesoeg", CORE, "Hjemmebesøg efter behov",
     "Familiebehandleren kommer i hjemmet så ofte, som familien og behandleren aftaler, dog "
     "mindst hver anden uge."),
    ("refleksion", CORE, "Refleksionsmøde hver 14. dag",
     "Teamet drøfter forløbenes data på borgerniveau og justerer forløbene."),
    ("tvaerfagligt", CORE, "Tværfagligt samarbejde med skole og sundhedspleje",
     "Med familiens samtykke holdes et fælles møde med skole eller sundhedspleje i de første "
     "seks uger."),
    ("moedested", ADAPTABLE, "Mødested",
     "Hjemme, i familiehuset eller et tredje sted, efter hvad familien foretrækker."),
    ("sessionslaengde", ADAPTABLE, "Sessionslængde",
     "Mellem 45 og 90 minutter efter familiens behov."),
    ("gruppeforloeb", ADAPTABLE, "Gruppeforløb for forældre",
     "Enheden kan tilbyde forældregrupper ved siden af det individuelle forløb; form og "
     "indhold bestemmer enheden."),
)  # fmt: skip

CHANGE_NOTE = (
    "Piloten i Familiebehandling Nord viste, at ugentlige hjemmebesøg ikke passer alle familier: "
    "nogle har brug for flere, andre for færre. Hjemmebesøg er nu efter behov, dog mindst hver "
    "anden uge. Tværfagligt samarbejde med skole og sundhedspleje er blevet et kerneelement, "
    "fordi de forløb, der lykkedes bedst, havde det. Gruppeforløb for forældre er tilføjet som "
    "et element, enhederne selv må forme."
)

# Per element: (first score, second score, evidence, next step) – the way from the first
# assessment to the second half a year later.
ASSESSMENTS = {
    "teori": (2, 3, "Forandringsteorien er skrevet ned og drøftet i kvalitetsteamet.",
              "Drøft antagelserne med medarbejderne i Syd."),
    "beskrivelse": (2, 4, "Beskrivelsen er i version 2 med kerne- og tilpasningselementer.",
                    "Hold beskrivelsen ajour, når enhederne foreslår tilpasninger."),
    "maal": (3, 3, "Familiens egne mål er skrevet i alle nye forløb.",
             "Følg op på målene hver måned, ikke kun ved opstart."),
    "refleksion": (2, 3, "Refleksionsmøder hver 14. dag i Nord; Syd er begyndt.",
                   "Brug data fra ORS og SRS ved hvert møde."),
    "samarbejde": (3, 4, "SRS ligger over 36 i de fleste sessioner.",
                   "Tal med familien, når SRS falder."),
    "tilrettelaeggelse": (3, 3, "Hjemmebesøg og sessionslængde tilpasses familien.",
                          "Beskriv, hvornår et forløb skal ændres."),
    "opfoelgning": (2, 3, "Forbedringstiltag på statustavlen følges op i kvalitetsteamet.",
                    "Afslut tiltag med en afprøvning og en beslutning."),
    "monitorering": (2, 3, "ORS og SRS registreres i de fleste sessioner.",
                     "Få ORS med ved første session i alle forløb."),
    "overfoerbarhed": (1, 2, "Beskrivelsen er klar til at blive brugt af Syd og Familiehuset.",
                       "Kortlæg de nye enheders praksis mod kerneelementerne."),
    "oekonomi": (1, 2, "Udgifterne pr. år er registreret.",
                 "Sammenlign udgiften pr. forløb med resultaterne."),
    "virkning": (1, 2, "ORS stiger i de fleste afsluttede forløb, men tallene er endnu små.",
                 "Følg resultaterne i overblikket hvert kvartal."),
}  # fmt: skip


def _rows(elements: tuple[tuple[str, str, str, str], ...]) -> list[dict[str, str]]:
    return [
        {"key": k, "kind": kind, "name": name, "text": text} for k, kind, name, text in elements
    ]


def _backdate(description: Description, day: datetime.date) -> None:
    # created_at is set when saved; the demo tells a story over a year, so it is moved back.
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Description.objects.filter(pk=description.pk).update(created_at=moment)


def create_description(town: Town, today: datetime.date) -> None:
    """Describe family treatment: theory of change, core and adaptable elements, assessments."""
    intervention = town.interventions[FAMILY]
    pia, lars = town.staff["pia"], town.staff["lars"]
    tools = [town.instruments[code] for code in ("ors", "srs") if code in town.instruments]
    first = describe_intervention(
        by=pia,
        intervention=intervention,
        documentation_tools=tools,
        elements=_rows(FIRST_ELEMENTS),
        **{
            **TEXTS,
            "activities": TEXTS["activities"].replace("Hjemmebesøg og", "Ugentlige besøg og"),
        },
    )
    _backdate(first, today - datetime.timedelta(days=FIRST_VERSION_DAYS_AGO))
    second = describe_intervention(
        by=lars,
        intervention=intervention,
        documentation_tools=tools,
        elements=_rows(SECOND_ELEMENTS),
        change_note=CHANGE_NOTE,
        **{
            **TEXTS,
            "activities": TEXTS["activities"] + "\nFælles møde med skole eller sundhedspleje",
        },
    )
    _backdate(second, today - datetime.timedelta(days=SECOND_VERSION_DAYS_AGO))
    for index, days_ago in enumerate((FIRST_ASSESSMENT_DAYS_AGO, SECOND_ASSESSMENT_DAYS_AGO)):
        record_assessment(
            by=pia,
            intervention=intervention,
            assessed_on=today - datetime.timedelta(days=days_ago),
            note="Vurderet af kvalitetsteamet for familiebehandling.",
            scores={
                key: {"score": scores[index], "evidence": evidence, "next_step": next_step}
                for key, (*scores, evidence, next_step) in ASSESSMENTS.items()
            },
        )
