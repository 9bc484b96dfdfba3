"""The nomination list reads the histories of a whole page in one query: its query count does not
grow with the page size (bench/README.md, National scale)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dashboard.records import nominate
from tests.factories import MemberFactory
from thidua.core.models import Transition
from thidua.nominations.models import Nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominations(tree, people):
    kind = ContentType.objects.get_for_model(Nomination)
    made = []
    for _ in range(6):
        nomination = nominate(MemberFactory(org=tree.bvdk), tree.bvdk)
        Transition.objects.create(
            content_type=kind,
            object_id=str(nomination.pk),
            from_state="draft",
            to_state="submitted",
            actor=people.bvdk_thidua,
            comment="Nộp hồ sơ",
        )
        made.append(nomination)
    return made


def _list(client, size):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/nominations", {"page_size": size})
    assert response.status_code == 200
    return response.json(), len(queries)


def test_query_count_does_not_grow_with_the_page_size(api_client, people, nominations):
    client = api_client(people.nganh_admin)
    _list(client, 1)  # the first call stamps the token's last use

    small, small_queries = _list(client, 2)
    large, large_queries = _list(client, 6)

    assert len(small["results"]) == 2
    assert len(large["results"]) == 6
    assert large_queries == small_queries


def test_each_item_keeps_its_own_history(api_client, people, nominations):
    client = api_client(people.nganh_admin)

    page, _ = _list(client, 6)

    for item in page["results"]:
        assert [(step["from"], step["to"], step["by"]) for step in item["history"]] == [
            ("draft", "submitted", "bvdk.thidua")
        ]
