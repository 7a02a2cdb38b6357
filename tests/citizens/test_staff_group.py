"""A course keeps its staff's professional group for the dashboards, whatever changes it."""

import pytest

from lovende.citizens import services
from lovende.citizens.services import staff_group_of
from lovende.organisation.services import create_professional_group, update_staff
from tests.conftest import make_course


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ([], (None, False)),
        ([None], (None, False)),
        ([3, 3], (3, False)),
        ([3, 4], (None, True)),
        ([3, None], (None, True)),  # one with a group and one without: mixed, not the group
    ],
)
def test_it_names_the_group_of_the_staff(groups, expected):
    assert staff_group_of(groups) == expected


def test_it_follows_the_staff_and_their_groups(mette, sofie, intervention, tree):
    psychology = create_professional_group(organisation=tree.organisation, name="Psykologi")
    family = create_professional_group(organisation=tree.organisation, name="Familiebehandling")
    update_staff(staff=mette, professional_group=psychology)
    update_staff(staff=sofie, professional_group=family)
    course = make_course(mette, intervention, tree.nord)
    assert (course.staff_group_id, course.staff_mixed) == (psychology.pk, False)

    services.update_course(by=mette, context=None, course=course, responsible=[mette, sofie])
    course.refresh_from_db()
    assert (course.staff_group_id, course.staff_mixed) == (None, True)

    update_staff(staff=mette, professional_group=family)
    course.refresh_from_db()
    assert (course.staff_group_id, course.staff_mixed) == (family.pk, False)
