"""Only log reviewers read the log; they spot-check a unit's recent use of citizen data (LOG-02)."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lovende.audit import services
from lovende.audit.models import AccessLog, SecurityEvent, SpotCheck, SpotCheckItem
from lovende.audit.services import AccessContext, record_access

pytestmark = pytest.mark.django_db


def use(user, citizen, days_ago: int = 0) -> None:
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago), tick=False):
        record_access(
            by=user, context=AccessContext("/x", None, "r"), action="vist", citizens=[citizen]
        )


def draw(client, unit, size: int = 10):
    return client.post(reverse("audit:draw_spot_check"), {"unit": unit.pk, "size": size})


@pytest.mark.parametrize("persona", ["mette", "lars", "ida", "karin"])
def test_it_answers_404_to_everyone_but_log_reviewers(request, client_for, persona, tree):
    # covers LOG-02: administrators included (separation of duties, audit/permissions.py)
    client = client_for(request.getfixturevalue(persona))
    spot_check = SpotCheck.objects.create(
        organisation=tree.organisation,
        reviewer=request.getfixturevalue("rikke"),
        unit=tree.nord,
        period_start=timezone.now(),
        period_end=timezone.now(),
    )

    assert client.get(reverse("audit:spot_check_list")).status_code == 404
    assert draw(client, tree.nord).status_code == 404
    assert client.get(reverse("audit:spot_check_detail", args=[spot_check.pk])).status_code == 404
    assert not SpotCheck.objects.exclude(pk=spot_check.pk).exists()


def test_it_samples_only_the_units_staff_in_the_last_month(
    client_for, rikke, mette, sofie, nord_course, syd_course, tree
):
    # covers LOG-02: Nord's staff, 30 days back; Syd's use and older use are never drawn
    use(mette, nord_course.citizen, days_ago=2)
    use(mette, nord_course.citizen, days_ago=20)
    use(mette, nord_course.citizen, days_ago=40)
    use(sofie, syd_course.citizen, days_ago=1)

    response = draw(client_for(rikke), tree.nord)

    spot_check = SpotCheck.objects.get()
    assert response.status_code == 302
    entries = AccessLog.objects.filter(pk__in=spot_check.items.values("entry_id"))
    assert {e.user_id for e in entries} == {mette.pk}
    assert spot_check.items.count() == 2
    print(f"\nLOG-02 spot check: {spot_check.items.count()} of 4 entries drawn (Nord, 30 days)")


def test_a_reviewer_reading_the_sample_is_logged_and_marks_it(
    client_for, rikke, mette, nord_course
):
    # covers LOG-02: the reviewer's own reads are logged; the verdict is stored
    use(mette, nord_course.citizen)
    client = client_for(rikke)
    spot_check = services.draw_spot_check(by=rikke, unit=nord_course.unit, size=5)
    item = spot_check.items.get()

    page = client.get(reverse("audit:spot_check_detail", args=[spot_check.pk]))
    client.post(reverse("audit:mark_spot_check_item", args=[item.pk]), {"verdict": "undersoeges"})

    assert nord_course.citizen.pseudonym in page.content.decode()
    read = AccessLog.objects.get(user=rikke)
    assert (read.action, read.criterion) == (
        AccessLog.Action.LOG_READ,
        f"stikprøve {spot_check.pk}",
    )
    item.refresh_from_db()
    assert item.verdict == SpotCheckItem.Verdict.INVESTIGATE
    assert item.marked_at is not None


def test_it_refuses_a_sample_size_out_of_bounds(client_for, rikke, tree):
    # covers LOG-02
    response = draw(client_for(rikke), tree.nord, size=SpotCheck.MAX_SAMPLE + 1)

    assert response.status_code == 422
    assert not SpotCheck.objects.exists()


def test_another_organisations_reviewer_gets_404(client_for, rikke, karin, tree):
    # covers LOG-02 / ACL-04: a reviewer in Nabo Kommune does not see Testkommune's spot checks
    services.set_log_reviewer(user=karin, reviewer=True)
    spot_check = services.draw_spot_check(by=rikke, unit=tree.nord, size=5)

    response = client_for(karin).get(reverse("audit:spot_check_detail", args=[spot_check.pk]))

    assert response.status_code == 404


def test_the_grant_command_makes_and_unmakes_a_reviewer(client_for, mette):
    # covers LOG-02: granted by the system administrator; each change is a security event
    out = StringIO()

    call_command("grant_log_reviewer", "mette", stdout=out)
    allowed = client_for(mette).get(reverse("audit:access_log")).status_code
    call_command("grant_log_reviewer", "mette", "--revoke", stdout=out)
    mette.refresh_from_db()

    assert allowed == 200
    assert client_for(mette).get(reverse("audit:access_log")).status_code == 404
    assert out.getvalue().splitlines() == [
        "mette er nu logkontrollant.",
        "mette er ikke længere logkontrollant.",
    ]
    changes = SecurityEvent.objects.filter(
        event_type=SecurityEvent.EventType.PERMISSIONS_CHANGED, modified_user=mette
    )
    assert [sorted(e.extra_data) for e in changes.order_by("id")] == [["added"], ["removed"]]


def test_the_menu_shows_the_log_to_reviewers_only(client_for, rikke, ida):
    # covers LOG-02
    log_link = f'href="{reverse("audit:access_log")}"'

    assert log_link not in client_for(ida).get(reverse("organisation:unit_list")).content.decode()
    assert log_link in client_for(rikke).get(reverse("organisation:unit_list")).content.decode()
