"""Who may see and manage instruments.

Instruments are not personal data: everyone in the organisation may read them. Installing,
defining, revising and enabling them is set-up work for administrators and development
consultants, as for interventions. Nothing crosses organisations (ACL-04).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lovende.instruments.models import Instrument
from lovende.organisation.models import User
from lovende.organisation.permissions import can_manage_interventions


def instruments_visible_to(user: User) -> QuerySet[Instrument]:
    """The instruments of the user's own organisation."""
    if user.organisation_id is None:
        return Instrument.objects.none()
    return Instrument.objects.filter(organisation_id=user.organisation_id)


def can_manage_instruments(user: User) -> bool:
    """Administrators and development consultants, the people who set up interventions."""
    return can_manage_interventions(user)


def check_can_manage_instruments(user: User) -> None:
    """Raise PermissionDenied (403) unless the user may manage instruments."""
    if not can_manage_instruments(user):
        raise PermissionDenied


def get_instrument_for_user(user: User, instrument_id: int, *, manage: bool = False) -> Instrument:
    """The instrument, or 404 outside the user's organisation; with ``manage``, 403 for readers."""
    try:
        instrument = instruments_visible_to(user).get(pk=instrument_id)
    except Instrument.DoesNotExist:
        raise Http404 from None
    if manage:
        check_can_manage_instruments(user)
    return instrument
