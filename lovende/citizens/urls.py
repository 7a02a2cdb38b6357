from django.urls import path

from lovende.citizens import views

app_name = "citizens"

urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("eksport/", views.export_courses, name="export_courses"),
    path("cpr-soegning/", views.search_cpr, name="search_cpr"),
    path("ny/", views.create_citizen, name="create_citizen"),
    path("<int:citizen_id>/", views.citizen_detail, name="citizen_detail"),
    path("<int:citizen_id>/rediger/", views.update_citizen, name="update_citizen"),
    path("<int:citizen_id>/cpr/", views.reveal_cpr, name="reveal_cpr"),
    path("<int:citizen_id>/forloeb/nyt/", views.create_course, name="create_course"),
    path("forloeb/<int:course_id>/", views.course_detail, name="course_detail"),
    path("forloeb/<int:course_id>/rediger/", views.update_course, name="update_course"),
    path(
        "forloeb/<int:course_id>/observation/", views.record_observation, name="record_observation"
    ),
    path("forloeb/<int:course_id>/feedback/", views.record_feedback, name="record_feedback"),
    path("forloeb/<int:course_id>/vurdering/", views.record_assessment, name="record_assessment"),
    path("forloeb/<int:course_id>/maal/", views.goal_list, name="goal_list"),
    path("maal/<int:goal_id>/afslut/", views.close_goal, name="close_goal"),
    path("forloeb/<int:course_id>/eksport/", views.export_course, name="export_course"),
    path("forloeb/<int:course_id>/udskrift/", views.print_course, name="print_course"),
]
