"""The right-of-access export (SECURITY PRIV-03): everything on a citizen, as JSON and PDF."""

import datetime
import json
from unittest import mock

import jsonschema
import pytest
from django.db import DatabaseError
from django.urls import reverse

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext
from lovende.citizens import services as citizen_services
from lovende.measurements import services as measurement_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from lovende.privacy import access_export
from tests.conftest import make_staff
from tests.measurements.conftest import ors_answers

pytestmark = pytest.mark.django_db

SEEDED_TEXTS = [
    "Observation om morgenrutinen 7Q",
    "Vurdering: fremgang i samspillet 7Q",
    "Borgerens egne ord om forløbet 7Q",
    "Kan gå i skole hver dag 7Q",
    "Møder op fire dage om ugen 7Q",
    "rutiner-7q",
]


@pytest.fixture
def seeded(mette, nord_course, ors):
    """A citizen with every kind of data, a rectification and some uses of the data."""
    course = nord_course
    citizen = course.citizen
    on = datetime.date(2025, 2, 3)
    observation, assessment, feedback, goal, expected, tag = SEEDED_TEXTS
    citizen_services.record_observation(
        by=mette, context=None, course=course, observed_on=on, kind="trivsel",
        text=observation, tags=[tag],
    )  # fmt: skip
    citizen_services.record_assessment(
        by=mette, context=None, course=course, assessed_on=on, direction="improving",
        text=assessment,
    )  # fmt: skip
    citizen_services.record_feedback(
        by=mette, context=None, course=course, given_on=on, text=feedback
    )
    citizen_services.add_goal(by=mette, context=None, course=course, title=goal, expected=expected)
    for day, values in ((on, (3, 4, 2, 5)), (on + datetime.timedelta(days=14), (6, 7, 5, 8))):
        measurement_services.record_measurement(
            by=mette, context=None, course=course, instrument=ors,
            answers=ors_answers(*values), measured_on=day,
        )  # fmt: skip
    return citizen


