from django.contrib import admin

from lovende.interventions.models import Intervention


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "status"]
