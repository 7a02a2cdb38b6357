from django.urls import path

from lovende.culture import survey_views, views

app_name = "culture"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("pejlemaerker/", views.landmark_list, name="landmark_list"),
    path("pejlemaerker/nyt/", views.create_landmark, name="create_landmark"),
    path("pejlemaerker/eksempler/", views.start_with_examples, name="start_with_examples"),
    path("pejlemaerke/<int:landmark_id>/", views.update_landmark, name="update_landmark"),
    path("pejlemaerke/<int:landmark_id>/slet/", views.delete_landmark, name="delete_landmark"),
    path("pejlemaerke/<int:landmark_id>/udsagn/", views.add_statement, name="add_statement"),
    path("udsagn/<int:statement_id>/rediger/", views.update_statement, name="update_statement"),
    path("udsagn/<int:statement_id>/slet/", views.delete_statement, name="delete_statement"),
    path("laering/", views.learning_point_list, name="learning_point_list"),
    path("laering/nyt/", views.create_learning_point, name="create_learning_point"),
    path(
        "laering/<int:point_id>/rediger/",
        views.update_learning_point,
        name="update_learning_point",
    ),
    path("laering/<int:point_id>/slet/", views.delete_learning_point, name="delete_learning_point"),
    path("laering/<int:point_id>/droeftet/", views.mark_discussed, name="mark_discussed"),
    path("personalemoede/", views.staff_meeting, name="staff_meeting"),
    path("anerkendelser/", views.recognition_list, name="recognition_list"),
    path("anerkendelser/ny/", views.create_recognition, name="create_recognition"),
    path(
        "anerkendelse/<int:recognition_id>/rediger/",
        views.update_recognition,
        name="update_recognition",
    ),
    path(
        "anerkendelse/<int:recognition_id>/slet/",
        views.delete_recognition,
        name="delete_recognition",
    ),
    path("bekymringer/", views.concern_list, name="concern_list"),
    path("bekymringer/ny/", views.raise_concern, name="raise_concern"),
    path("bekymring/<int:concern_id>/", views.concern_detail, name="concern_detail"),
    path("bekymring/<int:concern_id>/svar/", views.respond_to_concern, name="respond_to_concern"),
    # Culture surveys and the leaders' reflection (part B)
    path("maalinger/", survey_views.survey_list, name="survey_list"),
    path("maalinger/ny/", survey_views.open_survey_round, name="open_survey_round"),
    path("maaling/<int:round_id>/", survey_views.survey_detail, name="survey_detail"),
    path("maaling/<int:round_id>/svar/", survey_views.answer_survey, name="answer_survey"),
    path("maaling/<int:round_id>/luk/", survey_views.close_survey_round, name="close_survey_round"),
    path(
        "maaling/<int:round_id>/excel/",
        survey_views.export_survey_results,
        name="export_survey_results",
    ),
    path(
        "maaling/<int:round_id>/selvvurdering/",
        survey_views.record_self_assessment,
        name="record_self_assessment",
    ),
    path("spoergeskema/<str:token>/", survey_views.survey_link, name="survey_link"),
    path("lederrefleksion/", survey_views.leader_reflection, name="leader_reflection"),
    path("lederrefleksion/ny/", survey_views.open_feedback_round, name="open_feedback_round"),
    path("lederrefleksion/noter/", survey_views.write_leader_note, name="write_leader_note"),
    path(
        "lederrefleksion/note/<int:note_id>/slet/",
        survey_views.delete_leader_note,
        name="delete_leader_note",
    ),
    path("lederrefleksion/del/", survey_views.share_reflection, name="share_reflection"),
    path(
        "lederrefleksion/del/<int:user_id>/stop/",
        survey_views.stop_sharing,
        name="stop_sharing",
    ),
    path(
        "lederrefleksion/<int:leader_id>/",
        survey_views.shared_reflection,
        name="shared_reflection",
    ),
]
