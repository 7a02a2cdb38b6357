from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lovende.api"
    label = "api"
    verbose_name = "API"
