"""The limits on what is typed into scaling, in one place for the forms and the services: the
longest text (a few paragraphs, not a report) and the earliest date that is not a typing error."""

import datetime
from collections.abc import Mapping

from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext as _

MAX_TEXT = 4000  # a note, a proposal, a frame or a piece of the description
EARLIEST = datetime.date(2000, 1, 1)  # a date before this is a typing error


def too_long(text: str, label: object) -> str | None:
    """The Danish refusal of a text longer than ``MAX_TEXT``, or None."""
    if len(text.strip()) <= MAX_TEXT:
        return None
    return _("%(label)s må højst have %(max)s tegn.") % {"label": label, "max": MAX_TEXT}


def length_errors(
    model: type[Model], texts: Mapping[str, str], fields: Mapping[str, str] | None = None
) -> dict[str, str]:
    """``{field: refusal}`` for each of ``texts`` longer than ``MAX_TEXT``. The label is the
    model field's verbose name; ``fields`` maps a form field to its model field where the two
    names differ."""
    fields = fields or {}
    errors = {}
    for name, text in texts.items():
        label = capfirst(model._meta.get_field(fields.get(name, name)).verbose_name)
        message = too_long(text, label)
        if message:
            errors[name] = message
    return errors
