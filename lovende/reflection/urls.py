from django.urls import path

from lovende.reflection import pack_views, views

app_name = "reflection"

urlpatterns = [
    path("", views.forum_list, name="forum_list"),
    path(
        "indsats/<int:intervention_id>/",
        views.intervention_forum_list,
        name="intervention_forum_list",
    ),
    path(
        "indsats/<int:intervention_id>/eftersyn/",
        views.structure_review,
        name="structure_review",
    ),
    path("moedeforum/nyt/", views.create_forum, name="create_forum"),
    path("moedeforum/<int:forum_id>/", views.forum_detail, name="forum_detail"),
    path("moedeforum/<int:forum_id>/rediger/", views.update_forum, name="update_forum"),
    path("moedeforum/<int:forum_id>/planlaeg/", views.schedule_meetings, name="schedule_meetings"),
    path(
        "moedeforum/<int:forum_id>/kalender.ics",
        views.export_forum_calendar,
        name="export_forum_calendar",
    ),
    path("moede/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("moede/<int:meeting_id>/status/", views.set_meeting_status, name="set_meeting_status"),
    path("moede/<int:meeting_id>/fremmoede/", views.record_attendance, name="record_attendance"),
    path("moede/<int:meeting_id>/referat/", views.add_meeting_item, name="add_meeting_item"),
    path("moede/<int:meeting_id>/opfoelgning/", views.add_follow_up, name="add_follow_up"),
    path("moede/<int:meeting_id>/forloeb/", views.add_agenda_course, name="add_agenda_course"),
    path(
        "moede/<int:meeting_id>/forloeb/fjern/",
        views.remove_agenda_course,
        name="remove_agenda_course",
    ),
    path(
        "moede/<int:meeting_id>/datapakke/",
        pack_views.generate_data_pack,
        name="generate_data_pack",
    ),
    path("datapakke/<int:pack_id>/", pack_views.data_pack, name="data_pack"),
    path(
        "datapakke/<int:pack_id>/excel/",
        pack_views.export_data_pack_excel,
        name="export_data_pack_excel",
    ),
    path(
        "datapakke/<int:pack_id>/pdf/", pack_views.export_data_pack_pdf, name="export_data_pack_pdf"
    ),
    path(
        "opfoelgning/<int:follow_up_id>/udfoert/",
        views.complete_follow_up,
        name="complete_follow_up",
    ),
    path(
        "moede/<int:meeting_id>/udviklingspunkt/",
        views.create_development_point,
        name="create_development_point",
    ),
    path(
        "indsats/<int:intervention_id>/udviklingspunkt/",
        views.create_intervention_development_point,
        name="create_intervention_development_point",
    ),
    path(
        "udviklingspunkt/<int:point_id>/status/",
        views.set_development_point_status,
        name="set_development_point_status",
    ),
]
