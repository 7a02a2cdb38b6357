from django.urls import path

from lovende.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.privacy_overview, name="privacy_overview"),
    path("find-borger/", views.find_citizen, name="find_citizen"),
    path("borger/<int:citizen_id>/", views.citizen_rights, name="citizen_rights"),
    path(
        "borger/<int:citizen_id>/indsigt.json",
        views.export_access_json,
        name="export_access_json",
    ),
    path("borger/<int:citizen_id>/indsigt.pdf", views.export_access_pdf, name="export_access_pdf"),
    path("borger/<int:citizen_id>/slet/", views.erase_citizen, name="erase_citizen"),
    path("borger/<int:citizen_id>/begraens/", views.restrict_citizen, name="restrict_citizen"),
    path(
        "borger/<int:citizen_id>/ophaev-begraensning/",
        views.lift_restriction,
        name="lift_restriction",
    ),
    path(
        "opbevaring/<str:category>/",
        views.update_retention_rule,
        name="update_retention_rule",
    ),
]
