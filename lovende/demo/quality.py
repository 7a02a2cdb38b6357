"""The demo's quality team for family treatment, with one composition warning on purpose.

Psychology delivers the intervention but only has a frontline psychologist on the team, so the
composition check has exactly one thing to point at: Psykologi has no leader in the team.
"""

from lovende.demo.interventions import FAMILY
from lovende.demo.tree import Town
from lovende.improvement import services
from lovende.improvement.models import QualityTeam

TEAM_NAME = "Kvalitetsteam for familiebehandling"


def create_quality_team(town: Town) -> QualityTeam:
    lars, mette, jens = (town.staff[name] for name in ("lars", "mette", "jens"))
    psychologist = next(
        user
        for user in town.employees["Familiebehandling"]
        if user.professional_group and user.professional_group.name == "Psykologi"
    )
    team = services.create_team(by=lars, intervention=town.interventions[FAMILY], name=TEAM_NAME)
    for user, role, position in (
        (lars, "teamleder", "leder"),
        (mette, "teammedlem", "frontmedarbejder"),
        (psychologist, "fagprofessionel_ekspert", "frontmedarbejder"),
        (jens, "sponsor", "leder"),
    ):
        services.add_member(by=lars, team=team, user=user, role=role, position=position)
    services.add_partner(
        by=lars,
        team=team,
        name="PPR",
        contribution="Pædagogisk Psykologisk Rådgivning: viden om børnenes skole og trivsel",
    )
    return team
