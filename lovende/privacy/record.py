"""The record of processing (fortegnelse, GDPR Art. 30), generated from the data inventory.

The document is plain Danish text, not gettext: it is written for the municipality's data
protection officer and is committed in ``docs/privacy/``. Its output is sorted, so it changes only
when the inventory, the models or the retention settings change.
"""

from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from lovende.privacy.inventory import CATEGORIES, INVENTORY, PURPOSES, SUBJECTS, field_categories

# Django's own apps whose tables are in the inventory: the user's sessions and the admin log hold
# personal data; permissions, groups and content types are listed so that nothing is unaccounted.
# Every other installed app with tables is in scope too (e.g. django-axes' login attempts), so a
# new dependency that stores data fails the inventory test until it is classified.
DJANGO_APPS = {"admin", "auth", "contenttypes", "sessions"}
RECORD_PATH = Path(settings.PROJECT_DIR) / "docs" / "privacy" / "record-of-processing.md"

# SECURITY.md requirements that protect the data in the inventory and that Lovende implements.
SECURITY_MEASURES = {
    "ACL-01": "Hver URL har en adgangsregel; en test fejler for ruter uden",
    "ACL-02": "Adgang følger enhedstræet: egen enhed ser borgerdata, andre får 404",
    "ACL-03": "Roller med kun aggregeret adgang ser hverken navne eller CPR-numre",
    "ACL-04": "Ingen adgang på tværs af kommuner",
    "LOG-01": "Al anvendelse af borgeroplysninger logges (adgangsloggen)",
    "LOG-02": "Adgangsloggen kan kun tilføjes til og slettes først efter opbevaringsfristen",
    "PRIV-01": "Denne fortegnelse: alle felter er klassificeret, og en test holder den ajour",
    "PRIV-02": "CPR-numre maskeres i lister og logges aldrig i klartekst",
    "SDC-01": "Små tal (under 5) undertrykkes i alle aggregater, også sekundært",
    "SDC-02": "Anonyme medarbejdermålinger: tællere i stedet for svar, resultater først ved 5 svar",
    "REL-01": "Hver handling er atomar, så afledte tal altid passer",
}


def in_scope(model: type[models.Model]) -> bool:
    """Whether a model's table belongs in the inventory: every installed model with a table of its
    own (proxies have none)."""
    return not model._meta.proxy


def stored_fields(model: type[models.Model]) -> list[str]:
    """The model's own columns and many-to-many tables, FKs by field name."""
    meta = model._meta
    return [field.name for field in [*meta.local_concrete_fields, *meta.local_many_to_many]]


def inventory_gaps() -> tuple[list[str], list[str]]:
    """Fields without a category, and registry entries without a field ("app.Model.field")."""
    registry = field_categories()
    present = {m._meta.label: stored_fields(m) for m in apps.get_models() if in_scope(m)}
    missing = [
        f"{label}.{name}"
        for label, names in present.items()
        for name in names
        if name not in registry.get(label, {})
    ]
    stale = [
        f"{label}.{name}"
        for label, fields in registry.items()
        for name in fields
        if name not in present.get(label, ())
    ]
    return sorted(missing), sorted(stale)


def category_counts() -> Counter[str]:
    return Counter(c for fields in field_categories().values() for c in fields.values())


def retention_settings() -> dict[str, object]:
    """Every setting that sets a retention period (a name with RETENTION in it)."""
    return {name: getattr(settings, name) for name in sorted(dir(settings)) if "RETENTION" in name}


def render_record() -> str:
    """The record of processing as Markdown."""
    lines = [
        "# Fortegnelse over behandlingsaktiviteter (record of processing, GDPR art. 30)",
        "",
        "Genereret af `lovende privacy_record` fra dataoversigten i `lovende/privacy/inventory.py`"
        " (PRIV-01). Ret ikke i filen; ret oversigten og kør kommandoen igen.",
        "",
        "## Dataansvarlig (controller)",
        "",
        "Kommunen, der bruger Lovende, er dataansvarlig. Leverandøren af driften er databehandler,"
        " når Lovende hostes af en anden end kommunen selv (databehandleraftale).",
        "",
    ]
    lines += _purposes() + _subjects() + _categories() + _models()
    lines += _recipients() + _retention() + _measures()
    return "\n".join(lines).rstrip() + "\n"


