from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class ApiConfig(AppConfig):
    name = "lovende.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # Hardening that must be in place before the first request (SECURITY INJ-01, VAL-01).
        from lovende.api import lookups

        require_defusedxml()
        lookups.register()


def require_defusedxml() -> None:
    """Refuse to start without defusedxml: openpyxl then parses uploaded XML unguarded (INJ-01)."""
    try:
        import defusedxml  # noqa: F401
        from openpyxl.xml import DEFUSEDXML
    except ImportError:
        DEFUSEDXML = False
    if not DEFUSEDXML:
        raise ImproperlyConfigured(
            "defusedxml mangler: Lovende starter ikke uden, for openpyxl læser ellers XML uden "
            "beskyttelse mod XML-bomber. Installér pakken defusedxml."
        )
