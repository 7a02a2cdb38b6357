"""The one door to citizens and courses (SECURITY ACL-02).

A user sees a citizen's identifiable data only through a course in a unit at or below one of
their roles with citizen access. Anything else answers 404, exactly as if it did not exist.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from lovende.citizens.models import (
    Assessment,
    Change,
    Citizen,
    Course,
    Feedback,
    Goal,
    Observation,
)
from lovende.organisation.models import Unit, User
from lovende.organisation.permissions import citizen_access_units


def courses_visible_to(user: User) -> QuerySet[Course]:
    """Courses in units where the user has citizen access."""
    return Course.objects.filter(unit__in=citizen_access_units(user))


def citizens_visible_to(user: User) -> QuerySet[Citizen]:
    """Citizens with at least one course the user may see."""
    visible = courses_visible_to(user).filter(citizen=OuterRef("pk"))
    return Citizen.objects.filter(Exists(visible), organisation_id=user.organisation_id)


def get_course_for_user(user: User, course_id: int) -> Course:
    """The course, or 404 when it is out of the user's reach."""
    try:
        return (
            courses_visible_to(user)
            .select_related("citizen", "intervention", "unit")
            .get(pk=course_id)
        )
    except Course.DoesNotExist:
        raise Http404 from None


def get_citizen_for_user(user: User, citizen_id: int) -> Citizen:
    """The citizen, or 404 when none of their courses is within the user's reach."""
    try:
        return citizens_visible_to(user).get(pk=citizen_id)
    except Citizen.DoesNotExist:
        raise Http404 from None


def require_citizen_access(user: User) -> None:
    """404 for anyone with no role that shows citizens: the citizen pages do not exist for them."""
    if not citizen_access_units(user).exists():
        raise Http404


def units_for_new_courses(user: User) -> QuerySet[Unit]:
    """Where the user may start a course: the units they have citizen access to."""
    return citizen_access_units(user)


def course_observations(course: Course) -> QuerySet[Observation]:
    """Observations of a course the caller already got through get_course_for_user."""
    return Observation.objects.filter(course=course).select_related("author")


def course_feedback(course: Course) -> QuerySet[Feedback]:
    """Citizen feedback of a course the caller already got through get_course_for_user."""
    return Feedback.objects.filter(course=course).select_related("recorded_by")


def course_assessments(course: Course) -> QuerySet[Assessment]:
    """Assessments of a course the caller already got through get_course_for_user."""
    return Assessment.objects.filter(course=course).select_related("author")


def citizen_changes(citizen: Citizen, courses: QuerySet[Course] | set[int]) -> QuerySet[Change]:
    """The citizen's change history, oldest first: their own fields (and restriction), and the
    changes in ``courses`` (the caller's reach: the courses shown or exported)."""
    return (
        Change.objects.filter(citizen=citizen)
        .filter(Q(course__isnull=True) | Q(course__in=courses))
        .select_related("changed_by")
        .order_by("changed_at", "id")
    )


def changes_visible_to(user: User, citizen: Citizen) -> QuerySet[Change]:
    """The history on the citizen page, newest first, in the courses the user may see. The
    reasons for a restriction (art. 18) are the administrators' and the citizen's, shown on the
    rights page and in the export."""
    visible = citizen_changes(citizen, courses_visible_to(user))
    return visible.exclude(record=Change.Record.RESTRICTION).reverse()


def course_goals(course: Course) -> QuerySet[Goal]:
    """Goals of a course the caller already got through get_course_for_user."""
    return Goal.objects.filter(course=course)


def get_goal_for_user(user: User, goal_id: int) -> Goal:
    """The goal, or 404 when its course is out of reach."""
    try:
        return Goal.objects.select_related("course__citizen").get(
            pk=goal_id, course__in=courses_visible_to(user)
        )
    except Goal.DoesNotExist:
        raise Http404 from None
