"""The English catalogue: complete, compiled, and actually used.

Source strings are Danish; ``lovende/locale/en/LC_MESSAGES/django.po`` holds the English.
After changing Danish strings, run ``make messages``, translate the new entries, and commit
both django.po and django.mo (the .mo is committed so the app runs without gettext installed).
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings as conf
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

LOCALE_DIR = Path(conf.LOCALE_PATHS[0])
PO_PATH = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
FIX = "Run `make messages`, translate the listed entries in django.po, and run it again."
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif]|%%")


def load_po(path: Path | None = None) -> polib.POFile:
    return polib.pofile(str(path or PO_PATH))


def live(catalogue: polib.POFile | polib.MOFile) -> list[polib.POEntry | polib.MOEntry]:
    return [entry for entry in catalogue if not entry.obsolete]


def key(entry: polib.POEntry | polib.MOEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def value(entry: polib.POEntry | polib.MOEntry) -> str | tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
    return entry.msgstr


def listing(entries: list[polib.POEntry | polib.MOEntry]) -> str:
    """One line per entry: the msgid and where it occurs (file:line, as makemessages saw it)."""
    return "\n".join(
        f"  {entry.msgid!r}  ({' '.join(f'{path}:{line}' for path, line in entry.occurrences[:3])})"
        for entry in entries
    )


def test_every_english_entry_is_translated():
    untranslated = [
        entry for entry in live(load_po()) if not entry.translated() and not entry.fuzzy
    ]

    assert not untranslated, f"Untranslated in {PO_PATH.name}:\n{listing(untranslated)}\n{FIX}"


def test_no_english_entry_is_fuzzy():
    fuzzy = [entry for entry in live(load_po()) if entry.fuzzy]

    assert not fuzzy, (
        f"Fuzzy (guessed by msgmerge) in {PO_PATH.name}:\n{listing(fuzzy)}\n"
        "Check each translation and delete its `#, fuzzy` line."
    )


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def keeps_placeholders(entry: polib.POEntry | polib.MOEntry) -> bool:
    if not entry.msgid_plural:
        return placeholders(entry.msgstr) == placeholders(entry.msgid)
    *fewer, most = value(entry)
    # A singular form may say "one" where the Danish repeats the number, so only a subset.
    wanted = placeholders(entry.msgid_plural)
    return placeholders(most) == wanted and all(placeholders(t) <= wanted for t in fewer)


def test_translations_keep_the_placeholders_of_the_danish():
    wrong = [
        entry for entry in live(load_po()) if entry.translated() and not keeps_placeholders(entry)
    ]

    assert not wrong, f"Placeholders differ from the Danish:\n{listing(wrong)}"


def test_the_compiled_catalogue_matches_the_po_file():
    po = {key(entry): value(entry) for entry in live(load_po()) if entry.translated()}
    mo = {key(entry): value(entry) for entry in polib.mofile(str(MO_PATH))}

    stale = sorted(k[1] for k in po.keys() | mo.keys() if po.get(k) != mo.get(k))
    assert not stale, (
        f"{MO_PATH.name} is out of date with {PO_PATH.name} for:\n"
        + "\n".join(f"  {msgid!r}" for msgid in stale)
        + "\nRun `make messages` (or compilemessages -l en) and commit django.mo."
    )
    assert (
        polib.mofile(str(MO_PATH)).metadata.get("Plural-Forms")
        == load_po().metadata["Plural-Forms"]
    )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
def test_the_catalogue_has_every_danish_source_string(tmp_path, monkeypatch, settings):
    """Extract the strings from a copy of the source, so the real catalogue is never touched."""
    source = tmp_path / "lovende"
    shutil.copytree(
        LOCALE_DIR.parent,
        source,
        ignore=shutil.ignore_patterns("static", "locale", "__pycache__", "*.pyc"),
    )
    copy = source / "locale" / "en" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copyfile(PO_PATH, copy)
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)

    call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)

    merged = live(load_po(copy))
    known = {key(entry) for entry in live(load_po())}
    missing = [entry for entry in merged if key(entry) not in known]
    gone = sorted(k[1] for k in known - {key(entry) for entry in merged})
    assert not missing, (
        f"New Danish strings missing from {PO_PATH.name}:\n{listing(missing)}\n{FIX}"
    )
    assert not gone, f"Strings no longer in the source, still in {PO_PATH.name}: {gone}\n{FIX}"


def test_gettext_answers_in_the_active_language():
    with translation.override("en"):
        assert translation.gettext("Borgere og forløb") == "Citizens and courses"
        assert translation.ngettext("%(n)s forløb", "%(n)s forløb", 3) % {"n": 3} == "3 courses"
    with translation.override("da"):
        assert translation.gettext("Borgere og forløb") == "Borgere og forløb"


@pytest.mark.django_db
def test_pages_render_in_english_from_the_accept_language_header(client_for, mette):
    response = client_for(mette).get(reverse("citizens:course_list"), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()

    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in body
    assert "Citizens and courses" in body
    assert "Intervention level" in body
    assert "Borgere og forløb" not in body


@pytest.mark.django_db
def test_pages_render_in_english_from_the_language_cookie(client_for, mette):
    client = client_for(mette)
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"

    body = client.get(reverse("interventions:intervention_list")).content.decode()

    assert "Interventions" in body
    assert "Units and staff" in body
    assert "Indsatsniveau" not in body


@pytest.mark.django_db
def test_pages_stay_danish_by_default(client_for, mette):
    body = client_for(mette).get(reverse("citizens:course_list")).content.decode()

    assert "Borgere og forløb" in body
    assert "Citizens and courses" not in body
