"""The demo interventions, modelled on the cases in Socialstyrelsen's Hæfte 2 (see DOMAIN.md)."""

from dataclasses import dataclass

from lovende.demo.tree import (
    BRIDGE,
    INFANT_TEAM,
    NEIGHBOUR_UNIT,
    NORTH,
    SOUTH,
    SPEARHEAD,
    Town,
)
from lovende.interventions.models import Intervention
from lovende.interventions.services import save_intervention

FAMILY, INFANT, YOUTH, RESIDENTIAL = "familie", "spæde", "unge", "døgn"
Status = Intervention.Status
# Family treatment at home and residential care serve one target group, so the organisation
# dashboard shows them side by side (Hæfte 2: prioritising between interventions for a group).
CHILDREN_AND_FAMILIES = "Børn og unge 0-17 år med behov for særlig støtte og deres familier"


@dataclass(frozen=True)
class InterventionText:
    name: str
    status: str
    target_group: str
    description: str
    goals: str
    core_elements: tuple[str, ...]
    groups: tuple[str, ...]
    units: tuple[str, ...]


FAMILY_TREATMENT = InterventionText(
    name="Familiebehandling i hjemmet",
    status=Status.ESTABLISHED,
    target_group=CHILDREN_AND_FAMILIES,
    description=(
        "Systematisk familiebehandling i hjemmet og i familiehuset. Familiebehandleren og familien "
        "følger sammen op på behandlingen ved hver session med FIT (ORS og SRS), og teamet "
        "drøfter forløbene på borgerniveau hver anden uge."
    ),
    goals=(
        "Barnets trivsel og udvikling forbedres.\n"
        "Forældrene oplever, at de bedre kan aflæse og støtte barnet.\n"
        "Familien oplever en god alliance med familiebehandleren."
    ),
    core_elements=(
        "Fast familiebehandler gennem hele forløbet",
        "Hjemmebesøg mindst hver anden uge",
        "Målsætning sammen med familien ved opstart",
        "ORS og SRS ved hver session",
        "Datainformeret refleksion på borgerniveau hver anden uge",
    ),
    groups=("Familiebehandling", "Psykologi"),
    units=(NORTH, SOUTH),
)

INFANT_FAMILIES = InterventionText(
    name="Det intensive spædeteam",
    status=Status.PILOT,
    target_group=(
        "Sårbare og socialt udsatte gravide og spædbørnsfamilier, hvor barnet er udsat eller "
        "truet i sin udvikling og trivsel"
    ),
    description=(
        "Myndighedssagsbehandlere, familiebehandlere og sundhedsplejersker arbejder tæt sammen om "
        "familien fra graviditeten og gennem barnets første leveår. Indsatsen afprøves i "
        "Spædeteamet i Familiehuset."
    ),
    goals=(
        "Forældrene aflæser og imødekommer barnets behov.\n"
        "Barnet trives og udvikler sig alderssvarende.\n"
        "Familien oplever én sammenhængende indsats."
    ),
    core_elements=(
        "Fælles opstartsmøde med myndighed, familiebehandler og sundhedsplejerske",
        "Hjemmebesøg hver uge de første tre måneder",
        "Videobaseret samspilsvejledning",
        "Måling af forældrekompetencer og mentalisering",
        "Tværfagligt opfølgningsmøde hver anden uge",
    ),
    groups=("Myndighed", "Familiebehandling", "Sundhedspleje"),
    units=(INFANT_TEAM,),
)

SPEARHEAD_INTERNSHIPS = InterventionText(
    name="Spydspidsen - praktikforløb for unge",
    status=Status.SCALING,
    target_group="Unge 15-24 år uden for skole- og uddannelsestilbud",
    description=(
        "Ungdomskonsulenter faciliterer praktikforløb for unge uden for skoletilbud, parallelt "
        "med de andre indsatser, den unge måtte modtage. Indsatsen er udviklet i Team Spydspidsen "
        "og skaleres nu til Team Broen, med respekt for den viden, teamet allerede har."
    ),
    goals=(
        "Den unge gennemfører et praktikforløb.\n"
        "Den unge er i uddannelse eller job seks måneder efter forløbet."
    ),
    core_elements=(
        "Praktikplads, der matcher den unges egne ønsker",
        "Fast ungdomskonsulent gennem hele forløbet",
        "Ugentlig opfølgning med den unge og praktikstedet",
        "Fælles plan med den unges øvrige indsatser",
        "Borgerfeedback efter hver samtale",
    ),
    groups=("Ungdomsvejledning",),
    units=(SPEARHEAD, BRIDGE),
)

RESIDENTIAL_CARE = InterventionText(
    name="Døgnophold med familieinddragelse",
    status=Status.ESTABLISHED,
    target_group=CHILDREN_AND_FAMILIES,
    description=(
        "Døgnophold, hvor pædagoger og psykolog arbejder med barnets trivsel og skolegang og "
        "inddrager forældrene gennem hele anbringelsen med henblik på hjemgivelse."
    ),
    goals=(
        "Barnet oplever trivsel og stabilitet.\n"
        "Barnet går i skole eller dagtilbud hver dag.\n"
        "Forældrene er aktive i barnets hverdag."
    ),
    core_elements=(
        "Fast kontaktpædagog",
        "Forældresamtale hver måned",
        "Trivselsmåling hvert kvartal",
        "Plan for hjemgivelse fra første dag",
    ),
    groups=("Pædagogik", "Psykologi", "Myndighed"),
    units=("Døgntilbud",),
)

DEMO_INTERVENTIONS = {
    FAMILY: FAMILY_TREATMENT,
    INFANT: INFANT_FAMILIES,
    YOUTH: SPEARHEAD_INTERNSHIPS,
    RESIDENTIAL: RESIDENTIAL_CARE,
}
NEIGHBOUR_INTERVENTIONS = {
    FAMILY: InterventionText(
        name="Familiebehandling i hjemmet",
        status=Status.ESTABLISHED,
        target_group="Familier med børn 0-17 år",
        description="Nabo Kommunes familiebehandling.",
        goals="Barnets trivsel forbedres.",
        core_elements=("Hjemmebesøg hver uge",),
        groups=("Familiebehandling",),
        units=(NEIGHBOUR_UNIT,),
    )
}


def create_interventions(town: Town, texts: dict[str, InterventionText]) -> None:
    """Save the interventions and keep them, with their units prefetched, on ``town``."""
    for key, text in texts.items():
        intervention = save_intervention(
            organisation=town.organisation,
            name=text.name,
            target_group=text.target_group,
            units=[town.units[name] for name in text.units],
            professional_groups=[town.groups[name] for name in text.groups],
            description=text.description,
            goals=text.goals,
            core_elements="\n".join(text.core_elements),
            status=text.status,
        )
        town.interventions[key] = intervention
    # Every course checks intervention.delivers_in(unit); prefetching saves a query per course.
    fresh = Intervention.objects.prefetch_related("units").in_bulk(
        [i.pk for i in town.interventions.values()]
    )
    town.interventions = {key: fresh[i.pk] for key, i in town.interventions.items()}
