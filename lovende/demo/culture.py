"""The demo's learning culture in family treatment: the handbook's landmarks for the department
with two marked intents, a learning log, recognitions and three concerns (one anonymous).

Written through the culture services, as Lars (the department leader), Mette and Sofie.
Points and recognitions are spread over the last weeks so the pages read like a living log.
"""

import datetime

from lovende.culture import services
from lovende.culture.models import Landmark, LearningPoint
from lovende.demo.interventions import FAMILY
from lovende.demo.tree import NORTH, SOUTH, Town
from lovende.improvement.models import Initiative

DEPARTMENT = "Familiebehandling"

# theme: (intent, what to change or keep)
INTENTS = {
    "Opmuntring til udvikling og forbedring": (
        Landmark.Intent.CHANGE,
        "Vi vil undgå bebrejdelse, når noget går galt, og ikke forkaste nye idéer for hurtigt.",
    ),
    "Anerkendelse af viden og læring": (
        Landmark.Intent.KEEP,
        "Vi fastholder, at vi deler eksempler på god praksis på hvert afdelingsmøde.",
    ),
}

# (author, unit, source, what happened, what we learned, what we do now, days ago discussed)
POINTS = (
    ("mette", NORTH, LearningPoint.Source.MEETING,
     "På refleksionsmødet så vi, at tre familier i Nord havde faldende SRS efter tredje session.",
     "Alliancen kan glide, uden at vi opdager det i samtalen – tallene viste det før os.",
     "Vi spørger ind til SRS-svarene allerede efter anden session.", 14),
    ("sofie", SOUTH, LearningPoint.Source.MISTAKE,
     "En familie mødte op til første samtale på den gamle adresse, fordi indkaldelsen ikke var "
     "opdateret.",
     "Skabelonen til indkaldelser havde ikke fulgt med flytningen. Det var systemet, ikke en "
     "person, der svigtede.",
     "Vi har rettet skabelonen og tjekker adressen ved hver ny indkaldelse.", None),
    ("mette", NORTH, LearningPoint.Source.MISTAKE,
     "Vi glemte at invitere PPR til netværksmødet om en skolebørnsfamilie.",
     "Når vi ikke har en fast tjekliste, afhænger det af, hvem der har travlt den uge.",
     "En kort tjekliste til netværksmøder ligger nu i mødeskabelonen.", None),
    ("lars", DEPARTMENT, LearningPoint.Source.TRIAL,
     "Hjemmebesøg ved første samtale blev opgivet efter seks uger.",
     "Transporttiden tog for meget fra andre familier – men familierne satte pris på besøget. "
     "Et opgivet forsøg er også læring.",
     "Vi tilbyder hjemmebesøg til familier, der ikke er mødt op to gange.", None),
    ("sofie", SOUTH, LearningPoint.Source.OTHER,
     "En kollega fra Spædeteamet viste, hvordan de bruger ORS i samtaler med forældre med lav "
     "læsefærdighed.",
     "Skalaen kan læses højt og vises med fingrene – det gør målingen mulig for flere.",
     "Vi afprøver det i Syd de næste fire uger.", None),
)  # fmt: skip

# (behaviour, days ago, who or which team, what the leader saw)
RECOGNITIONS = (
    ("deler", 5, "Team Syd",
     "Fortalte åbent på personalemødet om indkaldelsen til den forkerte adresse, så alle kunne "
     "lære af den."),
    ("spoergsmaal", 12, "",
     "Spurgte på refleksionsmødet, hvilke data der ikke understøttede vurderingen af familien."),
    ("forslag", 20, "Team Nord", "Foreslog en fast tjekliste til netværksmøder."),
    ("feedback", 33, "",
     "Tog imod feedback på, hvordan målene var formuleret, og kom selv med et bedre forslag."),
)  # fmt: skip


def create_culture(town: Town, today: datetime.date) -> None:
    lars = town.staff["lars"]
    department = town.units[DEPARTMENT]
    for landmark in services.start_with_examples(by=lars, unit=department):
        if landmark.theme in INTENTS:
            intent, note = INTENTS[landmark.theme]
            services.update_landmark(
                by=lars, landmark=landmark, theme=landmark.theme, intent=intent, intent_note=note
            )
    _create_learning_log(town, today)
    for behaviour, days, recognised, description in RECOGNITIONS:
        services.create_recognition(
            by=lars,
            behaviour=behaviour,
            description=description,
            recognised_on=today - datetime.timedelta(days=days),
            recognised=recognised,
            unit=department,
        )
    _create_concerns(town)


def _create_learning_log(town: Town, today: datetime.date) -> None:
    intervention = town.interventions[FAMILY]
    for author, unit, source, happened, learned, do_now, discussed in POINTS:
        point = services.create_learning_point(
            by=town.staff[author],
            source=source,
            unit=town.units[unit],
            intervention=intervention,
            what_happened=happened,
            learned=learned,
            do_now=do_now,
        )
        if discussed is not None:
            services.mark_discussed(
                by=town.staff["lars"],
                point=point,
                discussed_on=today - datetime.timedelta(days=discussed),
            )


def _create_concerns(town: Town) -> None:
    lars, mette, sofie = (town.staff[name] for name in ("lars", "mette", "sofie"))
    initiative = Initiative.objects.get(
        intervention=town.interventions[FAMILY], title="ORS ved hver session"
    )
    services.raise_concern(
        by=mette,
        unit=town.units[NORTH],
        initiative=initiative,
        description="ORS ved hver session tager tid fra selve samtalen med familien.",
        background="Jeg er vant til at bruge de første minutter på at få familien til at lande.",
    )
    concern = services.raise_concern(
        by=sofie,
        unit=town.units[SOUTH],
        description="Jeg er usikker på, om prøvehandlinger betyder, at vi gør det forkert nu.",
    )
    services.respond_to_concern(
        by=lars,
        concern=concern,
        background="Vant til, at der er én rigtig måde at gøre tingene på.",
        response="Vi taler om, at en afprøvning er læring, også når den ikke virker. Du får "
        "ansvar for at vise de andre, hvordan du gør i praksis.",
        suggested_role="praktisk",
        status="i_dialog",
    )
    services.raise_concern(
        by=mette,
        unit=town.units[DEPARTMENT],
        description="Jeg frygter, at målingerne bliver brugt til at vurdere den enkelte behandler.",
        anonymous=True,
    )
