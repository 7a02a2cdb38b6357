"""Optimistic locking for records people edit in forms (SECURITY REL-02).

Each editable record carries a ``version`` column. An edit form sends back the version it was
shown; the service claims the row with ``UPDATE … SET version = version + 1 WHERE id = ? AND
version = ?`` before it writes, inside its transaction. If someone else saved in between, the
UPDATE touches no row, the service raises ``EditConflict`` and the transaction rolls back, so the
newer data stays and the person is told to look again. The claim's row lock also makes a second,
simultaneous save wait for the first and then find the version moved on (PostgreSQL re-checks
the WHERE clause after the lock; SQLite's IMMEDIATE transactions run one writer at a time).
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

CONFLICT_CODE = "conflict"
CONFLICT_MESSAGE = _(
    "Oplysningerne er ændret af en anden, mens du redigerede. Se de nye oplysninger og prøv igen."
)


def version_field() -> models.PositiveIntegerField:
    """The column: 1 for a new row, and for the rows that were there when it was added."""
    return models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)


class EditConflict(ValidationError):
    """A save based on a version someone else has already replaced."""

    def __init__(self) -> None:
        super().__init__(CONFLICT_MESSAGE, code=CONFLICT_CODE)


def claim(record: models.Model, version: int | None = None) -> None:
    """Move ``record`` from ``version`` (default: the one it was read with) to the next, or raise.

    Call it inside the service's transaction, before the write, so a conflict leaves nothing.
    """
    expected = record.version if version is None else version
    rows = type(record)._base_manager.db_manager(record._state.db)  # the database it came from
    claimed = rows.filter(pk=record.pk, version=expected).update(version=F("version") + 1)
    if claimed != 1:
        raise EditConflict
    record.version = expected + 1


class VersionField(forms.IntegerField):
    """The hidden form field that carries the version the form was filled in from."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: object) -> None:
        # Not required: a client without it (the API, an old page) is checked against the
        # version the request read, which still catches a save made meanwhile.
        super().__init__(min_value=1, required=False, **kwargs)


def has_conflict(form: forms.Form) -> bool:
    """Did the service refuse the form's save as stale? Then show the newer data instead."""
    return form.has_error(NON_FIELD_ERRORS, code=CONFLICT_CODE)


def with_conflict(form: forms.Form) -> forms.Form:
    """``form`` (built from the newer data) carrying the conflict message above its fields."""
    if not hasattr(form, "cleaned_data"):
        form.cleaned_data = {}  # an unbound form has none, and add_error looks there
    form.add_error(None, EditConflict())
    return form
