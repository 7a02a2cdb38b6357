from django.urls import path

from lovende.accounts import views

app_name = "accounts"
urlpatterns = [
    path("oidc/login/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
    path("to-trins/", views.totp_setup, name="totp_setup"),
    path("to-trins/kode/", views.totp_verify, name="totp_verify"),
]
