"""Matrix lines of the award catalogue, nominations, quotas, public notice and council pages and
endpoints (see ``tests/matrix/base.py``).

The catalogue is edited by the sector admin; a BVDK nomination is prepared by BVDK's chair and
officer, appraised and returned by the sector's admin and officer; the BVDK council (its chair
holds the only seat) votes on BVDK's appraised nominations, recorded by the BVDK chair or the
sector's admin and officer.
"""

import datetime

from django.urls import reverse

from tests.matrix.base import (
    BVDK_STAFF,
    BVNHI_STAFF,
    MEMBER_EDITORS_OF_BVDK,
    SECTOR_READERS,
    USERS,
    Check,
    builder,
    expect,
)

SECTOR_ROLES = {"nganh.admin", "nganh.thidua"}
# Member editors somewhere (and those who propose nominations somewhere).
MEMBER_EDITORS = SECTOR_ROLES | BVDK_STAFF | BVNHI_STAFF
SEE_BVDK = SECTOR_READERS | BVDK_STAFF
# BVDK's council is kept by its chair and the sector's admin and officer: they record its
# sessions and ballots and recognise BVDK's initiatives.
BVDK_SECRETARIES = SECTOR_ROLES | {"bvdk.chutich"}
NOT_BVDK = BVNHI_STAFF | {"doanvien"}
TODAY = datetime.date.today()


def _award(code):
    from thidua.awards.models import AwardType

    return AwardType.objects.get(code=code)


def _bvdk_nomination(w, status):
    """A BVDK nomination of Trần Văn Bình in ``status`` (set directly, as the council tests do)."""
    from thidua.nominations.models import Nomination

    return Nomination.objects.create(
        award_type=_award("GK-CDCS"),
        year=2026,
        org=w.tree.bvdk,
        member=w.people.nurse,
        achievements="Hoàn thành xuất sắc nhiệm vụ năm 2026.",
        status=status,
    )


@builder("eligibility_rule")
def _eligibility_rule(w):
    from thidua.awards import services

    return services.create_eligibility_rule(
        award_type=_award("LDTT"), by=w.people.nganh_admin, kind="no_discipline"
    )


@builder("discipline")
def _discipline(w):
    from thidua.awards import services

    return services.record_discipline(
        member=w.people.hong,
        by=w.people.bvdk_thidua,
        level="reprimand",
        decided_on=datetime.date(2026, 3, 2),
    )


@builder("sector_quota")
def _sector_quota(w):
    from thidua.nominations import quotas

    return quotas.create_quota(
        by=w.people.nganh_admin,
        year=2026,
        award_type=_award("BK-LDLD"),
        org=w.tree.sector,
        granted_by_org=w.tree.ldld,
        count=10,
    )


@builder("bvdk_quota")
def _bvdk_quota(w):
    from thidua.nominations import quotas

    return quotas.create_quota(
        by=w.people.nganh_admin, org=w.tree.bvdk, parent=w.sector_quota, count=3
    )


@builder("workplace_award")
def _workplace_award(w):
    from thidua.nominations import services

    return services.record_workplace_award(
        by=w.people.bvdk_thidua,
        org=w.tree.bvdk,
        member=w.people.nurse,
        period_kind="month",
        period_label="Tháng 5/2026",
        period_start=datetime.date(2026, 5, 1),
        reason="Cấp cứu thành công ca ngừng tuần hoàn tại khoa.",
    )


@builder("appraised")
def _appraised_nomination(w):
    return _bvdk_nomination(w, "appraised")


@builder("submitted")
def _submitted_nomination(w):
    return _bvdk_nomination(w, "submitted")


@builder("feedback")
def _feedback(w):
    from thidua.council import services

    services.publish_nominations(
        by=w.people.nganh_thidua,
        nominations=[w.appraised],
        notice_ends_on=TODAY + datetime.timedelta(days=7),
    )
    return services.send_feedback(
        w.appraised, by=w.people.bvdk_thidua, text="Đề nghị bổ sung minh chứng sáng kiến."
    )


@builder("bvdk_seat")
def _bvdk_seat(w):
    from thidua.council import services

    return services.add_council_member(
        by=w.people.bvdk_chutich, org=w.tree.bvdk, user=w.people.bvdk_chutich, role="chair"
    )


