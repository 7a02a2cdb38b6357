from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lovende import views
from lovende.api.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # accounts: the municipal IdP login and TOTP pages (SECURITY AUTH-01, AUTH-02)
    path("konto/", include("lovende.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("borgere/", include("lovende.citizens.urls")),
    path("import/", include("lovende.imports.urls")),  # imports (SECURITY FILE-01, FILE-02)
    path("maalinger/", include("lovende.measurements.urls")),
    path("maaleredskaber/", include("lovende.instruments.urls")),
    path("indsatser/", include("lovende.interventions.urls")),
    path("refleksion/", include("lovende.reflection.urls")),
    path("forbedring/", include("lovende.improvement.urls")),
    path("kultur/", include("lovende.culture.urls")),
    path("skalering/", include("lovende.scaling.urls")),
    path("overblik/", include("lovende.dashboards.urls")),
    path("organisation/", include("lovende.organisation.urls")),
    path("adgangslog/", include("lovende.audit.urls")),
    # privacy: data-subject rights and retention (SECURITY PRIV-03, PRIV-04)
    path("persondata/", include("lovende.privacy.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "lovende.views.permission_denied"
handler404 = "lovende.views.page_not_found"
handler500 = "lovende.views.server_error"
