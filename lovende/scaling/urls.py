from django.urls import path

app_name = "scaling"

urlpatterns: list = []

# A target unit's own work (unit_views)
from lovende.scaling import unit_views  # noqa: E402 - appended beside the other views' paths

urlpatterns += [
    path("enhed/<int:target_id>/parathed/", unit_views.readiness_detail, name="readiness_detail"),
    path(
        "enhed/<int:target_id>/parathed/rediger/",
        unit_views.update_readiness,
        name="update_readiness",
    ),
    path(
        "enhed/<int:target_id>/kortlaegning/rediger/",
        unit_views.update_mapping,
        name="update_mapping",
    ),
    path(
        "enhed/<int:target_id>/tavs-viden/rediger/",
        unit_views.update_tacit_knowledge,
        name="update_tacit_knowledge",
    ),
    path("enhed/<int:target_id>/troskab/", unit_views.fidelity_history, name="fidelity_history"),
    path(
        "enhed/<int:target_id>/troskab/nyt-tjek/",
        unit_views.record_fidelity_check,
        name="record_fidelity_check",
    ),
]