def export_json(client, citizen) -> dict:
    response = client.get(reverse("privacy:export_access_json", args=[citizen.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="indsigt-B-')
    return json.loads(response.content)


def test_it_exports_every_seeded_value_and_the_log_in_order(client_for, mette, seeded):
    # covers PRIV-03: seed, edit and use the data, then export; everything is there, in order
    client = client_for(mette)
    context = AccessContext(page="/borgere/", ip_address=None, request_id="t1")
    old_last_name = seeded.last_name
    citizen_services.update_citizen(
        by=mette, context=context, citizen=seeded, last_name="Mikkelsen-Storm"
    )
    seeded.refresh_from_db()
    assert seeded.last_name == "Mikkelsen-Storm"  # the rectification went through
    client.get(reverse("citizens:citizen_detail", args=[seeded.pk]))
    client.post(reverse("citizens:reveal_cpr", args=[seeded.pk]))

    document = export_json(client, seeded)

    text = json.dumps(document, ensure_ascii=False)
    values = [*SEEDED_TEXTS, "Freja", "Mikkelsen-Storm", "0103154234", "2015-03-01", "Kvinde"]
    values += [seeded.pseudonym, "Familiebehandling Nord", "ORS", "Mette Holm"]
    missing = [value for value in values if value not in text]
    assert missing == []
    course = document["courses"][0]
    assert [m["score"] for m in course["measurements"]] == [14.0, 26.0]
    assert course["measurements"][0]["answers"] == ors_answers(3, 4, 2, 5)
    assert course["outcome_summaries"][0]["first_score"] == 14.0
    assert course["outcome_summaries"][0]["latest_score"] == 26.0
    logged = list(AccessLog.objects.filter(citizen_id=seeded.pk).order_by("at", "id"))
    exported = document["access_log"]
    assert [e["action"] for e in exported] == [e.action for e in logged]
    assert [e["at"] for e in exported] == sorted(e["at"] for e in exported)
    assert {"ændret", "vist", "cpr_vist", "eksporteret"} <= {e["action"] for e in exported}
    assert exported[-1]["action"] == AccessLog.Action.EXPORT  # the export logs itself
    # art. 16: the rectification with the value before and after, and who made it
    assert document["change_history"] == [
        {
            "at": document["change_history"][0]["at"],
            "record": "Borger",
            "course": None,
            "field": "Efternavn",
            "old_value": old_last_name,
            "new_value": "Mikkelsen-Storm",
            "changed_by": "Mette Holm",
        }
    ]
    assert document["citizen"]["restriction"] == {"restricted": False, "since": None, "reason": ""}
    jsonschema.Draft202012Validator(access_export.schema()).validate(document)
    print(
        f"\nPRIV-03 export: {len(values)} seeded values present, {len(exported)} access-log "
        f"entries in order, schema Draft 2020-12 valid"
    )


def test_it_refuses_an_export_that_breaks_the_schema(seeded):
    # covers PRIV-03: the schema is strict, so a missing or misspelt part fails before it leaves
    document = access_export.build(seeded)
    access_export.validate(document)
    del document["courses"][0]["measurements"]
    document["citizen"]["cpr_number"] = "0103154234"

    with pytest.raises(jsonschema.ValidationError):
        access_export.validate(document)


def test_it_makes_the_pdf_and_logs_it(client_for, mette, seeded):
    # covers PRIV-03: the same export as PDF, logged as an export
    response = client_for(mette).get(reverse("privacy:export_access_pdf", args=[seeded.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(citizen_id=seeded.pk, action="eksporteret").count() == 1


def test_an_administrator_may_export_any_citizen_of_the_organisation(client_for, ida, seeded):
    # covers PRIV-03: requests that reach the municipality centrally are answered by its admins
    document = export_json(client_for(ida), seeded)

    assert document["citizen"]["cpr"] == "0103154234"


def test_others_get_404(client, sofie, lars, karin, seeded, tree):
    # covers PRIV-03: a sibling unit, a leader without citizen access, another municipality and
    # a user with no role at all all get 404, and nothing is logged
    nobody = make_staff(tree.organisation, "ny", "Ny", "Bruger")
    consultant = make_staff(tree.organisation, "pia", "Pia", "Winther")
    org_services.assign_role(user=consultant, unit=tree.root, kind=Role.Kind.CONSULTANT)
    before = AccessLog.objects.count()
    for user in (sofie, lars, karin, nobody, consultant):
        client.force_login(user)
        for name in ("export_access_json", "export_access_pdf", "citizen_rights"):
            assert client.get(reverse(f"privacy:{name}", args=[seeded.pk])).status_code == 404

    assert AccessLog.objects.count() == before


@pytest.mark.parametrize(
    "name", ["citizen_rights", "export_access_json", "export_access_pdf", "erase_citizen"]
)
def test_it_shows_nothing_when_the_log_cannot_be_written(client_for, ida, seeded, name):
    # covers PRIV-03 with LOG-01: the rights pages log first and fail closed
    with mock.patch.object(
        AccessLog.objects, "bulk_create", side_effect=DatabaseError("disk full")
    ):
        response = client_for(ida).get(reverse(f"privacy:{name}", args=[seeded.pk]))

    assert response.status_code == 503
    assert seeded.first_name.encode() not in response.content
    assert seeded.pseudonym.encode() not in response.content


def test_an_employees_export_holds_only_the_courses_in_reach(
    client_for, mette, ida, sofie, intervention, tree, seeded
):
    # covers PRIV-03 with ACL-02: the export is no back door into another unit's record; the
    # administrator's export is the complete one
    citizen_services.create_course(
        by=sofie, context=None, citizen=seeded, intervention=intervention, unit=tree.syd,
        start_date=datetime.date(2025, 3, 3), responsible=[sofie],
    )  # fmt: skip

    mine = export_json(client_for(mette), seeded)
    everything = export_json(client_for(ida), seeded)

    assert [c["unit"] for c in mine["courses"]] == ["Familiebehandling Nord"]
    assert mine["complete"] is False
    assert {c["unit"] for c in everything["courses"]} == {
        "Familiebehandling Nord",
        "Familiebehandling Syd",
    }
    assert everything["complete"] is True
