"""Tenant isolation and immediate revocation (SECURITY ACL-04).

Sentry's ``test_cross_org_403`` pattern, with our answer (404): users of another organisation,
including its administrator, send every method to every object URL of this one and get 404.
The matrix (test_permission_matrix.py) already checks GET and POST for every role kind at the
position "other"; here every method, PUT, PATCH and DELETE included, for the two strongest.
"""

import pytest
from django.test import Client

from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_staff
from tests.security.matrix_client import checked_routes, send, url_for
from tests.security.permission_matrix import GLOBAL, PERMISSION_MATRIX, PUBLIC_URLS, expected
from tests.security.world import build_world

pytestmark = pytest.mark.django_db
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def object_routes():
    return [
        (name, arguments)
        for name, arguments in checked_routes()
        if name not in PUBLIC_URLS and PERMISSION_MATRIX[name][0] != GLOBAL
    ]


@pytest.mark.parametrize("kind", ["administrator", "employee"])
def test_another_organisation_gets_404_for_every_method_on_every_object(client, kind):
    # covers ACL-04: an administrator (widest rights) and an employee with citizen access in
    # Matrix Nabokommune reach nothing of Matrixkommune's, whatever the method
    world = build_world()
    outsider = world.subjects[kind, "other"]
    client.force_login(outsider)
    leaks, sent, kinds = [], 0, set()
    for name, arguments in object_routes():
        url = url_for(world, name, arguments, outsider)
        if url is None:
            continue
        kinds.add(PERMISSION_MATRIX[name][0])
        for method in METHODS:
            got = send(client, method, url)
            sent += 1
            # 404, or the table's 403 for organisation set-up pages, which refuse every
            # non-administrator before any lookup (the answer does not depend on the object).
            want = expected(name, kind, "other", method)
            if got == "ok" or got not in ("n/a", want) or want == "ok":
                leaks.append(f"{method} {name} ({url}): expected {want}, got {got}")
    print(f"\n{kind} of another organisation: {sent} requests on {len(kinds)} object kinds")

    assert leaks == []
    assert len(kinds) >= 30


def test_removing_a_role_takes_effect_on_the_next_request():
    # covers ACL-04: roles are read per request, never cached in the session
    world = build_world()
    mia = make_staff(world.organisation, "mia", "Mia", "Vang")
    role = org_services.assign_role(user=mia, unit=world.units["own"], kind=Role.Kind.EMPLOYEE)
    client = Client()
    client.force_login(mia)
    course_url = f"/borgere/forloeb/{world.objects['course'].pk}/"
    forum_url = f"/refleksion/moedeforum/{world.objects['forum'].pk}/"
    assert client.get(course_url).status_code == 200
    assert client.get(forum_url).status_code == 200
    session_key = client.session.session_key

    org_services.remove_role(role=role)

    assert client.get(course_url).status_code in (302, 404)
    assert client.get(forum_url).status_code in (302, 404)
    # Either the same session answers 404, or (SESS-01) it was ended and the next page is login.
    response = client.get(course_url)
    assert response.status_code == 404 or "/accounts/login/" in response["Location"]
    print(f"\nafter the role was removed: {response.status_code} (session kept: "
          f"{client.session.session_key == session_key})")  # fmt: skip


def test_a_role_moved_to_a_sibling_unit_loses_the_old_unit_at_once():
    # covers ACL-04: a changed scope (another unit) applies on the next request too
    world = build_world()
    mia = make_staff(world.organisation, "mia", "Mia", "Vang")
    role = org_services.assign_role(user=mia, unit=world.units["own"], kind=Role.Kind.EMPLOYEE)
    client = Client()
    client.force_login(mia)
    course_url = f"/borgere/forloeb/{world.objects['course'].pk}/"
    assert client.get(course_url).status_code == 200

    org_services.assign_role(user=mia, unit=world.units["sibling"], kind=Role.Kind.EMPLOYEE)
    org_services.remove_role(role=role)

    assert client.get(course_url).status_code == 404
    assert client.get("/borgere/").status_code == 200  # still an employee, elsewhere
