"""Every write to improvement work: quality teams (the team, its members, external partners and its
meeting forum) and improvement initiatives (create, from a development point, update, status).

Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.improvement import composition
from lovende.improvement.messages import composition_texts
from lovende.improvement.models import ExternalPartner, Initiative, QualityTeam, TeamMember
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.reflection import defaults
from lovende.reflection import services as reflection_services
from lovende.reflection.models import DevelopmentPoint, MeetingForum

# The handbook: the quality team meets often, e.g. monthly (Hæfte 2, §2.3).
TEAM_FORUM_FREQUENCY_WEEKS = 4
TEAM_FORUM_DURATION_MINUTES = 90
FORUM_NAME_LENGTH = 200  # MeetingForum.name


def _check_team(team: QualityTeam, organisation_id: int | None) -> None:
    errors = {}
    if not team.name.strip():
        errors["name"] = _("Giv kvalitetsteamet et navn.")
    if team.intervention.organisation_id != organisation_id:
        errors["intervention"] = _("Indsatsen hører til en anden organisation.")
    if team.unit and team.unit.organisation_id != organisation_id:
        errors["unit"] = _("Enheden hører til en anden organisation.")
    elif team.unit and not team.intervention.delivers_in(team.unit):
        errors["unit"] = _("Indsatsen %(intervention)s leveres ikke i enheden %(unit)s.") % {
            "intervention": team.intervention,
            "unit": team.unit,
        }
    clash = QualityTeam.objects.filter(
        intervention_id=team.intervention_id, name__iexact=team.name.strip()
    ).exclude(pk=team.pk)
    if "name" not in errors and clash.exists():
        errors["name"] = _("Indsatsen har allerede et kvalitetsteam med dette navn.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_team(
    *, by: User, intervention: Intervention, name: str, unit: Unit | None = None
) -> QualityTeam:
    """Create a quality team for an intervention in the actor's organisation."""
    team = QualityTeam(intervention=intervention, unit=unit, name=name.strip(), created_by=by)
    _check_team(team, by.organisation_id)
    team.save()
    return team


@transaction.atomic
def update_team(*, by: User, team: QualityTeam, name: str, unit: Unit | None) -> QualityTeam:
    """Rename the team or move it to another unit that delivers the intervention."""
    team.name, team.unit = name.strip(), unit
    _check_team(team, by.organisation_id)
    team.save(update_fields=["name", "unit"])
    return team


@transaction.atomic
def add_member(*, by: User, team: QualityTeam, user: User, role: str, position: str) -> TeamMember:
    """Add a colleague to the team; refuses staff of another organisation and a second seat."""
    errors = {}
    if user.organisation_id != team.intervention.organisation_id:
        errors["user"] = _("Medarbejderen hører til en anden organisation.")
    elif team.members.filter(user=user).exists():
        errors["user"] = _("%(name)s er allerede med i teamet.") % {"name": user}
    if role not in TeamMember.Role.values:
        errors["role"] = _(
            "Ukendt rolle. Vælg teamleder, teammedlem, fagprofessionel ekspert eller sponsor."
        )
    if position not in TeamMember.Position.values:
        errors["position"] = _("Ukendt stilling. Vælg leder eller frontmedarbejder.")
    if errors:
        raise ValidationError(errors)
    return TeamMember.objects.create(team=team, user=user, role=role, position=position)


@transaction.atomic
def remove_member(*, by: User, member: TeamMember) -> None:
    member.delete()


@transaction.atomic
def add_partner(
    *, by: User, team: QualityTeam, name: str, contribution: str = ""
) -> ExternalPartner:
    """Add a central partner from outside the organisation's staff."""
    if not name.strip():
        raise ValidationError({"name": _("Skriv samarbejdspartnerens navn.")})
    return ExternalPartner.objects.create(
        team=team, name=name.strip(), contribution=contribution.strip()
    )


@transaction.atomic
def remove_partner(*, by: User, partner: ExternalPartner) -> None:
    partner.delete()


def composition_warnings(team: QualityTeam) -> list[tuple[str, str]]:
    """The team's composition warnings as (message, fix), translated."""
    members = [m.for_check() for m in team.members.select_related("user__professional_group")]
    groups = [group.name for group in team.intervention.professional_groups.all()]
    return [composition_texts(w) for w in composition.check_composition(members, groups)]


@transaction.atomic
def create_team_forum(*, by: User, team: QualityTeam) -> MeetingForum:
    """Create the team's own meeting forum through the reflection app, monthly, with the members.

    The forum is at intervention level for the team's intervention (and unit); it can be changed
    afterwards like any other forum.
    """
    if team.forum_id is not None:
        raise ValidationError(_("Teamet har allerede et mødeforum."))
    forum = reflection_services.create_forum(
        by=by,
        participants=[member.user for member in team.members.select_related("user")],
        level=defaults.INTERVENTION,
        name=(_("Kvalitetsteam: %(name)s") % {"name": team.name})[:FORUM_NAME_LENGTH],
        intervention=team.intervention,
        unit=team.unit,
        purpose=_(
            "Kvalitetsteamet følger op på udviklingspunkter og støtter afprøvningshandlinger."
        ),
        meeting_form=_("Kvalitetsteammøde. Fast struktur."),
        frequency_weeks=TEAM_FORUM_FREQUENCY_WEEKS,
        duration_minutes=TEAM_FORUM_DURATION_MINUTES,
        participant_roles=[],
        content_template="\n".join(
            [
                _("Opfølgning på udviklingspunkter"),
                _("Status på forbedringstiltag og afprøvningshandlinger"),
                _("Data om forbedringsarbejdet"),
                _("Aftaler til næste møde"),
            ]
        ),
        relevant_data=_("Data om de udviklingspunkter og afprøvninger, teamet følger."),
    )
    team.forum = forum
    team.save(update_fields=["forum"])
    return forum


