"""Who sees a council session or a piece of feedback but may not act on it is refused (403) by
the pages, and nothing changes; the minutes' DOCX is a draft for a reader who may not issue it."""

import pytest

from tests.council.conftest import TODAY, appraised
from tests.factories import verified_login
from thidua.awards.models import AwardType
from thidua.council import services
from thidua.council.models import CouncilMember, Feedback


@pytest.fixture
def sector_session(people, noms, council, tree):
    return services.create_session(
        by=people.nganh_thidua,
        org=tree.sector,
        held_on=TODAY,
        nominations=[noms.hong],
        members_present=4,
    )


@pytest.fixture
def bvdk_session(people, tree):
    """BVDK's council (its chair is the only member) on an appraised BVDK nomination."""
    seat = services.add_council_member(
        by=people.bvdk_chutich, org=tree.bvdk, user=people.bvdk_chutich, role="chair"
    )
    nomination = appraised(tree.bvdk, people.nurse, AwardType.objects.get(code="GK-CDCS"))
    return services.create_session(
        by=people.bvdk_chutich,
        org=tree.bvdk,
        held_on=TODAY,
        nominations=[nomination],
        members_present=[seat],
    )


def test_an_inspector_may_not_record_a_ballot_or_close_the_session(
    client, people, noms, sector_session
):
    verified_login(client, people.kiemtra)
    base = f"/council/sessions/{sector_session.pk}"
    ballot = client.post(
        f"{base}/ballots/{noms.hong.pk}/", {"approve": 4, "disapprove": 0, "abstain": 0}
    )
    closed = client.post(f"{base}/close/")
    assert (ballot.status_code, closed.status_code) == (403, 403)
    sector_session.refresh_from_db()
    noms.hong.refresh_from_db()
    assert not sector_session.ballots.exists()
    assert sector_session.status == "open"
    assert noms.hong.status == "appraised"


def test_an_inspector_may_not_issue_or_sign_the_minutes(client, people, sector_session):
    verified_login(client, people.kiemtra)
    base = f"/council/sessions/{sector_session.pk}/minutes"
    assert client.post(f"{base}/").status_code == 403
    assert client.post(f"{base}/sign/").status_code == 403
    sector_session.refresh_from_db()
    assert sector_session.minutes_id is None


def test_the_sector_admin_may_not_issue_the_minutes_of_a_grassroots_council(
    client, people, bvdk_session
):
    """The minutes take BVDK's own number series: a role at BVDK itself is needed."""
    verified_login(client, people.nganh_admin)
    assert client.post(f"/council/sessions/{bvdk_session.pk}/minutes/").status_code == 403
    bvdk_session.refresh_from_db()
    assert bvdk_session.minutes_id is None


def test_the_sector_admin_reads_a_draft_of_grassroots_minutes_through_the_api(
    api_client, people, bvdk_session
):
    response = api_client(people.nganh_admin).get(
        f"/api/v1/council-sessions/{bvdk_session.pk}/minutes.docx"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban.docx"'
    bvdk_session.refresh_from_db()
    assert bvdk_session.minutes_id is None


def test_a_grassroots_chair_may_not_resolve_feedback(client, people, noms, notice):
    feedback = services.send_feedback(noms.hong, by=people.doanvien, text="Ý kiến")
    verified_login(client, people.bvdk_chutich)
    response = client.post(f"/council/feedback/{feedback.pk}/resolve/", {"resolution": "Xong"})
    assert response.status_code == 403
    assert Feedback.objects.get(pk=feedback.pk).resolved_at is None


def test_the_sector_officer_may_not_remove_a_council_member(client, people, council):
    seat = council[1]
    verified_login(client, people.nganh_thidua)
    assert client.post(f"/council/members/{seat.pk}/remove/").status_code == 403
    assert CouncilMember.objects.get(pk=seat.pk).active
