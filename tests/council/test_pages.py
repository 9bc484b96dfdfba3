"""The pages: members read the notice of their subtree; outsiders get 404."""

from tests.factories import verified_login


def test_member_reads_the_notice_and_sends_feedback(client, people, noms, notice):
    verified_login(client, people.doanvien)
    page = client.get("/council/notices/")
    assert page.status_code == 200
    content = page.content.decode()
    assert people.hong.full_name in content and "GK-OTHER" not in content
    sent = client.post(
        f"/council/nominations/{noms.binh.pk}/feedback/", {"text": "Ý kiến", "is_objection": "on"}
    )
    assert sent.status_code == 302
    assert client.get(f"/council/nominations/{noms.draft.pk}/feedback/").status_code == 404


def test_officer_pages(client, people, noms, notice, council, tree):
    verified_login(client, people.nganh_thidua)
    for url in (
        "/council/feedback/",
        "/council/notices/publish/",
        "/council/sessions/",
        "/council/sessions/new/",
        "/council/members/",
    ):
        assert client.get(url).status_code == 200, url


def test_bvnhi_staff_cannot_open_a_sector_session(client, people, noms, council, tree):
    from tests.council.conftest import TODAY
    from thidua.council import services

    session = services.create_session(
        by=people.nganh_thidua,
        org=tree.sector,
        held_on=TODAY,
        nominations=[noms.hong],
        members_present=4,
    )
    verified_login(client, people.bvnhi_chutich)
    assert client.get(f"/council/sessions/{session.pk}/").status_code == 404
    verified_login(client, people.nganh_thidua)
    assert client.get(f"/council/sessions/{session.pk}/").status_code == 200


def test_dates_are_typed_dd_mm_yyyy_like_every_other_form(client, people, noms, notice, council):
    verified_login(client, people.nganh_thidua)
    for url, name in (
        ("/council/notices/publish/", "notice_ends_on"),
        ("/council/sessions/new/", "held_on"),
    ):
        content = client.get(url).content.decode()
        assert f'name="{name}"' in content
        assert 'type="date"' not in content
        assert 'placeholder="ngày/tháng/năm"' in content
