"""The intervention described: target group, goals, theory of change, core and adaptable elements
and the documentation tools chosen, as versions that are never changed in place.

``describe_intervention`` saves a new version. Elements keep their ``key`` from version to version,
so a unit's mapping, adaptations and fidelity checks follow the element; ``compare`` says what
changed between two versions, field by field and element by element (matched by key).
Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lovende.instruments.models import Instrument
from lovende.interventions.models import Intervention
from lovende.organisation.models import User
from lovende.scaling.limits import MAX_TEXT, length_errors
from lovende.scaling.models import Adaptation, Description, Element, ScalingPlan

# The text fields of a version, in the order a reader meets them.
TEXT_FIELDS = (
    "target_group",
    "goals",
    "resources",
    "activities",
    "short_term_outcomes",
    "long_term_outcomes",
    "assumptions",
    "documentation_note",
)
REQUIRED_FIELDS = ("target_group", "goals")
# The theory of change, left to right; the assumptions sit below the arrows.
THEORY_OF_CHANGE = ("resources", "activities", "short_term_outcomes", "long_term_outcomes")
KEY_LENGTH = 60  # Element.key
NAME_LENGTH = 200  # Element.name
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def current_description(intervention: Intervention) -> Description | None:
    """The newest version of the intervention's description, or None before the first."""
    return intervention.descriptions.order_by("-version").first()


def current_elements(intervention: Intervention) -> dict[str, list[Element]]:
    """The current version's elements by kind: ``{Element.Kind.CORE: [...],
    Element.Kind.ADAPTABLE: [...]}``, both lists empty before the first version."""
    by_kind: dict[str, list[Element]] = {kind: [] for kind in Element.Kind.values}
    description = current_description(intervention)
    if description is not None:
        for element in description.elements.order_by("order", "name"):
            by_kind[element.kind].append(element)
    return by_kind


def element_key(name: str) -> str:
    """A key from a name: «Familiens egne mål» → familiens-egne-maal."""
    return slugify(name.translate(DANISH_LETTERS))[:KEY_LENGTH].strip("-")


def assign_keys(rows: Sequence[Mapping[str, str]]) -> list[str]:
    """One key per row, unique within the version: an element keeps its own key (it is the same
    element as before), a new one gets a key from its name, with -2, -3 … when that is taken."""
    own = [row.get("key", "") if SLUG.match(row.get("key") or "") else "" for row in rows]
    taken: set[str] = set()
    reserved = {key for key in own if key}
    keys = []
    for row, key in zip(rows, own, strict=True):
        if key and key not in taken:
            taken.add(key)
            keys.append(key)
            continue
        base = element_key(row["name"])[: KEY_LENGTH - 4] or "element"
        candidate, number = base, 2
        while candidate in taken or candidate in reserved:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        keys.append(candidate)
    return keys


# What a version says, without the model: the comparison works on these.
@dataclass(frozen=True)
class ElementText:
    key: str
    kind: str
    name: str
    text: str


@dataclass(frozen=True)
class Snapshot:
    fields: dict[str, str]
    tools: tuple[str, ...]
    elements: tuple[ElementText, ...]


def snapshot(description: Description) -> Snapshot:
    """The version as plain data (``elements`` and ``documentation_tools`` may be prefetched)."""
    return Snapshot(
        fields={name: getattr(description, name) for name in TEXT_FIELDS},
        tools=tuple(sorted(str(tool) for tool in description.documentation_tools.all())),
        elements=tuple(
            ElementText(e.key, e.kind, e.name, e.text)
            for e in sorted(description.elements.all(), key=lambda e: (e.kind, e.order, e.name))
        ),
    )


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    added: tuple[str, ...]  # lines that are new
    removed: tuple[str, ...]  # lines that are gone


@dataclass(frozen=True)
class ElementChange:
    key: str
    status: str  # "added", "removed" or "changed"
    before: ElementText | None
    after: ElementText | None
    changed: tuple[str, ...] = ()  # of "kind", "name", "text"


