"""The handbook's table of meeting forums at the three levels (Hæfte 2, §2.2). Pure: no Django.

The texts are the seed's own Danish wording. They are marked with ``_`` (a no-op here) so
makemessages picks them up; the views translate them with gettext when they fill in a form.
"""

from dataclasses import dataclass


def _(text: str) -> str:
    """Mark ``text`` for translation without translating it (this module stays Django-free)."""
    return text


# Levels (borgerniveau, indsatsniveau, organisatorisk niveau); models.Level reuses these codes.
CITIZEN = "borger"
INTERVENTION = "indsats"
ORGANISATION = "organisation"
LEVELS = (CITIZEN, INTERVENTION, ORGANISATION)

# Planned participants described by role rather than by name; models.ParticipantRole labels them.
COURSE_STAFF = "forloebets_medarbejdere"
FRONTLINE_STAFF = "indsatsens_medarbejdere"
PROFESSIONAL_LEADERS = "faglige_ledere"
INTERVENTION_LEADERS = "indsatsens_ledere"
ORGANISATION_LEADERS = "relevante_ledere"
CONSULTANTS = "udviklingskonsulenter"
KEY_PERSONS = "noeglepersoner"
CITIZEN_PARTICIPANT = "borgeren"
PARTICIPANT_ROLES = (
    COURSE_STAFF,
    FRONTLINE_STAFF,
    PROFESSIONAL_LEADERS,
    INTERVENTION_LEADERS,
    ORGANISATION_LEADERS,
    CONSULTANTS,
    KEY_PERSONS,
    CITIZEN_PARTICIPANT,
)
# Roles that put frontline staff (udførende medarbejdere) around the table.
FRONTLINE_ROLES = frozenset({COURSE_STAFF, FRONTLINE_STAFF})

WEEKS_PER_QUARTER = 13
WEEKS_PER_HALF_YEAR = 26


@dataclass(frozen=True)
class ForumDefaults:
    """What the handbook suggests for a meeting forum at one level."""

    level: str
    name: str
    purpose: str
    meeting_form: str
    frequency_weeks: int
    duration_minutes: int
    participants: str  # the seed's words for the participants, shown beside the choices
    participant_roles: tuple[str, ...]
    agenda: tuple[str, ...]
    relevant_data: str
    duration_note: str = ""


DEFAULTS = {
    CITIZEN: ForumDefaults(
        level=CITIZEN,
        name=_("Forløbsmøde"),
        purpose=_(
            "Drøftelse af det konkrete forløb, hvor en borger modtager indsatsen.\n"
            "Justering af det konkrete forløb ved behov."
        ),
        meeting_form=_("Løbende opfølgning, sparring. Fast struktur."),
        frequency_weeks=2,
        duration_minutes=30,
        participants=_(
            "Alle medarbejdere, der er involveret i det konkrete forløb. De faglige ledere."
        ),
        participant_roles=(COURSE_STAFF, PROFESSIONAL_LEADERS),
        agenda=(
            _("Gennemgang af data om det konkrete forløb"),
            _("Refleksion over data"),
            _("Drøftelse af fremadrettet indsats"),
        ),
        relevant_data=_(
            "Alle data om det konkrete forløb, herunder observationer, feedback fra borger og data om progression."
        ),
    ),
    INTERVENTION: ForumDefaults(
        level=INTERVENTION,
        name=_("Fagligt refleksionsmøde om indsatsen"),
        purpose=_(
            "Drøftelse af jeres samlede indsats.\n"
            "Drøftelse af ny viden om virksomme metoder til jeres målgruppe.\n"
            "Justering af jeres samlede indsats ved behov."
        ),
        meeting_form=_("Faglig udvikling. Struktur tilpasset indhold."),
        frequency_weeks=WEEKS_PER_QUARTER,
        duration_minutes=120,
        participants=_("Alle ledere og medarbejdere, som er involveret i jeres samlede indsats."),
        participant_roles=(INTERVENTION_LEADERS, FRONTLINE_STAFF),
        agenda=(
            _("Gennemgang af data om jeres samlede indsats"),
            _("Refleksion over data"),
            _("Drøftelse af evt. ny viden"),
            _("Planlægge udviklingstiltag mhp. justering af jeres samlede indsats"),
        ),
        relevant_data=_(
            "Alle data, der siger noget om jeres samlede indsats på tværs af borgerforløb, herunder observationer, feedback fra borger og data om progression."
        ),
    ),
    ORGANISATION: ForumDefaults(
        level=ORGANISATION,
        name=_("Chefmøde om målgruppen"),
        purpose=_(
            "Drøftelse af erfaringer med og resultater af den samlede indsats.\n"
            "Sammenligning med andre indsatser til jeres målgruppe.\n"
            "Prioritering af ressourcer."
        ),
        meeting_form=_("Chefmøde."),
        frequency_weeks=WEEKS_PER_HALF_YEAR,
        duration_minutes=120,
        duration_note=_("Varighed varierer."),
        participants=_("Relevante ledere i organisationen. Evt. nøglepersoner."),
        participant_roles=(ORGANISATION_LEADERS, KEY_PERSONS),
        agenda=(
            _("Præsentation af data"),
            _("Drøftelse af strategi for det samlede område"),
            _("Drøftelse af justering af de forskellige indsatser på et overordnet niveau"),
        ),
        relevant_data=_(
            "Data udvælges med udgangspunkt i konkrete behov til det enkelte møde. Oftest kvantitative data og borgerfeedback."
        ),
    ),
}


def defaults_for(level: str) -> ForumDefaults:
    """The handbook's suggestion for ``level``; KeyError for an unknown level."""
    return DEFAULTS[level]
