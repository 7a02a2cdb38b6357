from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "lovende.citizens"