@dataclass(frozen=True)
class Comparison:
    fields: list[FieldChange] = field(default_factory=list)
    tools_added: tuple[str, ...] = ()
    tools_removed: tuple[str, ...] = ()
    elements: list[ElementChange] = field(default_factory=list)
    unchanged_elements: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.tools_added or self.tools_removed or self.elements)

    def count(self, status: str) -> int:
        return sum(change.status == status for change in self.elements)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _field_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[FieldChange]:
    changes = []
    for name in TEXT_FIELDS:
        old, new = _lines(before.get(name, "")), _lines(after.get(name, ""))
        if old == new:
            continue
        changes.append(
            FieldChange(
                field=name,
                label=str(Description._meta.get_field(name).verbose_name),
                added=tuple(line for line in new if line not in old),
                removed=tuple(line for line in old if line not in new),
            )
        )
    return changes


def _element_changes(
    before: Iterable[ElementText], after: Iterable[ElementText]
) -> tuple[list[ElementChange], int]:
    old = {element.key: element for element in before}
    new = {element.key: element for element in after}
    changes, unchanged = [], 0
    for key, element in new.items():
        previous = old.get(key)
        if previous is None:
            changes.append(ElementChange(key, "added", None, element))
            continue
        changed = tuple(
            name
            for name in ("kind", "name", "text")
            if getattr(previous, name).strip() != getattr(element, name).strip()
        )
        if changed:
            changes.append(ElementChange(key, "changed", previous, element, changed))
        else:
            unchanged += 1
    changes += [ElementChange(key, "removed", e, None) for key, e in old.items() if key not in new]
    return changes, unchanged


def compare(before: Snapshot, after: Snapshot) -> Comparison:
    """What changed from ``before`` to ``after``: text fields line by line, the tools, and the
    elements matched by key (added, removed, or changed in kind, name or text)."""
    elements, unchanged = _element_changes(before.elements, after.elements)
    return Comparison(
        fields=_field_changes(before.fields, after.fields),
        tools_added=tuple(tool for tool in after.tools if tool not in before.tools),
        tools_removed=tuple(tool for tool in before.tools if tool not in after.tools),
        elements=elements,
        unchanged_elements=unchanged,
    )


def _element_errors(rows: Sequence[Mapping[str, str]]) -> list[str]:
    errors, names = [], set()
    for row in rows:
        if row.get("kind") not in Element.Kind.values:
            errors.append(_("Vælg, om «%(name)s» er et kerne- eller et tilpasningselement.") % row)
        name = row.get("name", "")
        if not name:
            errors.append(_("Giv hvert element et navn."))
        elif len(name) > NAME_LENGTH:
            errors.append(_("Et elements navn må højst have %(max)s tegn.") % {"max": NAME_LENGTH})
        elif name.casefold() in names:
            errors.append(_("To elementer hedder «%(name)s». Giv dem hver sit navn.") % row)
        names.add(name.casefold())
        if len(str(row.get("text") or "").strip()) > MAX_TEXT:
            errors.append(
                _("Beskrivelsen af «%(name)s» må højst have %(max)s tegn.")
                % {"name": name, "max": MAX_TEXT}
            )
    return errors


