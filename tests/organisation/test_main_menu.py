"""The main menu offers a section only to those it has something for (base.html's nav flags)."""

import re

import pytest
from django.urls import reverse

from lovende.audit.services import set_log_reviewer
from lovende.organisation.models import User
from tests.conftest import Tree, make_staff

NAV = re.compile(r'<nav class="lovende-nav".*?</nav>', re.DOTALL)
HREF = re.compile(r'href="([^"]+)"')
ROLE_SECTIONS = {
    reverse("interventions:intervention_list"),
    reverse("organisation:unit_list"),
    reverse("reflection:forum_list"),
    reverse("improvement:board"),
    reverse("scaling:plan_list"),
    reverse("culture:overview"),
}


def menu(response) -> set[str]:
    return set(HREF.findall(NAV.search(response.content.decode()).group()))


@pytest.fixture
def bo(tree: Tree) -> User:
    """A log reviewer with no role: audit.review_access_log and nothing else."""
    user = make_staff(tree.organisation, "bo", "Bo", "Rørsdal")
    return set_log_reviewer(user=user, reviewer=True)


def test_it_shows_a_log_reviewer_without_a_role_only_the_access_log(client_for, bo):
    client = client_for(bo)

    response = client.get(reverse("audit:access_log"))

    assert response.status_code == 200
    assert menu(response) == {reverse("audit:access_log")}


def test_it_shows_a_user_with_a_role_the_role_sections(client_for, mette):
    client = client_for(mette)

    response = client.get(reverse("interventions:intervention_list"))

    assert ROLE_SECTIONS | {reverse("citizens:course_list")} == menu(response)


@pytest.mark.parametrize(
    "name",
    [
        "audit:access_log",
        "audit:spot_check_list",
        "accounts:totp_setup",
        # Not in his menu, but still answers: the start page sends him to the unit list.
        "organisation:unit_list",
    ],
)
def test_it_still_renders_the_pages_a_log_reviewer_reaches(client_for, bo, name):
    client = client_for(bo)

    response = client.get(reverse(name), follow=True)

    assert response.status_code == 200


def test_the_start_page_sends_a_log_reviewer_without_a_role_to_the_access_log(client_for, bo):
    response = client_for(bo).get(reverse("home"))

    assert response["Location"] == reverse("audit:access_log")
