import functools
import io

import pytest
from django.core.management import CommandError, call_command

from lovende.demo.seed import seed_demo
from lovende.demo.tree import DEMO_PASSWORD
from tests.demo.conftest import CITIZENS


@pytest.mark.django_db
def test_it_seeds_and_prints_the_logins_without_serving(monkeypatch, no_histories):
    # The default 300 citizens with their histories take half a minute; the welcome is the same.
    small = functools.partial(seed_demo, citizens=CITIZENS)
    monkeypatch.setattr("lovende.demo.management.commands.demo.seed_demo", small)
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
