from django.urls import path

from lovende.organisation import views

app_name = "organisation"

urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("enheder/ny/", views.create_unit, name="create_unit"),
    path("enheder/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("enheder/<int:unit_id>/rediger/", views.update_unit, name="update_unit"),
    path("medarbejdere/", views.staff_list, name="staff_list"),
    path("medarbejdere/ny/", views.create_staff, name="create_staff"),
    path("medarbejdere/<int:staff_id>/", views.staff_detail, name="staff_detail"),
    path("medarbejdere/<int:staff_id>/rediger/", views.update_staff, name="update_staff"),
    path("medarbejdere/<int:staff_id>/roller/", views.assign_role, name="assign_role"),
    path("roller/<int:role_id>/fjern/", views.remove_role, name="remove_role"),
    path("faggrupper/", views.professional_group_list, name="professional_group_list"),
    path(
        "faggrupper/<int:group_id>/",
        views.rename_professional_group,
        name="rename_professional_group",
    ),
]