def _check(
    intervention: Intervention,
    by: User,
    texts: Mapping[str, str],
    tools: Sequence[Instrument],
    rows: Sequence[Mapping[str, str]],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if intervention.organisation_id != by.organisation_id:
        add("__all__", _("Indsatsen hører til en anden organisation."))
    if not texts["target_group"]:
        add("target_group", _("Skriv, hvem indsatsen er for."))
    if not texts["goals"]:
        add("goals", _("Skriv indsatsens mål."))
    enabled = set(intervention.instruments.values_list("pk", flat=True))
    if any(tool.pk not in enabled for tool in tools):
        add(
            "documentation_tools",
            _("Vælg kun dokumentationsredskaber, der er slået til for indsatsen."),
        )
    for message in _element_errors(rows):
        add("elements", message)
    core = [row for row in rows if row.get("kind") == Element.Kind.CORE]
    if not core and ScalingPlan.objects.filter(intervention=intervention).exists():
        add(
            "elements",
            _(
                "Beskriv mindst ét kerneelement: skaleringsplanens enheder kortlægges og måles "
                "op mod kerneelementerne."
            ),
        )
    for name, message in length_errors(Description, texts).items():
        add(name, message)
    return errors


@transaction.atomic
def describe_intervention(
    *,
    by: User,
    intervention: Intervention,
    target_group: str,
    goals: str,
    resources: str = "",
    activities: str = "",
    short_term_outcomes: str = "",
    long_term_outcomes: str = "",
    assumptions: str = "",
    documentation_tools: Sequence[Instrument] = (),
    documentation_note: str = "",
    change_note: str = "",
    elements: Sequence[Mapping[str, str]] = (),
) -> Description:
    """Save the description as a new version; the earlier versions stay as they were.

    ``elements`` are rows of kind, name, text and (for an element carried over) its key; an
    element left out is removed from the new version. From version 2 on, ``change_note`` (what
    changed and why) is required, and a version that changes nothing is refused.
    """
    texts = {
        "target_group": target_group,
        "goals": goals,
        "resources": resources,
        "activities": activities,
        "short_term_outcomes": short_term_outcomes,
        "long_term_outcomes": long_term_outcomes,
        "assumptions": assumptions,
        "documentation_note": documentation_note,
    }
    texts = {name: value.strip() for name, value in texts.items()}
    rows = [{**row, "name": row.get("name", "").strip()} for row in elements]
    tools = list(documentation_tools)
    errors = _check(intervention, by, texts, tools, rows)
    current = current_description(intervention)
    if current is not None and not change_note.strip():
        errors.setdefault("change_note", []).append(
            _("Skriv, hvad der er ændret og hvorfor, så enhederne kan se det.")
        )
    for name, message in length_errors(Description, {"change_note": change_note}).items():
        errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationError(errors)
    keys = assign_keys(rows)
    proposed = Snapshot(
        fields=texts,
        tools=tuple(sorted(str(tool) for tool in tools)),
        elements=tuple(
            ElementText(key, row["kind"], row["name"], row.get("text", "").strip())
            for key, row in zip(keys, rows, strict=True)
        ),
    )
    if current is not None and compare(snapshot(current), proposed).is_empty:
        raise ValidationError(
            _("Intet er ændret siden version %(version)s. Ret beskrivelsen, før du gemmer.")
            % {"version": current.version}
        )
    description = Description.objects.create(
        intervention=intervention,
        version=current.version + 1 if current else 1,
        change_note=change_note.strip(),
        created_by=by,
        **texts,
    )
    description.documentation_tools.set(tools)
    Element.objects.bulk_create(
        Element(
            description=description,
            key=element.key,
            kind=element.kind,
            name=element.name,
            text=element.text,
            order=order,
        )
        for order, element in enumerate(proposed.elements)
    )
    _reroute_open_adaptations(intervention, proposed)
    return description


def _reroute_open_adaptations(intervention: Intervention, version: Snapshot) -> None:
    """Open adaptations waiting for a unit's leader on an element that is now core go to the
    quality team (one UPDATE): who decides follows the current description, not the one the
    adaptation was proposed under."""
    core = [element.key for element in version.elements if element.kind == Element.Kind.CORE]
    Adaptation.objects.filter(
        target__plan__intervention=intervention,
        status=Adaptation.Status.PROPOSED,
        element_key__in=core,
    ).update(touches_core=True, status=Adaptation.Status.WITH_QUALITY_TEAM)