# What a form may change on an initiative; the rest (intervention, source, status) has its own way.
INITIATIVE_FIELDS = (
    "title",
    "unit",
    "aim",
    "aim_date",
    "outcome_measures",
    "process_measures",
    "balancing_measures",
    "change_ideas",
    "kind",
)


def _check_unit(initiative: Initiative, organisation_id: int | None) -> str | None:
    if initiative.unit is None:
        return None
    if initiative.unit.organisation_id != organisation_id:
        return _("Enheden hører til en anden organisation.")
    if not initiative.intervention.delivers_in(initiative.unit):
        return _("Indsatsen %(intervention)s leveres ikke i enheden %(unit)s.") % {
            "intervention": initiative.intervention,
            "unit": initiative.unit,
        }
    return None


def _check_initiative(
    initiative: Initiative, organisation_id: int | None, *, creating: bool
) -> None:
    errors = {}
    if not initiative.title.strip():
        errors["title"] = _("Giv forbedringstiltaget en titel.")
    if not initiative.aim.strip():
        errors["aim"] = _("Beskriv målet: Hvad vil I opnå?")
    if initiative.aim_date is None:
        errors["aim_date"] = _("Angiv, hvornår målet skal være nået.")
    elif creating and initiative.aim_date < timezone.localdate():
        errors["aim_date"] = _("Datoen for målet ligger i fortiden. Vælg i dag eller senere.")
    if initiative.kind and initiative.kind not in Initiative.Kind.values:
        errors["kind"] = _("Ukendt type forandring. Vælg organisatorisk, ideologisk eller teknisk.")
    if initiative.intervention.organisation_id != organisation_id:
        errors["intervention"] = _("Indsatsen hører til en anden organisation.")
    elif unit_error := _check_unit(initiative, organisation_id):
        errors["unit"] = unit_error
    if errors:
        raise ValidationError(errors)


def _clean_text(fields: dict[str, object]) -> dict[str, object]:
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in fields.items()
    }


@transaction.atomic
def create_initiative(
    *,
    by: User,
    intervention: Intervention,
    title: str,
    aim: str,
    aim_date: date | None,
    unit: Unit | None = None,
    outcome_measures: str = "",
    process_measures: str = "",
    balancing_measures: str = "",
    change_ideas: str = "",
    kind: str = "",
    development_point: DevelopmentPoint | None = None,
) -> Initiative:
    """Create an initiative with status idé, answering the Model for Improvement's questions.

    From a development point, the initiative must belong to the point's intervention, and an
    open point moves to "i gang" through the reflection app's own service.
    """
    if development_point is not None and development_point.intervention_id != intervention.pk:
        raise ValidationError({"intervention": _("Udviklingspunktet hører til en anden indsats.")})
    initiative = Initiative(
        intervention=intervention,
        unit=unit,
        development_point=development_point,
        aim_date=aim_date,
        created_by=by,
        **_clean_text(
            {
                "title": title,
                "aim": aim,
                "outcome_measures": outcome_measures,
                "process_measures": process_measures,
                "balancing_measures": balancing_measures,
                "change_ideas": change_ideas,
                "kind": kind,
            }
        ),
    )
    _check_initiative(initiative, by.organisation_id, creating=True)
    initiative.save()
    if development_point and development_point.status == DevelopmentPoint.Status.OPEN:
        reflection_services.set_development_point_status(
            by=by, point=development_point, status=DevelopmentPoint.Status.IN_PROGRESS
        )
    return initiative


def initial_from_point(point: DevelopmentPoint) -> dict[str, str]:
    """The form's starting values for an initiative grown from ``point``."""
    return {"title": point.title, "aim": point.description}


@transaction.atomic
def update_initiative(*, by: User, initiative: Initiative, **fields: object) -> Initiative:
    """Change the Model for Improvement's answers; an aim date already passed is kept."""
    unknown = set(fields) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"update_initiative() got unexpected fields {sorted(unknown)}")
    for name, value in _clean_text(fields).items():
        setattr(initiative, name, value)
    _check_initiative(initiative, by.organisation_id, creating=False)
    initiative.save(update_fields=list(fields))
    return initiative


@transaction.atomic
def set_initiative_status(*, by: User, initiative: Initiative, status: str) -> Initiative:
    """Move an initiative to another column of the status board."""
    if status not in Initiative.Status.values:
        raise ValidationError({"status": _("Ukendt status for forbedringstiltaget.")})
    initiative.status = status
    initiative.save(update_fields=["status"])
    return initiative