def _purposes() -> list[str]:
    lines = [
        "## Formål (purposes)",
        "",
        "| formål | beskrivelse | modeller |",
        "| --- | --- | --- |",
    ]
    for key, text in sorted(PURPOSES.items()):
        labels = sorted(label for label, entry in INVENTORY.items() if entry["purpose"] == key)
        lines.append(f"| `{key}` | {text} | {', '.join(f'`{label}`' for label in labels)} |")
    return [*lines, ""]


def _subjects() -> list[str]:
    lines = ["## Kategorier af registrerede (data subjects)", "", "| kategori | hvem | modeller |"]
    lines.append("| --- | --- | --- |")
    for key, text in sorted(SUBJECTS.items()):
        count = sum(1 for entry in INVENTORY.values() if key in entry["subjects"])
        lines.append(f"| {key} | {text} | {count} |")
    return [*lines, ""]


def _categories() -> list[str]:
    counts = category_counts()
    lines = ["## Kategorier af personoplysninger (categories of personal data)", ""]
    lines += ["| klassifikation | betydning | felter |", "| --- | --- | --- |"]
    for key, text in sorted(CATEGORIES.items()):
        lines.append(f"| `{key}` | {text} | {counts[key]} |")
    total = sum(counts.values())
    return [*lines, "", f"I alt {len(INVENTORY)} modeller og {total} felter.", ""]


def _models() -> list[str]:
    lines = ["## Oplysninger pr. model (per model)", ""]
    for label, entry in sorted(INVENTORY.items()):
        subjects = ", ".join(entry["subjects"])
        lines += [f"### `{label}`", "", f"Registrerede: {subjects}. Formål: `{entry['purpose']}`."]
        lines.append("")
        for category, names in sorted(entry["fields"].items()):
            lines.append(f"- `{category}`: {', '.join(f'`{name}`' for name in sorted(names))}")
        lines.append("")
    return lines


def _recipients() -> list[str]:
    return [
        "## Modtagere (recipients)",
        "",
        "Ingen uden for kommunen. Kommunens egne medarbejdere ser oplysningerne efter deres plads"
        " i enhedstræet (ACL-02); ledere over enheden ser kun undertrykte tal (SDC-01)."
        " Databehandleren (driftsleverandøren) har adgang, når Lovende hostes af en anden end"
        " kommunen.",
        "",
        "## Overførsler til tredjelande (transfers)",
        "",
        "Ingen.",
        "",
    ]


def _retention() -> list[str]:
    lines = [
        "## Sletning (retention)",
        "",
        "Slettefristerne fastsættes af kommunen (art. 17, stk. 3, litra b, og arkivpligt);"
        " se issue 8 og PRIV-04. Adgangsloggen har efter SECURITY.md sin egen frist (6 måneder).",
        "",
    ]
    configured = retention_settings()
    if not configured:
        return [*lines, "Der er endnu ingen indstillinger for slettefrister.", ""]
    lines += ["| indstilling | værdi |", "| --- | --- |"]
    lines += [f"| `{name}` | {value} |" for name, value in configured.items()]
    return [*lines, ""]


def _measures() -> list[str]:
    lines = ["## Sikkerhedsforanstaltninger (security measures, art. 32)", ""]
    lines.append("Kravene står med deres ID i `SECURITY.md`; testene nævner ID'et (`# covers …`).")
    lines.append("")
    lines += [f"- **{key}**: {text}" for key, text in sorted(SECURITY_MEASURES.items())]
    return [*lines, ""]
