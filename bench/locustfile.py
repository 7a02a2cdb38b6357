"""The load test (SECURITY LOAD-01): a realistic mix against gunicorn, run by `make bench`.

Staff open their course list and a citizen's course and record a measurement; leaders open the
intervention and organisation dashboards; now and then someone exports the dashboard to Excel.
Everyone logs in once through the login page, as a person does. Budgets (p95): 500 ms for pages,
1,500 ms for dashboards and exports; the run fails when more than 1 % of requests fail or a budget
is broken (the ``quitting`` listener sets the exit code).

    locust -f bench/locustfile.py --headless -u 50 -r 5 -t 60s -H http://127.0.0.1:8765

`python -m bench.load` builds the demo database, starts gunicorn and runs this for you.
"""

import datetime
import os
import random
import re

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOVENDE_LOAD_PASSWORD", "demo-lovende-2026")
STAFF = ("mette", "sofie")
# Leaders at levels 2-3 and a consultant: the organisation dashboard is theirs (not level 4's).
LEADERS = ("lars", "jens", "pia")
PAGE_BUDGET_MS = 500
HEAVY_BUDGET_MS = 1500  # dashboards and exports
MAX_FAIL_RATIO = 0.01
# Request names (locust groups by name) that count as dashboards or exports.
HEAVY = ("dashboard", "export")
# Logging in is timed and reported but has no budget: Argon2 is slow on purpose (AUTH-02), and a
# person logs in once, not on every page.
UNBUDGETED = ("login",)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COURSE = re.compile(r'href="(/borgere/forloeb/\d+/)"')
OPTION = re.compile(r'<option value="(\d+)"')
NUMBER = re.compile(r'<input[^>]*type="(?:number|range)"[^>]*>')
ATTR = re.compile(r'(name|min|max)="([^"]*)"')
INTERVENTION = re.compile(r'href="/indsatser/(\d+)/"')


def token(html: str) -> str:
    match = TOKEN.search(html)
    return match.group(1) if match else ""


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    usernames: tuple[str, ...] = ()

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="login page")
        self.client.post(
            "/accounts/login/",
            {
                "username": random.choice(self.usernames),  # noqa: S311 - load mix, not a secret
                "password": PASSWORD,
                "csrfmiddlewaretoken": token(page.text),
            },
            name="login",
        )


RESTRICTED = "Behandlingen er begrænset (art. 18)"


class Staff(Person):
    """An employee with citizen access: the caseload, a course, a measurement."""

    weight = 3
    usernames = STAFF

    def a_course(self) -> str | None:
        courses = COURSE.findall(self.client.get("/borgere/", name="course list").text)
        return random.choice(courses) if courses else None  # noqa: S311

    @task(3)
    def open_course(self) -> None:
        course = self.a_course()
        if course:
            self.client.get(course, name="course page")

    @task(1)
    def record_measurement(self) -> None:
        course = self.a_course()
        if not course:
            return
        url = course.replace("/borgere/forloeb/", "/maalinger/forloeb/") + "ny/"
        choices = OPTION.findall(self.client.get(url, name="measurement: choose").text)
        if not choices:
            return
        form = self.client.get(f"{url}?instrument={choices[0]}", name="measurement: form").text
        if RESTRICTED in form:  # art. 18: the page says nothing can be recorded, so nobody tries
            return
        data = {
            "csrfmiddlewaretoken": token(form),
            "measured_on": datetime.datetime.now(datetime.UTC).date().isoformat(),
        }
        for tag in NUMBER.findall(form):
            attrs = dict(ATTR.findall(tag))
            data[attrs["name"]] = attrs.get("max") or attrs.get("min") or "5"
        with self.client.post(
            f"{url}?instrument={choices[0]}",
            data,
            name="measurement: record",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"not saved: {response.status_code}")


class Leader(Person):
    """A leader or consultant: the dashboards, sometimes an export."""

    weight = 2
    usernames = LEADERS

    @task(3)
    def organisation_dashboard(self) -> None:
        self.client.get("/overblik/organisation/", name="dashboard: organisation")

    @task(3)
    def intervention_dashboard(self) -> None:
        page = self.client.get("/indsatser/", name="intervention list").text
        ids = INTERVENTION.findall(page) or ["1"]
        split = random.choice(["", "?opdeling=koen", "?opdeling=enhed"])  # noqa: S311
        self.client.get(
            f"/overblik/indsats/{random.choice(ids)}/{split}",  # noqa: S311
            name="dashboard: intervention",
        )

    @task(1)
    def export(self) -> None:
        self.client.get("/overblik/organisation/excel/", name="export: organisation xlsx")


def broken_budgets(stats) -> list[str]:
    broken = []
    for entry in stats.entries.values():
        if entry.name.startswith(UNBUDGETED):
            continue
        heavy = entry.name.startswith(HEAVY)
        budget = HEAVY_BUDGET_MS if heavy else PAGE_BUDGET_MS
        p95 = entry.get_response_time_percentile(0.95)
        if entry.num_requests and p95 > budget:
            broken.append(f"{entry.name}: p95 {p95:.0f} ms > {budget} ms")
    return broken


@events.quitting.add_listener
def judge(environment, **_kwargs) -> None:
    total = environment.stats.total
    broken = broken_budgets(environment.stats)
    print(
        f"LOAD-01: {total.num_requests} requests, {total.total_rps:.1f} req/s, "
        f"p50/p95/p99 {total.get_response_time_percentile(0.5):.0f}/"
        f"{total.get_response_time_percentile(0.95):.0f}/"
        f"{total.get_response_time_percentile(0.99):.0f} ms, "
        f"failure ratio {total.fail_ratio:.2%}"
    )
    if total.fail_ratio > MAX_FAIL_RATIO:
        print(f"LOAD-01 FAILED: failure ratio {total.fail_ratio:.2%} > {MAX_FAIL_RATIO:.0%}")
        environment.process_exit_code = 1
    elif broken:
        print("LOAD-01 FAILED: " + "; ".join(broken))
        environment.process_exit_code = 1
    else:
        environment.process_exit_code = 0
