from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lovende.audit"

    def ready(self) -> None:
        # Security events from login, logout, django-axes, roles and permissions (LOG-03)
        from lovende.audit import signals  # noqa: F401
