"""The API of API.md: publish, feedback, resolve, council sessions, ballots, minutes."""

import datetime

from tests.api.helpers import API, assert_problem
from tests.council.conftest import TODAY, end_notice

WEEK = (TODAY + datetime.timedelta(days=7)).isoformat()


def test_publish_returns_the_notice(api_client, people, noms, tree):
    client = api_client(people.nganh_thidua)
    response = client.post(
        f"{API}/nominations/publish", {"nomination_ids": [noms.hong.pk], "notice_ends_on": WEEK}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["org_id"] == tree.sector.pk and body["nomination_ids"] == [noms.hong.pk]
    assert body["notice_ends_on"] == WEEK
    again = client.post(
        f"{API}/nominations/publish", {"nomination_ids": [noms.hong.pk], "notice_ends_on": WEEK}
    )
    assert_problem(again, 409)
    draft = client.post(
        f"{API}/nominations/publish", {"nomination_ids": [noms.draft.pk], "notice_ends_on": WEEK}
    )
    assert_problem(draft, 422, field="nomination_ids")
    past = client.post(
        f"{API}/nominations/publish",
        {"nomination_ids": [noms.binh.pk], "notice_ends_on": "2020-01-01"},
    )
    assert_problem(past, 422, field="notice_ends_on")
    assert_problem(client.post(f"{API}/nominations/publish", {"nomination_ids": "x"}), 400)


def test_publish_by_bvnhi_of_bvdk_nomination_is_refused(api_client, people, noms):
    response = api_client(people.bvnhi_chutich).post(
        f"{API}/nominations/publish", {"nomination_ids": [noms.hong.pk], "notice_ends_on": WEEK}
    )
    assert_problem(response, 422, field="nomination_ids")


def test_feedback_and_resolve(api_client, people, noms, notice):
    member = api_client(people.doanvien)
    response = member.post(
        f"{API}/nominations/{noms.hong.pk}/feedback", {"text": "Chưa đúng", "confidential": True}
    )
    assert response.status_code == 201, response.content
    feedback = response.json()
    assert feedback["is_objection"] and feedback["confidential"] and not feedback["resolved"]
    unpublished = member.post(f"{API}/nominations/{noms.draft.pk}/feedback", {"text": "?"})
    assert_problem(unpublished, 404)
    assert_problem(member.post(f"{API}/nominations/999999/feedback", {"text": "?"}), 404)
    unit = api_client(people.bvdk_chutich)
    assert_problem(
        unit.post(f"{API}/feedback/{feedback['id']}/resolve", {"resolution": "Đã xem"}), 403
    )
    outsider = api_client(people.bvnhi_thidua)
    assert_problem(
        outsider.post(f"{API}/feedback/{feedback['id']}/resolve", {"resolution": "?"}), 404
    )
    officer = api_client(people.nganh_thidua)
    resolved = officer.post(
        f"{API}/feedback/{feedback['id']}/resolve", {"resolution": "Đã xác minh"}
    )
    assert resolved.status_code == 200 and resolved.json()["resolved"]
    assert resolved.json()["author"] == people.doanvien.get_full_name()
    twice = officer.post(f"{API}/feedback/{feedback['id']}/resolve", {"resolution": "Lại"})
    assert_problem(twice, 409)


def test_feedback_after_the_notice_is_422(api_client, people, noms, notice):
    end_notice(notice)
    response = api_client(people.doanvien).post(
        f"{API}/nominations/{noms.hong.pk}/feedback", {"text": "Muộn"}
    )
    assert_problem(response, 422)


def test_session_ballots_and_minutes(api_client, people, noms, tree, council):
    client = api_client(people.nganh_thidua)
    low = client.post(
        f"{API}/council-sessions",
        {
            "org_id": tree.sector.pk,
            "held_on": TODAY.isoformat(),
            "members_present": 2,
            "nomination_ids": [noms.hong.pk],
        },
    )
    assert_problem(low, 422)
    response = client.post(
        f"{API}/council-sessions",
        {
            "org_id": tree.sector.pk,
            "held_on": TODAY.isoformat(),
            "members_present": [people.nganh_admin.pk, people.hoidong.pk, council[2].user_id],
            "nomination_ids": [noms.hong.pk, noms.mai.pk],
        },
    )
    assert response.status_code == 201, response.content
    session = response.json()
    assert session["members_present"] == 3 and session["member_count"] == 4
    url = f"{API}/council-sessions/{session['id']}"
    ballot = client.post(
        f"{url}/ballots",
        {"nomination_id": noms.hong.pk, "approve": 3, "disapprove": 0, "abstain": 0},
    )
    assert ballot.status_code == 201, ballot.content
    assert {k: ballot.json()[k] for k in ("nomination_id", "result", "status")} == {
        "nomination_id": noms.hong.pk,
        "result": "approved",
        "status": "approved",
    }
    again = client.post(
        f"{url}/ballots",
        {"nomination_id": noms.hong.pk, "approve": 3, "disapprove": 0, "abstain": 0},
    )
    assert_problem(again, 409)
    off_agenda = client.post(
        f"{url}/ballots",
        {"nomination_id": noms.binh.pk, "approve": 3, "disapprove": 0, "abstain": 0},
    )
    assert_problem(off_agenda, 422, field="nomination_id")
    too_many = client.post(
        f"{url}/ballots",
        {"nomination_id": noms.mai.pk, "approve": 3, "disapprove": 1, "abstain": 0},
    )
    assert_problem(too_many, 422)
    read = client.get(url)
    assert read.status_code == 200 and read.json()["ballots"][0]["result"] == "approved"
    docx = client.get(f"{url}/minutes.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get(url).json()["minutes_document_id"]
    assert_problem(api_client(people.bvdk_chutich).get(url), 404)
    assert_problem(api_client(people.doanvien).get(f"{url}/minutes.docx"), 404)
    council_member = api_client(people.hoidong)
    assert council_member.get(url).status_code == 200
    assert_problem(
        council_member.post(
            f"{url}/ballots",
            {"nomination_id": noms.mai.pk, "approve": 3, "disapprove": 0, "abstain": 0},
        ),
        403,
    )