@builder("session")
def _session(w):
    from thidua.council import services

    return services.create_session(
        by=w.people.bvdk_chutich,
        org=w.tree.bvdk,
        held_on=TODAY,
        nominations=[w.appraised],
        members_present=[w.bvdk_seat],
    )


def _ballot(w):
    return {"nomination_id": w.appraised.pk, "approve": 1, "disapprove": 0, "abstain": 0}


PAGES = [
    # Award catalogue: read by everyone, edited by the sector admin.
    Check(
        "aw award type page",
        lambda w: reverse("awards:award_type_detail", args=[_award("LDTT").pk]),
        expect(USERS),
    ),
    Check(
        "aw edit award type",
        lambda w: reverse("awards:award_type_edit", args=[_award("LDTT").pk]),
        expect({"nganh.admin"}),
    ),
    Check("aw base salaries", lambda w: reverse("awards:base_salaries"), expect(USERS)),
    Check(
        "aw edit eligibility rule",
        lambda w: reverse("awards:rule_edit", args=[_award("LDTT").pk, w.eligibility_rule.pk]),
        expect({"nganh.admin"}),
    ),
    Check(
        "aw deactivate eligibility rule",
        lambda w: reverse(
            "awards:rule_deactivate", args=[_award("LDTT").pk, w.eligibility_rule.pk]
        ),
        expect({"nganh.admin"}, ok=302),
        method="post",
    ),
    # Records of members: kept by the member editors of the member's unit.
    Check(
        "aw initiatives",
        lambda w: reverse("awards:initiative_list"),
        expect(USERS),
        shows=lambda w: w.initiative.title,
        shown_to=frozenset(SEE_BVDK | {"doanvien"}),
    ),
    Check(
        "aw new initiative",
        lambda w: reverse("awards:initiative_create"),
        expect(MEMBER_EDITORS),
    ),
    Check(
        "aw assessment import",
        lambda w: reverse("awards:assessment_import"),
        expect(MEMBER_EDITORS),
    ),
    Check(
        "aw assessment template",
        lambda w: reverse("awards:assessment_template"),
        expect(MEMBER_EDITORS),
    ),
    Check("aw history import", lambda w: reverse("awards:history_import"), expect(MEMBER_EDITORS)),
    Check(
        "aw history template", lambda w: reverse("awards:history_template"), expect(MEMBER_EDITORS)
    ),
    Check(
        "aw BVDK member discipline",
        lambda w: reverse("awards:member_discipline", args=[w.people.hong.pk]),
        expect(MEMBER_EDITORS_OF_BVDK, hidden=BVNHI_STAFF),
    ),
    Check(
        "aw remove BVDK discipline",
        lambda w: reverse("awards:discipline_remove", args=[w.discipline.pk]),
        expect(MEMBER_EDITORS_OF_BVDK, hidden=BVNHI_STAFF, ok=302),
        method="post",
    ),
    # Nominations: prepared by the proposing unit, returned and appraised by the sector.
    Check(
        "aw new nomination",
        lambda w: reverse("nominations:nomination_create"),
        expect(MEMBER_EDITORS),
    ),
    Check(
        "aw new nominations for many members",
        lambda w: reverse("nominations:nomination_bulk_create"),
        expect(MEMBER_EDITORS),
    ),
    Check(
        "aw submit BVDK nomination",
        lambda w: reverse("nominations:nomination_submit", args=[w.nomination.pk]),
        expect(BVDK_STAFF, hidden=NOT_BVDK, ok=302),
        method="post",
    ),
    Check(
        "aw submit a batch with the BVDK nomination",
        lambda w: reverse("nominations:submit_batch"),
        # Chosen nominations out of reach are not found: nothing is submitted, a message says so.
        expect(BVDK_STAFF, ok=302, bvnhi_chutich=302, bvnhi_thidua=302, doanvien=302),
        method="post",
        data=lambda w: {"nominations": [w.nomination.pk]},
    ),
    Check(
        "aw withdraw BVDK nomination",
        lambda w: reverse("nominations:nomination_withdraw", args=[w.nomination.pk]),
        expect(BVDK_STAFF, hidden=NOT_BVDK, ok=302),
        method="post",
    ),
    Check(
        "aw BVDK nomination dossier upload",
        lambda w: reverse("nominations:dossier_upload", args=[w.nomination.pk]),
        expect(BVDK_STAFF, hidden=NOT_BVDK, ok=302),
        method="post",
    ),
    Check(
        "aw return submitted BVDK nomination",
        lambda w: reverse("nominations:return", args=[w.submitted.pk]),
        expect(SECTOR_ROLES, hidden=NOT_BVDK),
    ),
    Check(
        "aw new quota",
        lambda w: reverse("nominations:quota_create"),
        expect(SECTOR_ROLES | {"ldld"}),
    ),
    Check(
        "aw BVDK quota",
        lambda w: reverse("nominations:quota_detail", args=[w.bvdk_quota.pk]),
        expect(SEE_BVDK, hidden=NOT_BVDK),
    ),
    Check(
        "aw workplace awards",
        lambda w: reverse("nominations:workplace_award_list"),
        expect(USERS),
        shows=lambda w: w.workplace_award.reason,
        shown_to=frozenset(SEE_BVDK),
    ),
    # Public notice and council
    # The sector's notice is public to every unit of the sector.
    Check(
        "aw feedback on a published BVDK nomination",
        lambda w: reverse("council:feedback_send", args=[w.feedback.nomination_id]),
        expect(USERS),
    ),
    Check(
        "aw resolve feedback on a BVDK nomination",
        lambda w: reverse("council:feedback_resolve", args=[w.feedback.pk]),
        expect(SECTOR_ROLES, hidden=NOT_BVDK, ok=302),
        method="post",
        data={"resolution": "Đơn vị đã bổ sung minh chứng."},
    ),
    Check(
        "aw council members",
        lambda w: reverse("council:member_list"),
        expect(SECTOR_ROLES | {"hoidong.1", "bvdk.chutich", "bvnhi.chutich"}),
    ),
    Check(
        "aw remove BVDK council member",
        lambda w: reverse("council:member_remove", args=[w.bvdk_seat.pk]),
        expect({"nganh.admin", "bvdk.chutich"}, hidden=NOT_BVDK, ok=302),
        method="post",
    ),
    Check(
        "aw new council session",
        lambda w: reverse("council:session_create"),
        expect(SECTOR_ROLES | {"bvdk.chutich", "bvnhi.chutich"}),
    ),
    Check(
        "aw BVDK council session",
        lambda w: reverse("council:session_detail", args=[w.session.pk]),
        expect(SEE_BVDK, hidden=NOT_BVDK),
    ),
    Check(
        "aw ballot in the BVDK council session",
        lambda w: reverse("council:ballot_record", args=[w.session.pk, w.appraised.pk]),
        expect(BVDK_SECRETARIES, hidden=NOT_BVDK, ok=302),
        method="post",
        data={"approve": 1, "disapprove": 0, "abstain": 0},
    ),
    Check(
        "aw close the BVDK council session",
        lambda w: reverse("council:session_close", args=[w.session.pk]),
        expect(BVDK_SECRETARIES, hidden=NOT_BVDK, ok=302),
        method="post",
    ),
    Check(
        "aw issue the BVDK council minutes",
        lambda w: reverse("council:minutes_generate", args=[w.session.pk]),
        # The minutes take BVDK's number series and key: a role at BVDK itself.
        expect({"bvdk.chutich"}, hidden=NOT_BVDK, ok=302),
        method="post",
    ),
    Check(
        "aw sign the BVDK council minutes",
        lambda w: reverse("council:minutes_sign", args=[w.session.pk]),
        # The minutes take BVDK's number series and key: a role at BVDK itself.
        expect({"bvdk.chutich"}, hidden=NOT_BVDK, ok=302),
        method="post",
    ),
    Check(
        "aw BVDK council minutes .docx",
        lambda w: reverse("council:minutes_download", args=[w.session.pk]),
        expect(SEE_BVDK, hidden=NOT_BVDK),
    ),
]

