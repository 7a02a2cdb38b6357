"""The demo's learning culture in family treatment: the handbook's landmarks for the department
with two marked intents, a learning log, recognitions and three concerns (one anonymous); two
closed culture survey rounds with a visible trend and an open one, and Lars's 360° round.

Written through the culture services, as Lars (the department leader), Mette and Sofie.
Points and recognitions are spread over the last weeks so the pages read like a living log.
"""

import datetime
import random

from lovende.culture import permissions, services, survey_services
from lovende.culture.models import Landmark, LearningPoint, SurveyRound
from lovende.demo.interventions import FAMILY
from lovende.demo.tree import NORTH, SOUTH, Town
from lovende.improvement.models import Initiative
from lovende.organisation.models import Role, User

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
    create_surveys(town, today)


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


# Culture surveys and Lars's 360° feedback (part B) --------------------------------------------

SURVEY_SEED = 2692  # the survey answers are drawn from their own generator: reproducible

# (title, days ago it opened, days ago it closed, mean per theme, comments). The themes not
# named keep the base mean; the second round shows the change the department aimed for
# («Opmuntring til udvikling og forbedring»).
BASE_MEAN = 3.6
SURVEY_ROUNDS = (
    ("Kulturmåling, 1. runde", 230, 216,
     {"Opmuntring til udvikling og forbedring": 2.7, "Effektivt teamsamarbejde": 3.9,
      "Anerkendelse af viden og læring": 3.2},
     ("Vi taler for lidt om det, der går galt – det bliver hurtigt personligt.",
      "Personalemøderne handler mest om drift.",
      "God stemning i teamet, men nye idéer bliver ofte skudt ned.")),
    ("Kulturmåling, 2. runde", 60, 46,
     {"Opmuntring til udvikling og forbedring": 3.6, "Effektivt teamsamarbejde": 4.1,
      "Anerkendelse af viden og læring": 3.7},
     ("Læringspunkterne på personalemøderne har gjort det lettere at sige, når noget gik galt.",
      "Jeg savner stadig tid til at dele ny forskning.",
      "Prøvehandlingerne har givet mere mod på at afprøve nyt.")),
)  # fmt: skip

FEEDBACK_COLLEAGUE_UNITS = ("Familiehuset", "Sundhedspleje", "Myndighed Børn og Familie")
# Lars's own view, and how far the others' view lies below or above it, per theme.
SELF_VIEW = {"Rollemodel": 4, "Vidensbaseret kvalitetsudvikling": 4,
             "Den menneskelige side af forandringer": 3, "Dilemmaer": 3}  # fmt: skip
OTHERS_VIEW = {"Rollemodel": 3.4, "Vidensbaseret kvalitetsudvikling": 3.9,
               "Den menneskelige side af forandringer": 3.9, "Dilemmaer": 3.2}  # fmt: skip


def create_surveys(town: Town, today: datetime.date) -> None:
    """Two closed culture rounds for the department, an open one, and Lars's 360° round."""
    rng = random.Random(SURVEY_SEED)  # noqa: S311 - demo answers, not a secret
    lars = town.staff["lars"]
    department = town.units[DEPARTMENT]
    respondents = list(permissions.culture_respondents(department).order_by("pk"))
    for title, opened, closed, means, comments in SURVEY_ROUNDS:
        survey = survey_services.open_survey_round(
            by=lars, unit=department, title=title, closes_on=today
        )
        _answer(survey, respondents[: len(respondents) - 3], rng, means, comments)
        survey_services.close_survey_round(by=lars, survey=survey)
        _backdate(survey, today, opened, closed)
    current = survey_services.open_survey_round(
        by=lars,
        unit=department,
        title="Kulturmåling, 3. runde",
        closes_on=today + datetime.timedelta(days=10),
    )
    others = [user for user in respondents if user.username not in ("mette", "lars")]
    _answer(current, others[:3], rng, {}, ())
    _create_feedback(town, today, rng)


def _answer(
    survey: SurveyRound,
    users: list[User],
    rng: random.Random,
    means: dict[str, float],
    comments: tuple[str, ...],
) -> None:
    items = list(survey.items.all())
    for number, user in enumerate(users):
        answers = {
            item.pk: min(5, max(1, round(rng.gauss(means.get(item.theme, BASE_MEAN), 0.8))))
            for item in items
        }
        comment = comments[number] if number < len(comments) else ""
        survey_services.answer_survey(by=user, survey=survey, answers=answers, comment=comment)


def _backdate(survey: SurveyRound, today: datetime.date, opened: int, closed: int) -> None:
    # The demo needs rounds from the past; the services only open rounds from today on.
    SurveyRound.objects.filter(pk=survey.pk).update(
        opens_on=today - datetime.timedelta(days=opened),
        closes_on=today - datetime.timedelta(days=closed),
    )


def _create_feedback(town: Town, today: datetime.date, rng: random.Random) -> None:
    lars = town.staff["lars"]
    department = town.units[DEPARTMENT]
    colleagues = [town.staff["hanne"], town.staff["jens"]] + [
        role.user
        for role in Role.objects.filter(
            unit__in=[town.units[name] for name in FEEDBACK_COLLEAGUE_UNITS],
            kind=Role.Kind.LEADER,
        ).select_related("user")
    ]
    survey = survey_services.open_feedback_round(
        by=lars, unit=department, title="360°-feedback 2026", closes_on=today, invitees=colleagues
    )
    employees = list(permissions.survey_respondents(department, subject=lars).order_by("pk"))
    _answer(survey, employees[:8] + colleagues[:5], rng, OTHERS_VIEW, ())
    items = list(survey.items.all())
    survey_services.record_self_assessment(
        by=lars, survey=survey, answers={item.pk: SELF_VIEW[item.theme] for item in items}
    )
    survey_services.close_survey_round(by=lars, survey=survey)
    _backdate(survey, today, 40, 26)
    survey_services.write_leader_note(
        by=lars,
        survey=survey,
        text="Medarbejderne oplever mig mere forstående, end jeg selv troede – men jeg viser "
        "sjældent usikkerhed. Næste personalemøde: fortæl om en beslutning, jeg var i tvivl om.",
    )
