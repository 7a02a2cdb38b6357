import pytest
from django.urls import reverse

from lovende.improvement import services
from lovende.organisation import services as org_services

pytestmark = pytest.mark.django_db


def test_it_shows_members_groups_and_the_warnings_with_their_fixes(
    client_for, lars, mette, groups, team
):
    family, _ = groups
    for user in (lars, mette):
        org_services.update_staff(staff=user, professional_group=family)
    services.add_member(by=lars, team=team, user=lars, role="teamleder", position="leder")
    services.add_member(
        by=lars, team=team, user=mette, role="teammedlem", position="frontmedarbejder"
    )
    services.add_partner(by=lars, team=team, name="PPR", contribution="Skolepsykologer")

    page = (
        client_for(mette).get(reverse("improvement:team_detail", args=[team.pk])).content.decode()
    )

    for text in ("Mette Holm", "Teammedlem", "Frontmedarbejder", "PPR", "Skolepsykologer"):
        assert text in page
    assert (
        "Faggruppen Psykologi er hverken repræsenteret af en leder eller en frontmedarbejder."
        in page
    )
    assert "Tilføj en leder som sponsor" in page
    assert "Faggruppen Familiebehandling" not in page


def test_it_shows_an_employee_the_team_without_the_forms(client_for, mette, team):
    page = (
        client_for(mette).get(reverse("improvement:team_detail", args=[team.pk])).content.decode()
    )

    assert "Kvalitetsteam Familie" in page
    assert "Tilføj medlem" not in page
    assert "Opret teamets mødeforum" not in page


def test_it_offers_a_manager_the_forms_and_the_forum_button(client_for, lars, team):
    page = client_for(lars).get(reverse("improvement:team_detail", args=[team.pk])).content.decode()

    assert "Tilføj medlem" in page
    assert "Opret teamets mødeforum" in page


def test_it_answers_404_to_another_organisation(client_for, karin, team):
    assert (
        client_for(karin).get(reverse("improvement:team_detail", args=[team.pk])).status_code == 404
    )


def test_it_lists_the_organisations_teams_only(client_for, mette, karin, team):
    assert (
        "Kvalitetsteam Familie"
        in client_for(mette).get(reverse("improvement:team_list")).content.decode()
    )
    assert (
        "Kvalitetsteam Familie"
        not in client_for(karin).get(reverse("improvement:team_list")).content.decode()
    )


def test_it_links_the_teams_from_the_intervention_page(client_for, mette, intervention):
    page = (
        client_for(mette)
        .get(reverse("interventions:intervention_detail", args=[intervention.pk]))
        .content.decode()
    )

    assert reverse("improvement:intervention_team_list", args=[intervention.pk]) in page
