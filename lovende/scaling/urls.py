from django.urls import path  # noqa: F401 - the views' modules add their paths below

app_name = "scaling"

urlpatterns: list = []
