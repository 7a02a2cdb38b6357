"""The one door to measurements: through the courses the user may see (ACL-02)."""

from django.db.models import QuerySet
from django.http import Http404

from lovende.citizens.models import Course
from lovende.citizens.permissions import courses_visible_to
from lovende.measurements.models import Measurement, OutcomeSummary
from lovende.organisation.models import User


def measurements_visible_to(user: User) -> QuerySet[Measurement]:
    return Measurement.objects.filter(course__in=courses_visible_to(user))


def get_measurement_for_user(user: User, measurement_id: int) -> Measurement:
    """The measurement, or 404 when its course is out of reach."""
    try:
        return (
            measurements_visible_to(user)
            .select_related("course__citizen", "version", "instrument")
            .get(pk=measurement_id)
        )
    except Measurement.DoesNotExist:
        raise Http404 from None


def course_measurements(course: Course) -> QuerySet[Measurement]:
    """All measurements of a course the caller already got through get_course_for_user."""
    return Measurement.objects.filter(course=course).select_related(
        "instrument", "version", "created_by"
    )


def course_summaries(course: Course) -> QuerySet[OutcomeSummary]:
    """Outcome summaries of a course the caller already got through get_course_for_user."""
    return OutcomeSummary.objects.filter(course=course)
