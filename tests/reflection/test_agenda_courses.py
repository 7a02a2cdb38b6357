"""Courses on a citizen-level meeting's agenda, and the citizen-level data pack built from them."""

import json
import re

import pytest

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from lovende.reflection import packs
from lovende.reflection.models import DataPack
from tests.conftest import make_staff
from tests.dashboards.conftest import CASES, add_case
from tests.reflection.conftest import make_forum, past_meetings

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def caseload(tree, intervention, mette, sofie, ors, srs):
    """Nord: Astrid … Frode (Mette's); Syd: Gitte, Hans (Sofie's). Every course has charts."""
    units = {"Nord": (tree.nord, mette), "Syd": (tree.syd, sofie)}
    courses = [
        add_case(units[u][1], intervention, units[u][0], first, last, gender, scores, s, ors, srs)
        for u, first, last, gender, scores, s in CASES
    ]
    return {course.citizen.first_name: course for course in courses}


@pytest.fixture
def anne(tree):
    """A 4th-level leader over Nord and Syd who takes part in citizen-level reflection."""
    user = make_staff(tree.organisation, "anne", "Anne", "Winther")
    org_services.assign_role(
        user=user, unit=tree.department, kind=Role.Kind.LEADER, management_level=4,
        citizen_access=True,
    )  # fmt: skip
    return user


@pytest.fixture
def meeting(lars, mette, sofie, anne, intervention):
    """A citizen-level meeting for the whole intervention (no unit)."""
    forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde",
        participants=[mette, sofie, anne, lars], participant_roles=["forloebets_medarbejdere"],
    )  # fmt: skip
    return past_meetings(lars, forum, count=1)[0]


def add(client, meeting, course_id):
    return client.post(f"/refleksion/moede/{meeting.pk}/forloeb/", {"course": course_id})


def generate(client, meeting) -> DataPack:
    assert client.post(f"/refleksion/moede/{meeting.pk}/datapakke/").status_code == 302
    return DataPack.objects.filter(meeting=meeting).first()


def test_it_puts_a_course_on_the_agenda_and_shows_it(client_for, mette, meeting, caseload):
    client = client_for(mette)

    response = add(client, meeting, caseload["Astrid"].pk)

    assert response.status_code == 302
    assert list(meeting.agenda_courses.all()) == [caseload["Astrid"]]
    page = text_of(client.get(f"/refleksion/moede/{meeting.pk}/"))
    assert "Forløb på dagsordenen Astrid Holmgaard" in page


@pytest.mark.parametrize("value", ["gitte", "999999", "abc", ""])
def test_it_refuses_a_course_out_of_reach_with_a_danish_message(
    client_for, mette, meeting, caseload, value
):
    course_id = caseload["Gitte"].pk if value == "gitte" else value  # Gitte is in Syd

    response = add(client_for(mette), meeting, course_id)

    assert response.status_code == 422
    assert "Forløbet kan ikke vælges" in text_of(response) or "Vælg et forløb" in text_of(response)
    assert not meeting.agenda_courses.exists()


def test_it_refuses_a_course_outside_the_forums_unit(
    client_for, lars, anne, intervention, tree, caseload
):
    forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde Nord", unit=tree.nord,
        participants=[anne], participant_roles=["forloebets_medarbejdere"],
    )  # fmt: skip
    meeting = past_meetings(lars, forum, count=1)[0]

    response = add(client_for(anne), meeting, caseload["Gitte"].pk)  # Anne sees Syd, too

    assert response.status_code == 422
    assert "Forløbet kan ikke vælges" in text_of(response)
    assert not meeting.agenda_courses.exists()


def test_it_removes_a_course(client_for, mette, meeting, caseload):
    client = client_for(mette)
    add(client, meeting, caseload["Astrid"].pk)

    response = client.post(
        f"/refleksion/moede/{meeting.pk}/forloeb/fjern/", {"course": caseload["Astrid"].pk}
    )

    assert response.status_code == 302
    assert not meeting.agenda_courses.exists()


def test_readers_who_are_not_minute_takers_get_403(
    client_for, lars, mette, sofie, intervention, caseload
):
    forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde", participants=[mette, lars],
        participant_roles=["forloebets_medarbejdere"],
    )  # fmt: skip
    meeting = past_meetings(lars, forum, count=1)[0]

    response = add(client_for(sofie), meeting, caseload["Gitte"].pk)  # Sofie only reads

    assert response.status_code == 403
    assert not meeting.agenda_courses.exists()


