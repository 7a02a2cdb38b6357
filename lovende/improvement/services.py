"""Every write to quality teams: the team, its members, external partners and its meeting forum.

Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lovende.improvement import composition
from lovende.improvement.messages import composition_texts
from lovende.improvement.models import ExternalPartner, QualityTeam, TeamMember
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.reflection import defaults
from lovende.reflection import services as reflection_services
from lovende.reflection.models import MeetingForum

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
