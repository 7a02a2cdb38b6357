import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.culture import permissions, services
from lovende.culture.models import Concern
from tests.culture.conftest import make_concern
from tests.improvement.conftest import make_initiative

pytestmark = pytest.mark.django_db


def test_it_stores_no_link_to_the_person_behind_an_anonymous_concern(
    client_for, mette, tree, nord_team
):
    data = {"description": "Jeg er bange for at miste tid med familierne.", "unit": tree.nord.pk}

    client_for(mette).post(reverse("culture:raise_concern"), {**data, "anonymous": "on"})

    concern = Concern.objects.get()
    row = Concern.objects.filter(pk=concern.pk).values().get()
    assert concern.raised_by_id is None
    assert mette.pk not in [
        v for k, v in row.items() if k not in ("id", "organisation_id", "unit_id")
    ]
    assert not any(str(mette.username) in str(value) for value in row.values())
    assert set(row) == {
        "id",
        "organisation_id",
        "unit_id",
        "initiative_id",
        "scaling_target_id",
        "description",
        "background",
        "response",
        "suggested_role",
        "status",
        "raised_by_id",
        "raised_on",
    }  # fmt: skip  (a date, not a timestamp: no time to match against who was logged in)


def test_it_cannot_show_an_anonymous_concern_to_its_author(client_for, mette, tree, nord_team):
    # The trade-off of real anonymity: nothing ties the concern to Mette, so she cannot find it.
    concern = make_concern(mette, unit=tree.nord, anonymous=True)

    listing = client_for(mette).get(reverse("culture:concern_list"))
    detail = client_for(mette).get(reverse("culture:concern_detail", args=[concern.pk]))

    assert list(listing.context["page"]) == []
    assert detail.status_code == 404


def test_it_says_on_the_form_what_is_stored(client_for, mette):
    response = client_for(mette).get(reverse("culture:raise_concern"))

    assert "ikke dit navn, og ikke klokkeslættet" in response.content.decode()


def test_it_shows_a_named_concern_to_its_author_and_the_leader_above(client_for, mette, lars, tree):
    concern = make_concern(mette, unit=tree.nord)
    url = reverse("culture:concern_detail", args=[concern.pk])

    assert client_for(mette).get(url).status_code == 200
    assert client_for(lars).get(url).status_code == 200


def test_it_hides_a_concern_from_other_employees_and_leaders_elsewhere(
    client_for, mette, sofie, hanne, tree
):
    concern = make_concern(mette, unit=tree.syd)
    url = reverse("culture:concern_detail", args=[concern.pk])

    assert client_for(sofie).get(url).status_code == 404
    assert client_for(hanne).get(url).status_code == 404


def test_it_lets_the_leader_respond_and_the_author_read_the_response(client_for, mette, lars, tree):
    concern = make_concern(mette, unit=tree.nord)
    data = {
        "background": "Vant til at løse opgaverne som altid.",
        "response": "Du får ansvar for borgerperspektivet.",
        "suggested_role": "faellesskab",
        "status": "i_dialog",
    }

    client_for(lars).post(reverse("culture:respond_to_concern", args=[concern.pk]), data)

    page = client_for(mette).get(reverse("culture:concern_detail", args=[concern.pk])).content
    assert "Du får ansvar for borgerperspektivet." in page.decode()
    assert Concern.objects.get().status == "i_dialog"


def test_it_refuses_the_author_responding_to_their_own_concern(client_for, mette, tree):
    concern = make_concern(mette, unit=tree.nord)
    url = reverse("culture:respond_to_concern", args=[concern.pk])

    assert client_for(mette).post(url, {"status": "haandteret"}).status_code == 403


def test_it_asks_for_a_response_before_a_concern_is_handled(lars, mette):
    concern = make_concern(mette)

    with pytest.raises(ValidationError) as error:
        services.respond_to_concern(
            by=lars,
            concern=concern,
            background="",
            response="",
            suggested_role="",
            status="haandteret",
        )

    assert "response" in error.value.message_dict


def test_it_counts_open_concerns_about_an_initiative_as_permitted(
    lars, mette, sofie, intervention, tree
):
    initiative = make_initiative(lars, intervention)
    make_concern(mette, unit=tree.nord, initiative=initiative)
    handled = make_concern(sofie, unit=tree.syd, initiative=initiative)
    services.respond_to_concern(
        by=lars,
        concern=handled,
        background="",
        response="Aftalt.",
        suggested_role="",
        status="haandteret",
    )

    assert permissions.open_concerns_for_initiative(lars, initiative).count() == 1
    assert permissions.open_concerns_for_initiative(sofie, initiative).count() == 0
    assert permissions.open_concerns_for_initiative(mette, initiative).count() == 1
