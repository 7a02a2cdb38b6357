import io

import pytest
from django.core.management import CommandError, call_command

from lovende.demo.tree import DEMO_PASSWORD


@pytest.mark.django_db
def test_it_seeds_and_prints_the_logins_without_serving():
    out = io.StringIO()

    call_command("demo", no_serve=True, stdout=out)

    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text
    assert DEMO_PASSWORD in text
    for username in ("mette", "lars", "hanne", "it-admin", "karin"):
        assert f"  {username} " in text


@pytest.mark.django_db
def test_it_refuses_to_run_in_production(settings):
    settings.MODE = "production"

    with pytest.raises(CommandError, match="LOVENDE_MODE"):
        call_command("demo", no_serve=True, stdout=io.StringIO())


@pytest.mark.django_db
def test_the_seed_command_refuses_to_run_in_production(settings):
    settings.MODE = "production"

    with pytest.raises(CommandError, match="LOVENDE_MODE"):
        call_command("seed", stdout=io.StringIO())
