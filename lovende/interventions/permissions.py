"""Interventions are not personal data: everyone in the organisation may read them."""

from django.db.models import QuerySet
from django.http import Http404

from lovende.interventions.models import Intervention
from lovende.organisation.models import User


def interventions_visible_to(user: User) -> QuerySet[Intervention]:
    if user.organisation_id is None:
        return Intervention.objects.none()
    return Intervention.objects.filter(organisation_id=user.organisation_id)


def get_intervention_for_user(user: User, intervention_id: int) -> Intervention:
    try:
        return interventions_visible_to(user).get(pk=intervention_id)
    except Intervention.DoesNotExist:
        raise Http404 from None
