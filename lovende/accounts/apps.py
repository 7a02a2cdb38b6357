from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lovende.accounts"
    label = "accounts"
    verbose_name = _("Log ind")

    def ready(self) -> None:
        # The login signal receiver that remembers whether the user had a role (SESS-01).
        from lovende.accounts import middleware  # noqa: F401