API = [
    Check(
        "aw api award type",
        lambda w: f"/api/v1/award-types/{_award('LDTT').pk}",
        expect(USERS),
        api=True,
    ),
    Check(
        "aw api change award type",
        lambda w: f"/api/v1/award-types/{_award('LDTT').pk}",
        expect({"nganh.admin"}),
        method="patch",
        api=True,
        data={"description": "Xét theo Luật Thi đua, khen thưởng 2022."},
    ),
    Check(
        "aw api add award type",
        lambda w: "/api/v1/award-types",
        expect({"nganh.admin"}, ok=201),
        method="post",
        api=True,
        data={
            "code": "GK-CDN-PT",
            "name": "Giấy khen chuyên đề của Công đoàn ngành",
            "category": "commendation",
            "subject": "individual",
            "issuing_level": "sector",
        },
    ),
    Check(
        "aw api add base salary",
        lambda w: "/api/v1/base-salaries",
        expect({"nganh.admin"}, ok=201),
        method="post",
        api=True,
        data={"amount": 2_530_000, "effective_from": "2027-07-01"},
    ),
    Check(
        "aw api initiatives",
        lambda w: "/api/v1/initiatives",
        expect(USERS),
        api=True,
        shows=lambda w: f'"id": {w.initiative.pk},',
        shown_to=frozenset(SEE_BVDK | {"doanvien"}),
    ),
    Check(
        "aw api register BVDK initiative",
        lambda w: "/api/v1/initiatives",
        # A unit out of reach is refused as invalid input, as every create does.
        expect(MEMBER_EDITORS_OF_BVDK, ok=201, bvnhi_chutich=422, bvnhi_thidua=422),
        method="post",
        api=True,
        data=lambda w: {
            "org_id": w.tree.bvdk.pk,
            "title": "Phần mềm nhắc lịch tái khám",
            "author_ids": [w.people.hong.pk],
        },
    ),
    Check(
        "aw api recognise BVDK initiative",
        lambda w: f"/api/v1/initiatives/{w.initiative.pk}/recognize",
        expect(BVDK_SECRETARIES, hidden=BVNHI_STAFF),
        method="post",
        api=True,
        data={"recognized_on": "2026-06-01"},
    ),
    Check(
        "aw api nominations",
        lambda w: "/api/v1/nominations",
        expect(USERS),
        api=True,
        shows=lambda w: f'"id": {w.nomination.pk},',
        shown_to=frozenset(SEE_BVDK),
    ),
    Check(
        "aw api draft BVDK nomination",
        lambda w: "/api/v1/nominations",
        # Out of reach, the unit or the member is refused as invalid input (422).
        expect(BVDK_STAFF, ok=201, bvnhi_chutich=422, bvnhi_thidua=422, doanvien=422),
        method="post",
        api=True,
        data=lambda w: {
            "award_type_id": _award("GK-CDCS").pk,
            "year": 2027,
            "org_id": w.tree.bvdk.pk,
            "member_id": w.people.nurse.pk,
            "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2027.",
        },
    ),
    Check(
        "aw api change BVDK nomination",
        lambda w: f"/api/v1/nominations/{w.nomination.pk}",
        expect(BVDK_STAFF, hidden=NOT_BVDK),
        method="patch",
        api=True,
        data={"achievements": "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến cấp cơ sở."},
    ),
    Check(
        "aw api submit BVDK draft nomination",
        lambda w: f"/api/v1/nominations/{w.nomination.pk}/submit",
        # The draft has no dossier: the proposing unit is refused by the rules (422).
        expect(set(), hidden=NOT_BVDK, bvdk_chutich=422, bvdk_thidua=422),
        method="post",
        api=True,
    ),
    Check(
        "aw api withdraw BVDK nomination",
        lambda w: f"/api/v1/nominations/{w.nomination.pk}/withdraw",
        expect(BVDK_STAFF, hidden=NOT_BVDK),
        method="post",
        api=True,
        data={"reason": "Đơn vị rút để bổ sung hồ sơ."},
    ),
    Check(
        "aw api return submitted BVDK nomination",
        lambda w: f"/api/v1/nominations/{w.submitted.pk}/return",
        expect(SECTOR_ROLES, hidden=NOT_BVDK),
        method="post",
        api=True,
        data={"reason": "Bổ sung báo cáo thành tích có xác nhận của thủ trưởng."},
    ),
    Check(
        "aw api appraise submitted BVDK nomination",
        lambda w: f"/api/v1/nominations/{w.submitted.pk}/appraise",
        expect(SECTOR_ROLES, hidden=NOT_BVDK),
        method="post",
        api=True,
        data={"recommendation": "approve", "comment": "Đủ điều kiện."},
    ),
    Check(
        "aw api upper result of BVDK draft nomination",
        lambda w: f"/api/v1/nominations/{w.nomination.pk}/upper-result",
        # Only a forwarded nomination has an upper result (409).
        expect(set(), hidden=NOT_BVDK, nganh_admin=409, nganh_thidua=409),
        method="post",
        api=True,
        data={"approved": False, "reason": "Không đủ chỉ tiêu."},
    ),
    Check(
        "aw api publish appraised BVDK nomination",
        lambda w: "/api/v1/nominations/publish",
        # GK-CDCS is a grassroots award: BVDK's chair publishes it too. Out of reach, the
        # nomination is refused as invalid input (422).
        expect(
            SECTOR_ROLES | {"bvdk.chutich"},
            ok=201,
            bvnhi_chutich=422,
            bvnhi_thidua=422,
            doanvien=422,
        ),
        method="post",
        api=True,
        data=lambda w: {
            "nomination_ids": [w.appraised.pk],
            "notice_ends_on": str(TODAY + datetime.timedelta(days=7)),
        },
    ),
    Check(
        "aw api feedback on published BVDK nomination",
        lambda w: f"/api/v1/nominations/{w.feedback.nomination_id}/feedback",
        # The sector's notice is public to every unit of the sector.
        expect(USERS, ok=201),
        method="post",
        api=True,
        data={"text": "Đồng chí Bình rất tận tụy với người bệnh.", "is_objection": False},
    ),
    Check(
        "aw api resolve feedback on BVDK nomination",
        lambda w: f"/api/v1/feedback/{w.feedback.pk}/resolve",
        expect(SECTOR_ROLES, hidden=NOT_BVDK),
        method="post",
        api=True,
        data={"resolution": "Đơn vị đã bổ sung minh chứng."},
    ),
    Check(
        "aw api quotas",
        lambda w: "/api/v1/quotas",
        expect(USERS),
        api=True,
        shows=lambda w: f'"id": {w.bvdk_quota.pk},',
        shown_to=frozenset(SEE_BVDK),
    ),
    Check(
        "aw api BVDK quota",
        lambda w: f"/api/v1/quotas/{w.bvdk_quota.pk}",
        expect(SEE_BVDK, hidden=NOT_BVDK),
        api=True,
    ),
    Check(
        "aw api change BVDK quota",
        lambda w: f"/api/v1/quotas/{w.bvdk_quota.pk}",
        expect(SECTOR_ROLES, hidden=NOT_BVDK),
        method="patch",
        api=True,
        data={"count": 4},
    ),
    Check(
        "aw api record quota granted to the sector",
        lambda w: "/api/v1/quotas",
        # Grassroots roles do not reach the sector unit: invalid input (422).
        expect(
            {"nganh.admin", "ldld"},
            ok=201,
            bvdk_chutich=422,
            bvdk_thidua=422,
            bvnhi_chutich=422,
            bvnhi_thidua=422,
            doanvien=422,
        ),
        method="post",
        api=True,
        data=lambda w: {
            "year": 2027,
            "award_type_id": _award("BK-LDLD").pk,
            "org_id": w.tree.sector.pk,
            "granted_by_org_id": w.tree.ldld.pk,
            "count": 12,
        },
    ),
    Check(
        "aw api record BVDK council session",
        lambda w: "/api/v1/council-sessions",
        # Out of reach, the unit or the agenda is refused as invalid input (422).
        expect(BVDK_SECRETARIES, ok=201, bvnhi_chutich=422, bvnhi_thidua=422, doanvien=422),
        method="post",
        api=True,
        data=lambda w: {
            "org_id": w.tree.bvdk.pk,
            "held_on": str(TODAY),
            "members_present": [w.bvdk_seat.user_id],
            "nomination_ids": [w.appraised.pk],
        },
    ),
    Check(
        "aw api BVDK council session",
        lambda w: f"/api/v1/council-sessions/{w.session.pk}",
        expect(SEE_BVDK, hidden=NOT_BVDK),
        api=True,
    ),
    Check(
        "aw api BVDK council minutes .docx",
        lambda w: f"/api/v1/council-sessions/{w.session.pk}/minutes.docx",
        expect(SEE_BVDK, hidden=NOT_BVDK),
        api=True,
    ),
    Check(
        "aw api ballot in BVDK council session",
        lambda w: f"/api/v1/council-sessions/{w.session.pk}/ballots",
        expect(BVDK_SECRETARIES, ok=201, hidden=NOT_BVDK),
        method="post",
        api=True,
        data=_ballot,
    ),
]

# ``namespace:name`` or ``(METHOD, OpenAPI path)`` → why no matrix line covers it.
NOT_IN_MATRIX = {}
