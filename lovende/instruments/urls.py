from django.urls import path

from lovende.instruments import views

app_name = "instruments"

urlpatterns = [
    path("", views.instrument_list, name="instrument_list"),
    path("bibliotek/tilfoej/", views.install_builtin, name="install_builtin"),
    path("nyt/", views.create_instrument, name="create_instrument"),
    path("<int:instrument_id>/", views.instrument_detail, name="instrument_detail"),
    path("<int:instrument_id>/ret/", views.revise_instrument, name="revise_instrument"),
    path(
        "<int:instrument_id>/indsatser/",
        views.choose_interventions,
        name="choose_interventions",
    ),
]
