from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def oidc_enabled() -> bool:
    """Whether the login page offers the municipality's login (SECURITY AUTH-01)."""
    return settings.LOVENDE_OIDC_ENABLED
