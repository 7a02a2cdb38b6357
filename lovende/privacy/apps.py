from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Data protection: the data inventory and the record of processing (PRIV-01)."""

    name = "lovende.privacy"
    label = "privacy"
