"""The trial pages: who may read and change them, the PDSA steps, the courses and the access log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lovende.audit.models import AccessLog
from lovende.improvement import trials
from lovende.improvement.models import Initiative, Trial
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.improvement.conftest import in_days
from tests.improvement.test_trials import make_trial

pytestmark = pytest.mark.django_db

WRITE_URLS = ("update_plan", "record_do", "record_study", "decide")


@pytest.fixture
def trial(lars, initiative):
    return make_trial(lars, initiative)


def detail_url(trial):
    return reverse("improvement:trial_detail", args=[trial.pk])


def create_url(initiative):
    return reverse("improvement:create_trial", args=[initiative.pk])


def plan_data(**overrides):
    data = {
        "title": "Huskeseddel i mappen",
        "plan": "",
        "who": "Alle behandlere",
        "where": "Nord",
        "start_date": in_days(1).isoformat(),
        "end_date": in_days(8).isoformat(),
        "prediction": "Flere målinger i opstarten",
    }
    return {**data, **overrides}


def test_it_lets_a_manager_plan_a_trial(client_for, lars, initiative):
    response = client_for(lars).post(create_url(initiative), plan_data())

    trial = Trial.objects.get()
    initiative.refresh_from_db()
    assert response["Location"] == detail_url(trial)
    assert (trial.number, trial.title) == (1, "Huskeseddel i mappen")
    assert initiative.status == Initiative.Status.TESTING


def test_it_refuses_a_plan_ending_before_it_starts_with_422(client_for, lars, initiative):
    data = plan_data(start_date=in_days(8).isoformat(), end_date=in_days(1).isoformat())

    response = client_for(lars).post(create_url(initiative), data)

    assert response.status_code == 422
    assert "Slutdatoen ligger før startdatoen" in response.content.decode()
    assert not Trial.objects.exists()


def test_it_shows_the_plan_form_with_danish_questions(client_for, lars, initiative):
    page = client_for(lars).get(create_url(initiative)).content.decode()

    for text in ("Hvad afprøver vi?", "Hvem gør hvad?", "Hvilke forløb?", 'type="date"'):
        assert text in page
    assert "Forudsigelse: Hvad forventer vi sker?" in page


def test_it_shows_trials_to_a_reader_without_forms(client_for, mette, trial):
    # covers ACL-02: everyone in the organisation reads improvement work, only managers change it
    response = client_for(mette).get(detail_url(trial))

    page = response.content.decode()
    assert response.status_code == 200
    assert "ORS ved hver session" in page
    assert reverse("improvement:record_do", args=[trial.pk]) not in page
    assert reverse("improvement:update_plan", args=[trial.pk]) not in page


@pytest.mark.parametrize("name", WRITE_URLS)
def test_it_refuses_a_reader_with_403(client_for, mette, trial, name):
    response = client_for(mette).post(reverse(f"improvement:{name}", args=[trial.pk]), {})

    assert response.status_code == 403


def test_it_refuses_a_reader_the_plan_forms_with_403(client_for, mette, trial, initiative):
    client = client_for(mette)

    assert client.get(create_url(initiative)).status_code == 403
    assert client.post(create_url(initiative), plan_data()).status_code == 403
    assert client.get(reverse("improvement:update_plan", args=[trial.pk])).status_code == 403


@pytest.mark.parametrize("name", ["trial_detail", *WRITE_URLS])
def test_it_answers_404_to_another_organisation(client_for, karin, trial, name):
    # covers ACL-04
    client = client_for(karin)
    url = reverse(f"improvement:{name}", args=[trial.pk])

    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {"study": "x"}).status_code == 404
    assert client.post(create_url(trial.initiative), plan_data()).status_code == 404


def test_it_sends_an_anonymous_visitor_to_the_login(client, trial):
    # covers ACL-01
    response = client.get(detail_url(trial))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_the_next_step_form_to_a_manager(client_for, lars, trial):
    client = client_for(lars)

    response = client.post(
        reverse("improvement:record_do", args=[trial.pk]),
        {"what_happened": "Vi glemte den i uge 2.", "observations": ""},
    )
    page = client.get(detail_url(trial)).content.decode()

    assert response["Location"] == f"{detail_url(trial)}#studer"
    assert reverse("improvement:record_study", args=[trial.pk]) in page
    assert reverse("improvement:record_do", args=[trial.pk]) not in page
    assert '<li class="current"><a class="step" href="#studer" aria-current="step">' in page


def test_it_opens_a_filled_step_for_correction(client_for, lars, trial):
    trials.record_do(by=lars, trial=trial, what_happened="Som planlagt", observations="")

    page = client_for(lars).get(detail_url(trial), {"ret": "udfoer"}).content.decode()

    assert reverse("improvement:record_do", args=[trial.pk]) in page
    assert "Som planlagt" in page


def test_it_refuses_to_abandon_without_learning_with_422(client_for, lars, trial):
    response = client_for(lars).post(
        reverse("improvement:decide", args=[trial.pk]), {"decision": "opgiv", "learning": ""}
    )

    assert response.status_code == 422
    assert "Et opgivet forsøg er læring, ikke fiasko" in response.content.decode()


def test_it_records_a_decision(client_for, lars, trial):
    response = client_for(lars).post(
        reverse("improvement:decide", args=[trial.pk]),
        {"decision": "tilpas", "learning": "Huskesedlen skal ligge i mappen."},
    )

    trial.refresh_from_db()
    assert response.status_code == 302
    assert (trial.decision, trial.stage) == (Trial.Decision.ADAPT, Trial.Stage.DECIDED)


def test_it_lists_the_cycles_on_the_initiative_page(client_for, mette, lars, initiative):
    first = make_trial(lars, initiative, title="Første cyklus")
    make_trial(lars, initiative, title="Anden cyklus")
    trials.decide(
        by=lars, trial=first, decision="opgiv", learning="Skemaet var for langt til opstarten."
    )
    url = reverse("improvement:initiative_detail", args=[initiative.pk])

    page = client_for(mette).get(url).content.decode()

    assert "Afprøvningshandlinger (PDSA)" in page
    assert page.index("Første cyklus") < page.index("Anden cyklus")
    assert "Opgivet – læring:" in page
    assert "Skemaet var for langt til opstarten." in page
    assert "badge-error" not in page  # abandoned is learning, not failure: shown neutrally
    assert create_url(initiative) not in page


def test_it_offers_a_new_trial_to_a_manager(client_for, lars, initiative):
    url = reverse("improvement:initiative_detail", args=[initiative.pk])

    assert create_url(initiative) in client_for(lars).get(url).content.decode()


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_shows_the_initiative_page_in_the_same_number_of_queries_for_1_and_5_trials(
    client_for, lars, initiative
):
    client = client_for(lars)
    url = reverse("improvement:initiative_detail", args=[initiative.pk])
    trial = make_trial(lars, initiative)
    trials.decide(by=lars, trial=trial, decision="indfoer", learning="")
    one = count_queries(client, url)

    for _ in range(4):
        make_trial(lars, initiative)

    assert count_queries(client, url) == one


class TestCourses:
    @pytest.fixture
    def trial(self, sofie, tree, initiative, nord_course, syd_course):
        """Planned by someone who sees both units' citizens."""
        org_services.assign_role(user=sofie, unit=tree.department, kind=Role.Kind.EMPLOYEE)
        return make_trial(sofie, initiative, courses=[nord_course, syd_course])

    def test_it_shows_only_the_courses_the_reader_may_see(self, client_for, mette, trial):
        # covers ACL-02: Mette works in Nord; Syd's citizen is counted, not named
        page = client_for(mette).get(detail_url(trial)).content.decode()

        assert "Freja Mikkelsen" in page
        assert "Oskar" not in page
        assert "og 1 forløb, du ikke har adgang til" in page

    def test_it_logs_the_citizens_it_names(self, client_for, mette, trial, nord_course):
        # covers LOG-01
        client_for(mette).get(detail_url(trial))

        logged = AccessLog.objects.filter(user=mette, action=AccessLog.Action.LIST)
        assert [entry.citizen_id for entry in logged] == [nord_course.citizen_id]

    def test_it_names_no_citizen_to_a_leader_above(self, client_for, lars, trial):
        # covers ACL-03: leaders above a unit see aggregates, never names
        page = client_for(lars).get(detail_url(trial)).content.decode()

        assert "Freja" not in page
        assert "Oskar" not in page
        assert "2 forløb, du ikke har adgang til" in page
        assert not AccessLog.objects.filter(user=lars, citizen_id__isnull=False).exists()

    def test_it_offers_and_logs_the_courses_a_manager_may_choose(
        self, client_for, lars, tree, initiative, nord_course
    ):
        # covers LOG-01: the course list in the plan form names citizens
        org_services.assign_role(user=lars, unit=tree.nord, kind=Role.Kind.EMPLOYEE)

        page = client_for(lars).get(create_url(initiative)).content.decode()

        assert "Freja Mikkelsen · Familiebehandling Nord" in page
        assert "Oskar" not in page
        logged = AccessLog.objects.filter(user=lars, action=AccessLog.Action.LIST)
        assert [entry.citizen_id for entry in logged] == [nord_course.citizen_id]

    def test_it_refuses_a_course_out_of_reach_in_the_form(
        self, client_for, lars, tree, initiative, syd_course
    ):
        org_services.assign_role(user=lars, unit=tree.nord, kind=Role.Kind.EMPLOYEE)

        response = client_for(lars).post(create_url(initiative), plan_data(courses=[syd_course.pk]))

        assert response.status_code == 422
        assert not Trial.objects.exists()
