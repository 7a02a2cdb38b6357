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

# The intervention's description and its promising-practice assessments
from lovende.scaling import assessment_views, description_views  # noqa: E402 - appended like the others

urlpatterns += [
    path(
        "indsats/<int:intervention_id>/beskrivelse/",
        description_views.description_detail,
        name="description_detail",
    ),
    path(
        "indsats/<int:intervention_id>/beskrivelse/ny-version/",
        description_views.describe_intervention,
        name="describe_intervention",
    ),
    path(
        "indsats/<int:intervention_id>/beskrivelse/versioner/",
        description_views.description_history,
        name="description_history",
    ),
    path(
        "indsats/<int:intervention_id>/beskrivelse/version/<int:version>/",
        description_views.description_version,
        name="description_version",
    ),
    path(
        "indsats/<int:intervention_id>/lovende-praksis/",
        assessment_views.assessment_list,
        name="assessment_list",
    ),
    path(
        "indsats/<int:intervention_id>/lovende-praksis/ny-vurdering/",
        assessment_views.create_assessment,
        name="create_assessment",
    ),
    path(
        "vurdering/<int:assessment_id>/",
        assessment_views.assessment_detail,
        name="assessment_detail",
    ),
]