def test_an_intervention_level_meeting_has_no_course_agenda(client_for, lars, forum, caseload):
    meeting = past_meetings(lars, forum, count=1)[0]

    response = add(client_for(lars), meeting, caseload["Astrid"].pk)

    assert response.status_code == 404
    assert "Forløb på dagsordenen" not in text_of(
        client_for(lars).get(f"/refleksion/moede/{meeting.pk}/")
    )


def test_the_meeting_page_logs_the_citizens_it_names(client_for, mette, meeting, caseload):
    client = client_for(mette)
    add(client, meeting, caseload["Astrid"].pk)

    client.get(f"/refleksion/moede/{meeting.pk}/")

    logged = AccessLog.objects.filter(user=mette, action=AccessLog.Action.LIST)
    # Astrid on the agenda and the five other open Nord courses offered in the list
    assert logged.count() == 6
    assert set(logged.values_list("citizen_id", flat=True)) == {
        c.citizen_id for name, c in caseload.items() if name not in ("Gitte", "Hans")
    }


def test_the_pack_holds_the_agenda_courses_with_change_and_charts(
    client_for, mette, meeting, caseload
):
    client = client_for(mette)
    add(client, meeting, caseload["Erik"].pk)

    pack = generate(client, meeting)

    rows = pack.content["tables"][0]["rows"]
    ors = next(r for r in rows if r[2]["text"].startswith("ORS"))
    assert [c["text"] for c in ors[:2]] == ["Erik Fjeldborg", "Familiebehandling Nord"]
    assert [c["text"] for c in ors[3:8]] == ["2", "26", "19", "−7", "Pålideligt forværret"]
    assert {r[0]["text"] for r in rows} == {"Erik Fjeldborg"}
    assert next(c["title"] for c in pack.content["charts"]).startswith("Erik Fjeldborg · ")
    assert "forløbene på mødets dagsorden" in pack.content["note"]


def test_without_an_agenda_the_pack_shows_the_open_courses_and_says_so(
    client_for, mette, meeting, caseload
):
    pack = generate(client_for(mette), meeting)

    names = {row[0]["text"] for row in pack.content["tables"][0]["rows"]}
    assert len(names) == 6  # Mette's six in Nord
    assert "ingen forløb på mødets dagsorden" in pack.content["note"]
    page = text_of(client_for(mette).get(f"/refleksion/datapakke/{pack.pk}/"))
    assert "ingen forløb på mødets dagsorden" in page


def test_a_reader_without_access_to_an_agenda_course_sees_it_withheld_with_its_chart(
    client_for, mette, anne, meeting, caseload
):
    client = client_for(anne)  # Anne sees Nord and Syd
    add(client, meeting, caseload["Astrid"].pk)
    add(client, meeting, caseload["Gitte"].pk)
    pack = generate(client, meeting)
    assert len(pack.content["charts"]) == 4  # ORS and SRS for each

    response = client_for(mette).get(f"/refleksion/datapakke/{pack.pk}/")  # Mette: Nord only

    html = response.content.decode()
    assert "Astrid Holmgaard" in html
    assert "Gitte" not in html
    assert "Overgaard" not in html
    assert html.count("data-vega-spec") == 2
    assert "2 grafer om forløb, du ikke har adgang til, er udeladt" in text_of(response)
    specs = re.findall(
        r'<script id="pack-chart-\d+-spec" type="application/json">(.*?)</script>', html
    )
    assert all(json.loads(s)["$schema"].endswith("v6.json") for s in specs)
    viewed = AccessLog.objects.filter(user=mette, action=AccessLog.Action.VIEW)
    assert list(viewed.values_list("citizen_id", flat=True)) == [caseload["Astrid"].citizen_id]


def test_the_pdf_withholds_the_chart_too(client_for, mette, anne, meeting, caseload):
    client = client_for(anne)
    add(client, meeting, caseload["Astrid"].pk)
    add(client, meeting, caseload["Gitte"].pk)
    pack = generate(client, meeting)

    context = AccessContext(page="/test/", ip_address=None, request_id="")
    view = packs.read_pack(mette, pack, context=context, action=AccessLog.Action.EXPORT)
    html = packs.pdf_html(view)

    assert html.count('<figure class="chart">') == 2
    assert "Astrid Holmgaard" in html
    assert "Gitte" not in html
    assert "Overgaard" not in html
    assert "data:image/svg+xml;base64," in html
    assert AccessLog.objects.filter(user=mette, action=AccessLog.Action.EXPORT).count() == 1
