"""A development point entered directly for an intervention, not from a meeting (issue 5, item 2)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.reflection import services
from lovende.reflection.models import DevelopmentPoint

pytestmark = pytest.mark.django_db


def test_a_point_can_be_recorded_without_a_meeting(lars, intervention):
    point = services.create_development_point(
        by=lars, intervention=intervention, title="  Kortere ventetid  ", description="Data viser…"
    )

    assert (point.meeting, point.title, point.status) == (None, "Kortere ventetid", "aaben")


def test_a_point_without_a_meeting_needs_an_intervention(lars):
    with pytest.raises(ValidationError) as error:
        services.create_development_point(by=lars, title="Kortere ventetid")

    assert "Vælg den indsats" in str(error.value)


def test_a_point_cannot_be_recorded_for_another_organisations_intervention(karin, intervention):
    # covers ACL-04
    with pytest.raises(ValidationError) as error:
        services.create_development_point(by=karin, intervention=intervention, title="Fremmed")

    assert "anden organisation" in str(error.value)


def test_a_leader_writes_a_point_on_the_interventions_page(client, lars, intervention):
    client.force_login(lars)
    url = reverse("reflection:create_intervention_development_point", args=[intervention.pk])

    response = client.post(
        url, {"udviklingspunkt-title": "Flere fædre med", "udviklingspunkt-description": ""}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#udviklingspunkter")
    assert DevelopmentPoint.objects.get(intervention=intervention).title == "Flere fædre med"


def test_a_missing_title_is_shown_on_the_page_and_nothing_is_saved(client, lars, intervention):
    client.force_login(lars)
    url = reverse("reflection:create_intervention_development_point", args=[intervention.pk])

    response = client.post(url, {"udviklingspunkt-title": ""})

    assert response.status_code == 422
    assert "Skriv et udviklingspunkt direkte" in response.content.decode()
    assert not DevelopmentPoint.objects.exists()


def test_an_employee_may_not_write_points_and_sees_no_form(client, mette, intervention):
    client.force_login(mette)
    url = reverse("reflection:create_intervention_development_point", args=[intervention.pk])
    page = client.get(reverse("reflection:intervention_forum_list", args=[intervention.pk]))

    assert client.post(url, {"udviklingspunkt-title": "Mit punkt"}).status_code == 403
    assert "Skriv et udviklingspunkt direkte" not in page.content.decode()
    assert not DevelopmentPoint.objects.exists()


def test_another_organisation_gets_404(client, karin, intervention):
    # covers ACL-04
    client.force_login(karin)
    url = reverse("reflection:create_intervention_development_point", args=[intervention.pk])

    assert client.post(url, {"udviklingspunkt-title": "Fremmed"}).status_code == 404
