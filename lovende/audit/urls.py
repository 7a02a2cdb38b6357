from django.urls import path

from lovende.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.access_log, name="access_log"),
    path("eksport/", views.export_access_log, name="export_access_log"),
    path("stikproeve/", views.spot_check_list, name="spot_check_list"),
    path("stikproeve/ny/", views.draw_spot_check, name="draw_spot_check"),
    path("stikproeve/<int:spot_check_id>/", views.spot_check_detail, name="spot_check_detail"),
    path(
        "stikproeve/post/<int:item_id>/vurdering/",
        views.mark_spot_check_item,
        name="mark_spot_check_item",
    ),
]
