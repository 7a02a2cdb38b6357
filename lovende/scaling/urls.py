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

# Scaling plans, target units, the overview and the quality team's list (plan_views, target_views)
from lovende.scaling import plan_views, target_views  # noqa: E402 - appended like the others

urlpatterns += [
    path("", plan_views.plan_list, name="plan_list"),
    path("ny/", plan_views.create_plan, name="create_plan"),
    path("plan/<int:plan_id>/", plan_views.plan_detail, name="plan_detail"),
    path("plan/<int:plan_id>/rediger/", plan_views.update_plan, name="update_plan"),
    path("plan/<int:plan_id>/maalenhed/", plan_views.add_target, name="add_target"),
    path("plan/<int:plan_id>/overblik/", plan_views.overview, name="overview"),
    path(
        "plan/<int:plan_id>/kvalitetsteam/",
        plan_views.quality_team_queue,
        name="quality_team_queue",
    ),
    path("enhed/<int:target_id>/", target_views.target_detail, name="target_detail"),
    path("enhed/<int:target_id>/fase/", target_views.move_stage, name="move_stage"),
    path("enhed/<int:target_id>/ejer/", target_views.change_owner, name="change_owner"),
    path(
        "enhed/<int:target_id>/tilpasning/",
        target_views.propose_adaptation,
        name="propose_adaptation",
    ),
    path(
        "tilpasning/<int:adaptation_id>/beslut/",
        target_views.decide_adaptation,
        name="decide_adaptation",
    ),
    path("enhed/<int:target_id>/ide/", target_views.propose_idea, name="propose_idea"),
    path("ide/<int:idea_id>/svar/", target_views.respond_to_idea, name="respond_to_idea"),
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
