from django.urls import path

from lovende.culture import views

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
]
