from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Data protection: the inventory and record of processing (PRIV-01), the citizen's rights
    (access and erasure, PRIV-03 and PRIV-04) and the retention rules with their nightly job."""

    name = "lovende.privacy"
    label = "privacy"
