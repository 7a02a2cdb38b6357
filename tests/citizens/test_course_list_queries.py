import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_course

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"status": ""}).status_code == 200
    return len(queries)


def test_it_uses_the_same_number_of_queries_for_1_and_20_courses(
    client_for, mette, intervention, tree
):
    client = client_for(mette)
    make_course(mette, intervention, tree.nord, "Første", "Barn")
    url = reverse("citizens:course_list")
    few = count_queries(client, url)

    for i in range(19):
        make_course(mette, intervention, tree.nord, "Barn", f"Nummer{i}")

    assert count_queries(client, url) == few
