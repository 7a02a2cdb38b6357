"""Nothing assumes one process (REL-05): two gunicorn servers on one database share sessions.

A person signs in through one server and goes on through the other, as a load balancer would
send them; signing out on the second ends the session on the first. Both servers are real
gunicorn processes on a database of the suite's engine, beside the test database.
"""

# covers REL-05

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "to-servere-en-database-2026"
MAKE_USER = f"""
from lovende.organisation import services
from lovende.organisation.models import Organisation, Role
org = Organisation.objects.create(name="Testkommune")
unit = services.create_unit(organisation=org, name="Familiebehandling Nord", kind="team")
user = services.create_staff(organisation=org, username="mette", first_name="Mette",
                             last_name="Holm", password="{PASSWORD}")
services.assign_role(user=user, unit=unit, kind=Role.Kind.EMPLOYEE)
"""


@pytest.fixture
def shared_database(tmp_path, django_db_setup, django_db_blocker):
    """Settings for the servers: a database of the suite's engine of their own."""
    env = dict(os.environ, LOVENDE_MODE="test", DEBUG="0")
    if connection.vendor == "sqlite":
        env["LOVENDE_SQLITE"] = str(tmp_path / "shared.sqlite3")
        env.pop("DATABASE_URL", None)
        yield env
        return
    name = f"{connection.settings_dict['NAME']}_servers"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = os.environ["DATABASE_URL"].rpartition("/")[0] + "/" + name
    yield env
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def start(env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - fixed command line
        [str(BIN / "gunicorn"), "lovende.wsgi:application", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )


def wait_for(base: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 - local
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{base} did not answer within {seconds} s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_session_started_on_one_server_works_on_the_other(shared_database):
    env = shared_database
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "shell", "-c", MAKE_USER)
    first, second = (f"http://127.0.0.1:{free_port()}" for _ in range(2))
    servers = [start(env, int(base.rpartition(":")[2])) for base in (first, second)]
    try:
        for base in (first, second):
            wait_for(base)
        browser = requests.Session()
        login = browser.get(f"{first}/accounts/login/", timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        signed_in = browser.post(
            f"{first}/accounts/login/",
            data={"username": "mette", "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{first}/accounts/login/"},
            timeout=10,
        )
        assert "Log af" in signed_in.text  # signed in on the first server

        on_second = browser.get(f"{second}/borgere/", timeout=10, allow_redirects=False)
        assert on_second.status_code == 200
        assert "Mette Holm" in on_second.text

        page = browser.get(f"{second}/borgere/", timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        browser.post(
            f"{second}/accounts/logout/",
            data={"csrfmiddlewaretoken": token},
            headers={"Referer": f"{second}/borgere/"},
            timeout=10,
        )
        back_on_first = browser.get(f"{first}/borgere/", timeout=10, allow_redirects=False)
        assert back_on_first.status_code == 302
        assert "/accounts/login/" in back_on_first.headers["Location"]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
