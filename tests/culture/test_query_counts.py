"""The lists cost the same number of queries for two rows as for ten (DEVELOPERS.md: no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lovende.culture import services
from tests.culture.conftest import make_concern, make_point, make_recognition

pytestmark = pytest.mark.django_db

PAGES = [
    "culture:overview",
    "culture:landmark_list",
    "culture:learning_point_list",
    "culture:staff_meeting",
    "culture:recognition_list",
    "culture:concern_list",
]


def _add(lars, mette, tree, count):
    for number in range(count):
        landmark = services.create_landmark(by=lars, unit=tree.nord, theme=f"Tema {number}")
        services.add_statement(by=lars, landmark=landmark, text="Et udsagn.")
        make_point(mette, unit=tree.nord)
        make_recognition(lars, unit=tree.nord)
        make_concern(mette, unit=tree.nord)


def _queries(client, name):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(name)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", PAGES)
def test_it_keeps_the_query_count_constant(client_for, lars, mette, tree, name):
    client = client_for(lars)
    _add(lars, mette, tree, 2)
    few = _queries(client, name)

    _add(lars, mette, tree, 8)

    assert _queries(client, name) == few
