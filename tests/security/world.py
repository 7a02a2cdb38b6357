"""The compact world for the permission matrix (SECURITY ACL-02, ACL-04).

One organisation with a unit tree, and a neighbouring one::

    Forvaltning (root)
      Afdeling (parent)
        Team (unit)           <- every object the URLs address lives here
          Underteam (child)
        Søsterteam (sibling)
      Pilot                   <- the scaling plan's pilot, no subject works here
    Matrix Nabokommune / Nabocenter (other)

The objects are made by ``eva`` (employee in Team) and ``leo`` (4th-level leader of Team), the
people who work there. Test subjects are separate users, one per (role kind, position).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from lovende.citizens import services as citizen_services
from lovende.culture import services as culture_services
from lovende.culture import survey_services
from lovende.culture.models import Eligibility, SurveyItem, SurveyRound
from lovende.improvement import services as improvement_services
from lovende.improvement import trials
from lovende.improvement.measures import add_value, create_measure
from lovende.improvement.models import TeamMember
from lovende.instruments import services as instrument_services
from lovende.interventions import services as intervention_services
from lovende.measurements import services as measurement_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Organisation, Role, Unit, User
from lovende.reflection import packs
from lovende.reflection import services as reflection_services
from lovende.scaling import plans
from lovende.scaling.models import Description, Element, PracticeAssessment
from tests.conftest import make_staff

POSITIONS = ("own", "parent", "child", "sibling", "other")
ROLE_KINDS = ("employee", "leader3", "leader4", "consultant", "administrator", "none")
# A user without a role has no position in the tree: only "in the organisation" or not.
NO_ROLE_POSITIONS = ("own", "other")


def cells() -> list[tuple[str, str]]:
    """Every (role kind, position) the matrix tests."""
    return [
        (kind, position)
        for kind in ROLE_KINDS
        for position in (NO_ROLE_POSITIONS if kind == "none" else POSITIONS)
    ]


@dataclass
class World:
    organisation: Organisation
    other_organisation: Organisation
    units: dict[str, Unit]
    objects: dict[str, object] = field(default_factory=dict)
    subjects: dict[tuple[str, str], User] = field(default_factory=dict)


def _role(user: User, unit: Unit, kind: str) -> None:
    if kind == "none":
        return
    if kind.startswith("leader"):
        org_services.assign_role(
            user=user, unit=unit, kind=Role.Kind.LEADER, management_level=int(kind[-1])
        )
    else:
        kinds = {"employee": Role.Kind.EMPLOYEE, "consultant": Role.Kind.CONSULTANT}
        kinds["administrator"] = Role.Kind.ADMINISTRATOR
        org_services.assign_role(user=user, unit=unit, kind=kinds[kind])


def _tree() -> tuple[Organisation, Organisation, dict[str, Unit]]:
    org = Organisation.objects.create(name="Matrixkommune")
    other = Organisation.objects.create(name="Matrix Nabokommune")
    root = org_services.create_unit(organisation=org, name="Forvaltning", kind="forvaltning")
    parent = org_services.create_unit(
        organisation=org, name="Afdeling", kind="afdeling", parent=root
    )
    unit = org_services.create_unit(organisation=org, name="Team", kind="team", parent=parent)
    child = org_services.create_unit(organisation=org, name="Underteam", kind="team", parent=unit)
    sibling = org_services.create_unit(
        organisation=org, name="Søsterteam", kind="team", parent=parent
    )
    # The scaling plan's pilot: delivers the intervention, and is no subject's position.
    pilot = org_services.create_unit(organisation=org, name="Pilot", kind="team", parent=root)
    neighbour = org_services.create_unit(organisation=other, name="Nabocenter", kind="center")
    units = {
        "root": root,
        "parent": parent,
        "own": unit,
        "child": child,
        "sibling": sibling,
        "pilot": pilot,
    }
    return org, other, {**units, "other": neighbour}


def _subjects(world: World) -> None:
    for number, (kind, position) in enumerate(cells()):
        organisation = world.other_organisation if position == "other" else world.organisation
        user = make_staff(organisation, f"u{number}-{kind}-{position}", kind.title(), position)
        _role(user, world.units[position], kind)
        world.subjects[kind, position] = user


def _citizen_objects(world: World, eva: User) -> None:
    o = world.objects
    course = citizen_services.create_citizen(
        by=eva, context=None, first_name="Matrix", last_name="Borgersen",
        birth_date=datetime.date(2012, 5, 4), gender="kvinde", cpr="0405124321",
        intervention=o["intervention"], unit=world.units["own"],
        start_date=datetime.date(2025, 1, 6), responsible=[eva],
    )  # fmt: skip
    o["course"], o["citizen"] = course, course.citizen
    o["goal"] = course.goals.create(title="Gå i skole hver dag")
    o["measurement"] = measurement_services.record_measurement(
        by=eva, context=None, course=course, instrument=o["instrument"],
        answers={"individuelt": 5, "relationer": 5, "socialt": 5, "generelt": 5},
        measured_on=datetime.date(2025, 2, 3),
    )  # fmt: skip


def _reflection_objects(world: World, eva: User, leo: User) -> None:
    o, unit = world.objects, world.units["own"]
    o["forum"] = reflection_services.create_forum(
        by=leo, participants=[eva, leo], level="borger", name="Borgerrefleksion",
        intervention=o["intervention"], unit=unit, purpose="Drøftelse af forløb.",
        meeting_form="Faglig sparring.", frequency_weeks=4, duration_minutes=60,
        participant_roles=[], content_template="Gennemgang", relevant_data="Progression",
    )  # fmt: skip
    first = datetime.datetime(2025, 3, 3, 9, tzinfo=datetime.UTC)
    o["meeting"] = reflection_services.schedule_meetings(
        by=leo, forum=o["forum"], first_starts_at=first, count=1, now=first
    )[0]
    o["follow_up"] = reflection_services.add_follow_up(
        by=leo, meeting=o["meeting"], text="Ring til skolen", owner=eva
    )
    o["development_point"] = reflection_services.create_development_point(
        by=leo, meeting=o["meeting"], title="Flere målinger", description="Vi måler for sjældent."
    )
    o["pack"] = packs.generate_data_pack(by=leo, meeting=o["meeting"])


def _improvement_objects(world: World, eva: User, leo: User) -> None:
    o, unit = world.objects, world.units["own"]
    o["team"] = improvement_services.create_team(
        by=leo, intervention=o["intervention"], name="Kvalitetsteam", unit=unit
    )
    o["member"] = improvement_services.add_member(
        by=leo,
        team=o["team"],
        user=eva,
        role=TeamMember.Role.TEAM_MEMBER,
        position=TeamMember.Position.FRONTLINE,
    )
    o["partner"] = improvement_services.add_partner(by=leo, team=o["team"], name="Skolen")
    o["initiative"] = improvement_services.create_initiative(
        by=leo, intervention=o["intervention"], title="Mål hver gang", aim="ORS ved 90 %",
        aim_date=timezone.localdate() + datetime.timedelta(days=90), unit=unit,
    )  # fmt: skip
    o["trial"] = trials.create_trial(
        by=leo, initiative=o["initiative"], title="ORS i første samtale", plan="Alle spørger",
        who="Teamet", where="Team", start_date=timezone.localdate(),
        end_date=timezone.localdate() + datetime.timedelta(days=14),
        prediction="Flere målinger", courses=[],
    )  # fmt: skip
    o["measure"] = create_measure(
        by=leo, initiative=o["initiative"], name="Andel målt", kind="proces", source="manuel",
        chart_type="run",
    )  # fmt: skip
    o["value"] = add_value(
        by=leo, measure=o["measure"], period=timezone.localdate() - datetime.timedelta(days=7),
        value=3,
    )  # fmt: skip


def _culture_objects(world: World, eva: User, leo: User) -> None:
    o, unit = world.objects, world.units["own"]
    o["landmark"] = culture_services.create_landmark(by=leo, unit=unit, theme="Teamsamarbejde")
    o["statement"] = culture_services.add_statement(
        by=leo, landmark=o["landmark"], text="Teamet er større end de enkelte."
    )
    o["learning_point"] = culture_services.create_learning_point(
        by=eva, source="fejl", what_happened="Glemt indkaldelse", learned="Tjekliste",
        do_now="Brug tjeklisten", unit=unit,
    )  # fmt: skip
    o["recognition"] = culture_services.create_recognition(
        by=leo, behaviour="deler", description="Delte en fejl på teammødet.",
        recognised_on=timezone.localdate() - datetime.timedelta(days=3), unit=unit,
    )  # fmt: skip
    o["concern"] = culture_services.raise_concern(
        by=eva, description="Dokumentation tager tid.", unit=unit
    )
    today = timezone.localdate()
    survey = SurveyRound.objects.create(
        organisation=world.organisation, unit=unit, kind=SurveyRound.Kind.CULTURE,
        title="Kulturmåling", opened_by=leo, opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=14), threshold=3,
    )  # fmt: skip
    SurveyItem.objects.create(round=survey, theme="Teamsamarbejde", text="Vi deler", order=1)
    Eligibility.objects.create(round=survey, user=eva)
    o["round"] = survey
    o["note"] = survey_services.write_leader_note(by=leo, text="Lyt mere.")
    o["share"] = survey_services.share_reflection(by=leo, colleague=eva)


def _scaling_objects(world: World, eva: User, leo: User, ida: User) -> None:
    o, unit = world.objects, world.units["own"]
    description = Description.objects.create(
        intervention=o["intervention"], version=1, target_group="Familier", goals="Trivsel",
        created_by=ida,
    )  # fmt: skip
    Element.objects.create(description=description, key="ors", kind="kerne", name="ORS", order=0)
    Element.objects.create(description=description, key="sted", kind="tilpasning", name="Sted")
    o["description"] = description
    o["assessment"] = PracticeAssessment.objects.create(
        intervention=o["intervention"], assessed_on=timezone.localdate(), created_by=ida
    )
    o["plan"] = plans.create_plan(
        by=ida,
        intervention=o["intervention"],
        name="Til hele afdelingen",
        pilot_units=[world.units["pilot"]],
    )
    o["target"] = plans.add_target(by=ida, plan=o["plan"], unit=unit, owner=leo)
    o["adaptation"] = plans.propose_adaptation(
        by=eva, target=o["target"], element_key="sted", proposal="Mødes på skolen"
    )
    o["idea"] = plans.propose_idea(by=eva, target=o["target"], text="Brug skolens lokaler")


def build_world() -> World:
    organisation, other, units = _tree()
    world = World(organisation, other, units)
    own = units["own"]
    eva = make_staff(organisation, "eva", "Eva", "Holm")
    org_services.assign_role(user=eva, unit=own, kind=Role.Kind.EMPLOYEE)
    leo = make_staff(organisation, "leo", "Leo", "Lind")
    org_services.assign_role(user=leo, unit=own, kind=Role.Kind.LEADER, management_level=4)
    ida = make_staff(organisation, "ida-matrix", "Ida", "Krogh")
    org_services.assign_role(user=ida, unit=units["root"], kind=Role.Kind.ADMINISTRATOR)
    o = world.objects
    o["group"] = org_services.create_professional_group(organisation=organisation, name="Psykologi")
    o["intervention"] = intervention_services.save_intervention(
        organisation=organisation, name="Familiebehandling", target_group="Familier",
        units=[own, units["pilot"]], professional_groups=[o["group"]], status="etableret",
    )  # fmt: skip
    o["cost"] = intervention_services.record_intervention_cost(
        by=ida, intervention=o["intervention"], year=2025, amount=100000
    )
    o["instrument"] = instrument_services.install_builtin(organisation=organisation, code="ors")
    instrument_services.enable_instrument(
        instrument=o["instrument"], intervention=o["intervention"]
    )
    o["unit"], o["staff"], o["role"] = own, eva, eva.roles.get()
    o["eva"], o["leo"], o["ida"] = eva, leo, ida
    _citizen_objects(world, eva)
    _reflection_objects(world, eva, leo)
    _improvement_objects(world, eva, leo)
    _culture_objects(world, eva, leo)
    _scaling_objects(world, eva, leo, ida)
    _subjects(world)
    return world
