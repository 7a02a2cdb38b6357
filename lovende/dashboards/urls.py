from django.urls import path

from lovende.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("organisation/", views.organisation_overview, name="organisation_overview"),
    path(
        "organisation/excel/",
        views.export_organisation_overview,
        name="export_organisation_overview",
    ),
    path(
        "indsats/<int:intervention_id>/",
        views.intervention_overview,
        name="intervention_overview",
    ),
    path(
        "indsats/<int:intervention_id>/excel/",
        views.export_intervention_overview,
        name="export_intervention_overview",
    ),
]
