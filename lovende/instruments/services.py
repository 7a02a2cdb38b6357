"""Writes to instruments: install from the library, define, revise, enable per intervention."""

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lovende.instruments import library, scoring
from lovende.instruments.messages import definition_messages
from lovende.instruments.models import Instrument, InstrumentVersion
from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation, User

BUILT_IN_BY_CODE = {definition["code"]: definition for definition in library.BUILT_IN}


def _validated(definition: dict) -> dict:
    try:
        scoring.validate_definition(definition)
    except scoring.InvalidDefinition as error:
        raise ValidationError({"definition": definition_messages(error)}) from None
    return definition


@transaction.atomic
def install_builtin(*, organisation: Organisation, code: str, by: User | None = None) -> Instrument:
    """Copy a library definition into the organisation (once; later calls return it)."""
    definition = copy.deepcopy(BUILT_IN_BY_CODE[code])
    instrument, created = Instrument.objects.get_or_create(
        organisation=organisation,
        code=code,
        defaults={"name": definition["name"], "is_builtin": True},
    )
    if created:
        InstrumentVersion.objects.create(
            instrument=instrument, number=1, definition=definition, created_by=by
        )
    return instrument


@transaction.atomic
def create_instrument(*, by: User, code: str, name: str, definition: dict) -> Instrument:
    """Define a new instrument in the user's organisation, without code."""
    if Instrument.objects.filter(organisation_id=by.organisation_id, code=code).exists():
        raise ValidationError({"code": _("Der findes allerede et måleredskab med denne kode.")})
    definition = _validated({**definition, "code": code, "name": name})
    instrument = Instrument.objects.create(organisation_id=by.organisation_id, code=code, name=name)
    InstrumentVersion.objects.create(
        instrument=instrument, number=1, definition=definition, created_by=by
    )
    return instrument


@transaction.atomic
def revise_instrument(
    *, by: User, instrument: Instrument, name: str, definition: dict
) -> InstrumentVersion:
    """Save a changed definition as a new version; earlier measurements keep theirs."""
    definition = _validated({**definition, "code": instrument.code, "name": name})
    # Lock the instrument so that two revisions saved at once never get the same number (REL-02).
    locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
    latest = current_version(locked)
    if latest.definition == definition and locked.name == name:
        return latest
    instrument.name = name
    instrument.save(update_fields=["name"])
    return InstrumentVersion.objects.create(
        instrument=instrument, number=latest.number + 1, definition=definition, created_by=by
    )


def current_version(instrument: Instrument) -> InstrumentVersion:
    return instrument.versions.order_by("-number").first()


@transaction.atomic
def enable_instrument(*, instrument: Instrument, intervention: Intervention) -> None:
    """Let the intervention's courses record this instrument."""
    if instrument.organisation_id != intervention.organisation_id:
        raise ValidationError(_("Måleredskabet hører til en anden organisation."))
    instrument.interventions.add(intervention)


@transaction.atomic
def disable_instrument(*, instrument: Instrument, intervention: Intervention) -> None:
    """Stop new measurements; existing ones and their summaries stay."""
    instrument.interventions.remove(intervention)
