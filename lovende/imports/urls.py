from django.urls import path

from lovende.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload_file, name="upload_file"),
    path("kontrol/", views.preview, name="preview"),
    path("kontrol/trin/", views.validate_step, name="validate_step"),
    path("gem/", views.commit_import, name="commit_import"),
    path("annuller/", views.cancel_import, name="cancel_import"),
    path("skabelon.xlsx", views.template_xlsx, name="template_xlsx"),
    path("skabelon.csv", views.template_csv, name="template_csv"),
]
