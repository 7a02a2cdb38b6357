"""`lovende privacy_record` writes the record of processing and checks it is up to date (PRIV-01)."""

# covers PRIV-01

import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lovende.privacy import record


def test_the_committed_record_is_up_to_date() -> None:
    try:
        call_command("privacy_record", "--check")
    except CommandError as error:
        pytest.fail(f"{error} Run `lovende privacy_record` and commit the file.")


def test_it_writes_the_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "privacy" / "record.md"
    monkeypatch.setattr(record, "RECORD_PATH", path)
    monkeypatch.setattr("lovende.privacy.management.commands.privacy_record.RECORD_PATH", path)

    call_command("privacy_record")

    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Fortegnelse over behandlingsaktiviteter")
    assert "### `citizens.Citizen`" in text
    assert "- `cpr`: `cpr`" in text


def test_check_fails_in_danish_when_the_record_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "record.md"
    path.write_text("gammel\n", encoding="utf-8")
    monkeypatch.setattr("lovende.privacy.management.commands.privacy_record.RECORD_PATH", path)

    with pytest.raises(CommandError, match=re.escape("er forældet. Kør `lovende privacy_record`")):
        call_command("privacy_record", "--check")

    assert path.read_text(encoding="utf-8") == "gammel\n"


def test_the_record_is_deterministic() -> None:
    assert record.render_record() == record.render_record()
