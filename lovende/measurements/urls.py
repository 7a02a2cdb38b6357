from django.urls import path

from lovende.measurements import views

app_name = "measurements"

urlpatterns = [
    path("forloeb/<int:course_id>/ny/", views.record_measurement, name="record_measurement"),
    path(
        "forloeb/<int:course_id>/selvrapport/<int:instrument_id>/",
        views.self_report,
        name="self_report",
    ),
    path("laast/", views.locked, name="locked"),
    path("<int:measurement_id>/ret/", views.update_measurement, name="update_measurement"),
    path("<int:measurement_id>/slet/", views.delete_measurement, name="delete_measurement"),
]
