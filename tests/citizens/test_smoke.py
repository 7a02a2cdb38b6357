from django.urls import reverse


def test_pages_render(client_for, mette, nord_course, ida, lars, intervention, tree):
    c = client_for(mette)
    for url in [reverse("citizens:course_list"), reverse("citizens:course_detail", args=[nord_course.pk]), reverse("citizens:citizen_detail", args=[nord_course.citizen.pk]), reverse("citizens:create_citizen"), reverse("interventions:intervention_list"), reverse("interventions:intervention_detail", args=[intervention.pk]), reverse("organisation:unit_list"), reverse("organisation:unit_detail", args=[tree.nord.pk]), reverse("organisation:staff_list"), reverse("organisation:staff_detail", args=[mette.pk])]:
        r = c.get(url)
        assert r.status_code == 200, url
    c = client_for(ida)
    for url in [reverse("audit:access_log"), reverse("organisation:create_unit"), reverse("organisation:create_staff"), reverse("organisation:professional_group_list"), reverse("interventions:create_intervention"), reverse("organisation:staff_detail", args=[mette.pk])]:
        r = c.get(url)
        assert r.status_code == 200, url
