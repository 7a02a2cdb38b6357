"""The services' own checks hold for every caller, not only the forms (VAL-01, ACL-04)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lovende.citizens import services
from lovende.citizens.models import Course
from lovende.organisation import services as org_services

pytestmark = pytest.mark.django_db


def new_citizen(mette, intervention, tree, **overrides):
    data = {
        "by": mette, "context": None, "first_name": "Alma", "last_name": "Hald",
        "birth_date": datetime.date(1990, 1, 1), "gender": "kvinde", "cpr": None,
        "intervention": intervention, "unit": tree.nord, "start_date": datetime.date(2025, 2, 1),
        "responsible": [mette],
    }  # fmt: skip
    return services.create_citizen(**{**data, **overrides})


def test_it_normalises_a_hyphenated_cpr_number(mette, intervention, tree):
    course = new_citizen(mette, intervention, tree, cpr="010190-1234")

    assert course.citizen.cpr == "0101901234"


def test_it_refuses_a_cpr_number_that_disagrees_with_the_birth_date(mette, intervention, tree):
    with pytest.raises(ValidationError) as error:
        new_citizen(
            mette, intervention, tree, cpr="0101901234", birth_date=datetime.date(2015, 1, 1)
        )

    assert "birth_date" in error.value.error_dict


def test_it_refuses_responsible_staff_from_another_organisation(mette, karin, intervention, tree):
    with pytest.raises(ValidationError) as error:
        new_citizen(mette, intervention, tree, responsible=[karin])

    assert "responsible" in error.value.error_dict


def test_it_clears_the_end_date_when_a_course_is_reopened(mette, nord_course):
    services.update_course(
        by=mette, context=None, course=nord_course, status=Course.Status.COMPLETED
    )
    assert nord_course.end_date is not None

    services.update_course(by=mette, context=None, course=nord_course, status=Course.Status.ACTIVE)

    nord_course.refresh_from_db()
    assert nord_course.end_date is None


def test_it_refuses_to_change_a_staff_members_organisation(mette, other_organisation):
    # covers ACL-03: no mass assignment through the service
    with pytest.raises(ValueError, match="organisation"):
        org_services.update_staff(staff=mette, organisation=other_organisation)
