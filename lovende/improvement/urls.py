from django.urls import path

from lovende.improvement import measure_views, trial_views, views

app_name = "improvement"

urlpatterns = [
    path("", views.team_list, name="team_list"),
    path(
        "indsats/<int:intervention_id>/",
        views.intervention_team_list,
        name="intervention_team_list",
    ),
    path("indsats/<int:intervention_id>/nyt-team/", views.create_team, name="create_team"),
    path("team/<int:team_id>/", views.team_detail, name="team_detail"),
    path("team/<int:team_id>/rediger/", views.update_team, name="update_team"),
    path("team/<int:team_id>/medlem/", views.add_member, name="add_member"),
    path("medlem/<int:member_id>/fjern/", views.remove_member, name="remove_member"),
    path("team/<int:team_id>/partner/", views.add_partner, name="add_partner"),
    path("partner/<int:partner_id>/fjern/", views.remove_partner, name="remove_partner"),
    path("team/<int:team_id>/moedeforum/", views.create_team_forum, name="create_team_forum"),
    path("tavle/", views.board, name="board"),
    path(
        "indsats/<int:intervention_id>/nyt-tiltag/",
        views.create_initiative,
        name="create_initiative",
    ),
    path(
        "udviklingspunkt/<int:point_id>/nyt-tiltag/",
        views.create_initiative_from_point,
        name="create_initiative_from_point",
    ),
    path("tiltag/<int:initiative_id>/", views.initiative_detail, name="initiative_detail"),
    path("tiltag/<int:initiative_id>/rediger/", views.update_initiative, name="update_initiative"),
    path(
        "tiltag/<int:initiative_id>/status/",
        views.set_initiative_status,
        name="set_initiative_status",
    ),
    path(
        "tiltag/<int:initiative_id>/ny-afproevning/",
        trial_views.create_trial,
        name="create_trial",
    ),
    path("afproevning/<int:trial_id>/", trial_views.trial_detail, name="trial_detail"),
    path("afproevning/<int:trial_id>/plan/", trial_views.update_plan, name="update_plan"),
    path("afproevning/<int:trial_id>/udfoer/", trial_views.record_do, name="record_do"),
    path("afproevning/<int:trial_id>/studer/", trial_views.record_study, name="record_study"),
    path("afproevning/<int:trial_id>/handl/", trial_views.decide, name="decide"),
    path(
        "tiltag/<int:initiative_id>/ny-maaling/",
        measure_views.create_measure,
        name="create_measure",
    ),
    path("maaling/<int:measure_id>/", measure_views.measure_detail, name="measure_detail"),
    path("maaling/<int:measure_id>/rediger/", measure_views.update_measure, name="update_measure"),
    path("maaling/<int:measure_id>/slet/", measure_views.delete_measure, name="delete_measure"),
    path("maaling/<int:measure_id>/vaerdi/", measure_views.add_value, name="add_value"),
    path("maaling/<int:measure_id>/vaerdier/", measure_views.set_values, name="set_values"),
    path("maaling/<int:measure_id>/excel/", measure_views.export_measure, name="export_measure"),
    path("vaerdi/<int:value_id>/slet/", measure_views.delete_value, name="delete_value"),
]
