"""``{% initiative_concerns initiative %}``: the open concerns about an initiative, as permitted."""

from django import template

from lovende.culture.permissions import open_concerns_for_initiative
from lovende.improvement.models import Initiative

register = template.Library()


@register.inclusion_tag("culture/_initiative_concerns.html", takes_context=True)
def initiative_concerns(context: template.Context, initiative: Initiative) -> dict[str, object]:
    user = context["request"].user
    return {
        "initiative": initiative,
        "count": open_concerns_for_initiative(user, initiative).count(),
    }
