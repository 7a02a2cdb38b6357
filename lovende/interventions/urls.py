from django.urls import path

from lovende.interventions import views

app_name = "interventions"

urlpatterns = [
    path("", views.intervention_list, name="intervention_list"),
    path("ny/", views.create_intervention, name="create_intervention"),
    path("<int:intervention_id>/", views.intervention_detail, name="intervention_detail"),
    path("<int:intervention_id>/rediger/", views.update_intervention, name="update_intervention"),
    path(
        "<int:intervention_id>/udgifter/ny/",
        views.record_intervention_cost,
        name="record_intervention_cost",
    ),
    path(
        "udgifter/<int:cost_id>/rediger/",
        views.update_intervention_cost,
        name="update_intervention_cost",
    ),
    path(
        "udgifter/<int:cost_id>/slet/",
        views.delete_intervention_cost,
        name="delete_intervention_cost",
    ),
]
