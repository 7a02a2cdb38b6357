"""`check --deploy` is clean under production settings, and Lovende's own checks fire (CONF-01)."""

import os
import secrets
import subprocess
import sys

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from lovende import checks

PG_URL = "postgres://lovende@db.kommune.example.dk:5432/lovende"


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "LOVENDE_MODE", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS")
    }
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "lovende.settings",
        "LOVENDE_MODE": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "lovende.kommune.example.dk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **extra,
    }


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    )


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_check_deploy_finds_nothing_under_production_settings(tmp_path, database):
    # covers CONF-01
    url = {"postgresql": f"{PG_URL}?sslmode=verify-full"}.get(database)
    env = production_env(tmp_path, **({"DATABASE_URL": url} if url else {}))

    result = check_deploy(env)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("extra", "check_id"),
    [
        ({"SECRET_KEY": "kort-hemmelighed"}, "lovende.E001"),
        ({"DATABASE_URL": PG_URL}, "lovende.E002"),
        ({"DATABASE_URL": f"{PG_URL}?sslmode=require"}, "lovende.E002"),
        ({"LOVENDE_MODE": "demo", "DEBUG": "0"}, "lovende.E003"),
        ({"ALLOWED_HOSTS": ""}, "lovende.E005"),
    ],
)
def test_each_deployment_check_fails_the_deploy_check(tmp_path, extra, check_id):
    # covers CONF-01
    result = check_deploy(production_env(tmp_path, **extra))

    assert result.returncode != 0
    assert check_id in result.stderr + result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    # covers CONF-01
    result = check_deploy(production_env(tmp_path, SECRET_KEY=""))

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_secret_key_check_refuses_the_development_default():
    # covers CONF-01
    with override_settings(SECRET_KEY="insecure-test-key-never-use-in-production" + "x" * 20):
        assert [e.id for e in checks.secret_key_errors()] == ["lovende.E001"]


@pytest.mark.django_db
def test_a_user_named_admin_fails_the_deploy_check(django_user_model):
    # covers CONF-01
    def ids() -> list[str]:
        found = run_checks(include_deployment_checks=True, databases=["default"])
        return [e.id for e in found]

    assert "lovende.E004" not in ids()
    django_user_model.objects.create(username="admin")
    assert "lovende.E004" in ids()
    # Without --database the check reads nothing.
    assert checks.admin_user_errors(None) == []
