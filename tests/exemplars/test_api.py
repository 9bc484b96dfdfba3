"""The /exemplars API: shapes, status codes and visibility (API.md, "Other records")."""

import pytest

from tests.api.helpers import API, assert_problem
from tests.exemplars.conftest import STORY
from thidua.exemplars.models import Exemplar, Replication

pytestmark = pytest.mark.django_db
URL = f"{API}/exemplars"
KEYS = {
    "id",
    "member_id",
    "org_id",
    "source",
    "story",
    "movement_id",
    "status",
    "replications",
    "owner_org_id",
    "honored_on",
    "how",
    "version",
}


def test_create_a_member_exemplar_defaults_the_owner_to_the_callers_unit(api_client, people, tree):
    client = api_client(people.bvdk_thidua)
    response = client.post(
        URL, {"member_id": people.nurse.pk, "source": "field_visit", "story": STORY}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) >= KEYS
    assert body["status"] == "found" and body["replications"] == []
    assert body["owner_org_id"] == tree.bvdk.pk and body["nominee_org_id"] == tree.bvdk_group.pk


def test_create_a_collective_exemplar_and_accept_the_covid_source(api_client, people, tree):
    response = api_client(people.nganh_thidua).post(
        URL, {"org_id": tree.bvdk.pk, "source": "covid_frontline", "story": STORY}
    )
    assert response.status_code == 201, response.content
    assert response.json()["org_id"] == tree.bvdk.pk
    assert response.json()["owner_org_id"] == tree.sector.pk


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"source": "media", "story": STORY}, 422, "member_id"),
        ({"member_id": 1, "org_id": 1, "source": "media", "story": STORY}, 422, "member_id"),
        ({"org_id": 999999, "source": "media", "story": STORY}, 422, "org_id"),
        ({"org_id": "x", "source": "media", "story": STORY}, 400, None),
        ({"org_id": 1, "source": "rumour", "story": STORY}, 422, "source"),
        ({"org_id": 1, "source": "media"}, 422, "story"),
    ],
)
def test_bad_input_is_a_problem_and_saves_nothing(api_client, people, tree, payload, status, field):
    payload = {k: (tree.bvdk.pk if v == 1 else v) for k, v in payload.items()}
    response = api_client(people.nganh_thidua).post(URL, payload)
    assert_problem(response, status, field=field)
    assert not Exemplar.objects.exists()


def test_a_member_of_another_unit_is_not_visible(api_client, people):
    response = api_client(people.bvdk_thidua).post(
        URL, {"member_id": people.child_doctor.pk, "source": "media", "story": STORY}
    )
    assert_problem(response, 422, field="member_id")


def test_a_union_member_may_not_record_an_exemplar(api_client, people):
    response = api_client(people.doanvien).post(
        URL, {"member_id": people.hong.pk, "source": "other", "story": STORY}
    )
    assert_problem(response, 403)


def test_list_filters_and_hides_other_units_found_exemplars(api_client, found, verified, people):
    hidden = found(source="media")
    body = api_client(people.bvdk_thidua).get(URL).json()
    assert {"count", "next", "previous", "results"} <= set(body)
    assert [e["id"] for e in body["results"]] == [verified.pk]
    sector = api_client(people.nganh_thidua)
    assert sector.get(URL, {"status": "found"}).json()["count"] == 1
    assert sector.get(URL, {"source": "media"}).json()["results"][0]["id"] == hidden.pk
    assert sector.get(URL, {"org": people.child_doctor.org_id}).json()["count"] == 2
    assert_problem(sector.get(URL, {"status": "lost"}), 422)


def test_detail_is_404_outside_reach(api_client, found, people):
    exemplar = found()
    assert_problem(api_client(people.bvdk_thidua).get(f"{URL}/{exemplar.pk}"), 404)
    assert_problem(api_client(people.bvdk_thidua).post(f"{URL}/{exemplar.pk}/verify"), 404)
    assert api_client(people.bvnhi_thidua).get(f"{URL}/{exemplar.pk}").status_code == 200
    assert_problem(api_client(None).get(f"{URL}/{exemplar.pk}"), 401)


def test_verify_honor_and_replicate_through_the_api(api_client, found, people, tree):
    exemplar = found()
    sector = api_client(people.nganh_thidua)
    assert_problem(api_client(people.bvnhi_thidua).post(f"{URL}/{exemplar.pk}/verify"), 403)
    response = sector.post(f"{URL}/{exemplar.pk}/verify", {})
    assert response.status_code == 200 and response.json()["status"] == "verified"
    assert_problem(sector.post(f"{URL}/{exemplar.pk}/verify", {}), 409)

    replication = api_client(people.bvdk_thidua).post(
        f"{URL}/{exemplar.pk}/replications",
        {"org_id": tree.bvdk.pk, "adopted_on": "2026-03-01", "note": "Áp dụng tại 3 khoa"},
    )
    assert replication.status_code == 201, replication.content
    assert replication.json()["org_id"] == tree.bvdk.pk
    again = api_client(people.bvdk_chutich).post(
        f"{URL}/{exemplar.pk}/replications",
        {"org_id": tree.bvdk.pk, "adopted_on": "2026-03-02", "note": ""},
    )
    assert_problem(again, 409)
    assert Replication.objects.count() == 1

    honor = sector.post(
        f"{URL}/{exemplar.pk}/honor", {"honored_on": "2026-04-28", "how": "ceremony"}
    )
    assert honor.status_code == 200, honor.content
    body = honor.json()
    assert body["status"] == "honored" and body["honored_on"] == "2026-04-28"
    assert [r["org_id"] for r in body["replications"]] == [tree.bvdk.pk]
    assert_problem(
        sector.post(f"{URL}/{exemplar.pk}/honor", {"honored_on": "x", "how": "news"}), 400
    )
    assert_problem(
        sector.post(f"{URL}/{exemplar.pk}/honor", {"honored_on": "2026-04-28", "how": "song"}), 422
    )


def test_replicating_a_found_exemplar_is_409(api_client, found, people, tree):
    exemplar = found(by=people.nganh_thidua, owner_org=tree.sector)
    response = api_client(people.nganh_thidua).post(
        f"{URL}/{exemplar.pk}/replications",
        {"org_id": tree.bvdk.pk, "adopted_on": "2026-03-01", "note": ""},
    )
    assert_problem(response, 409)


def test_publication_needs_an_honoured_exemplar(api_client, verified, people):
    client = api_client(people.nganh_thidua)
    payload = {"publish": True, "public_name": "Điều dưỡng L.T.M", "public_story": STORY}
    assert_problem(client.post(f"{URL}/{verified.pk}/publication", payload), 409)


def test_the_openapi_document_declares_the_problems(api_client):
    schema = api_client(None).get(f"{API}/openapi.json").json()
    post = schema["paths"]["/api/v1/exemplars"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "409", "422"} <= set(post)
    honor = schema["paths"]["/api/v1/exemplars/{exemplar_id}/honor"]["post"]["responses"]
    assert {"200", "409", "422"} <= set(honor)
