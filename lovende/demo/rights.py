"""Data-protection rights in the demo: rectified records (art. 16) and a restriction (art. 18).

Mette's citizens show what a newcomer should find: one citizen whose surname was corrected and
whose course got a second caseworker (the citizen page's «Ændringshistorik»), and one whose
processing the administrator restricted while the municipality looks into a complaint (the
banner on the citizen and course pages, and «Begrænsning af behandling» on the rights page).
"""

from lovende.citizens import services as citizen_services
from lovende.citizens.models import Course
from lovende.citizens.permissions import courses_visible_to
from lovende.demo.tree import Town
from lovende.privacy import services as privacy_services

RESTRICTION_REASON = (
    "Forælderen bestrider oplysningernes rigtighed i forløbets seneste målinger "
    "(art. 18, stk. 1, litra a). Begrænset, mens forvaltningen undersøger klagen."
)


def create_rights_examples(town: Town) -> None:
    mette, sofie, admin = town.staff["mette"], town.staff["sofie"], town.staff["it-admin"]
    open_courses = (
        courses_visible_to(mette)
        .filter(responsible=mette, status=Course.Status.ACTIVE)
        .select_related("citizen")
        .order_by("citizen__last_name", "citizen__first_name", "pk")
    )
    corrected, restricted = open_courses[0], open_courses[1]
    citizen = corrected.citizen
    citizen_services.update_citizen(
        by=mette, context=None, citizen=citizen, last_name=f"{citizen.last_name}-Skov"
    )
    citizen_services.update_course(
        by=mette, context=None, course=corrected, responsible=[mette, sofie]
    )
    privacy_services.restrict_processing(
        by=admin, context=None, citizen=restricted.citizen, reason=RESTRICTION_REASON
    )
