from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "lovende.organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from lovende import checks  # noqa: F401  (registers the deployment checks, CONF-01)
