from django.urls import path

from lovende.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.access_log, name="access_log"),
    path("eksport/", views.export_access_log, name="export_access_log"),
]
