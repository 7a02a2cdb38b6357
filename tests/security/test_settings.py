import os
import subprocess
import sys


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "LOVENDE_MODE", "DEBUG")
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); print(settings.DEBUG)",
        ],
        env={**clean, "DJANGO_SETTINGS_MODULE": "lovende.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_in_production_without_secret_key():
    result = run_settings({})

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_in_production_with_secret_key_and_debug_off():
    result = run_settings({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "lovende.example.dk"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_it_turns_debug_on_only_in_demo():
    assert run_settings({"LOVENDE_MODE": "demo"}).stdout.strip() == "True"
    assert run_settings({"LOVENDE_MODE": "test"}).stdout.strip() == "False"


def test_it_rejects_an_unknown_mode():
    result = run_settings({"LOVENDE_MODE": "staging"})

    assert result.returncode != 0
    assert "LOVENDE_MODE" in result.stderr
