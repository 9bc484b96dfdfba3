"""Matrix lines of the movements, reporting and oversight pages and endpoints (see
``tests/matrix/base.py``).

The records are the sector's movements and round of the ``world`` fixture, BVDK's plan, report and
pledge, and an inspection and a training course of BVDK: BVNHI's staff must not reach them.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.matrix.base import (
    BVDK_STAFF,
    BVNHI_STAFF,
    MEMBER_EDITORS_OF_BVDK,
    SECTOR_READERS,
    STAFF,
    USERS,
    Check,
    builder,
    expect,
)

SECTOR_MANAGERS = {"nganh.admin", "nganh.thidua"}
INSPECTION_PLANNERS = SECTOR_MANAGERS | {"kiemtra"}
UNIT_MANAGERS = SECTOR_MANAGERS | BVDK_STAFF | BVNHI_STAFF
OUT_OF_BVDK = BVNHI_STAFF | {"doanvien"}
RECOMMENDATION = "Bổ sung biên bản bình xét thi đua của các tổ công đoàn"
COURSE_TITLE = "Tập huấn nghiệp vụ thi đua cho cán bộ Bệnh viện Đa khoa"


def _unit_not_visible(statuses, users):
    """``statuses`` with 422 for ``users``: the unit named in the body is outside their reach."""
    return {**statuses, **dict.fromkeys(users, 422)}


def _day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def _iso(offset):
    return _day(offset).isoformat()


@builder("submitted_bvdk_plan")
def _submitted_bvdk_plan(w):
    from thidua.movements import services

    return services.submit_plan(
        w.bvdk_plan, by=w.people.bvdk_thidua, summary="Kế hoạch hưởng ứng của Bệnh viện Đa khoa."
    )


@builder("bvdk_pledge")
def _bvdk_pledge(w):
    from thidua.movements import services

    (pledge,) = services.record_pledges(
        w.movement,
        org=w.tree.bvdk,
        by=w.people.bvdk_thidua,
        entries=[{"member": w.people.hong, "commitments": "Không để người bệnh chờ quá 30 phút."}],
    )
    return pledge


@builder("submitted_bvdk_report")
def _submitted_bvdk_report(w):
    from thidua.reporting import services

    return services.submit_report(
        w.bvdk_report, by=w.people.bvdk_thidua, content="Sơ kết 6 tháng đầu năm.", figures={}
    )


def _bvdk_inspection(w, offset=14):
    from thidua.oversight import services

    return services.create_inspection(
        by=w.people.kiemtra,
        org=w.tree.bvdk,
        planned_on=_day(offset),
        topic="emulation_commendation",
    )


def _with_findings(w):
    from thidua.oversight import services

    inspection = _bvdk_inspection(w, offset=0)
    services.start_inspection(inspection, by=w.people.kiemtra)
    return services.record_findings(
        inspection,
        by=w.people.kiemtra,
        findings="Hồ sơ bình xét còn thiếu biên bản.",
        recommendations=[RECOMMENDATION],
        default_due=_day(30),
        held_on=_day(0),
    )


@builder("bvdk_inspection")
def _planned_bvdk_inspection(w):
    return _bvdk_inspection(w)


@builder("bvdk_inspection_found")
def _bvdk_inspection_found(w):
    """BVDK's inspection with its findings and one recommendation still unanswered."""
    return _with_findings(w)


@builder("bvdk_inspection_answered")
def _bvdk_inspection_answered(w):
    """BVDK's inspection whose every recommendation is answered: it may be closed."""
    from thidua.oversight import services

    inspection = _with_findings(w)
    for recommendation in inspection.recommendations.all():
        services.respond_to_recommendation(
            recommendation, by=w.people.bvdk_thidua, response="Đã bổ sung biên bản."
        )
    return inspection


@builder("bvdk_course")
def _bvdk_course(w):
    """A course of BVDK (this year) that Hồng attended."""
    from thidua.oversight import services

    course = services.create_course(
        by=w.people.bvdk_thidua,
        org=w.tree.bvdk,
        title=COURSE_TITLE,
        held_on=_day(0),
        counts_for_indicator=True,
    )
    services.record_attendance(course, by=w.people.bvdk_thidua, member_ids=[w.people.hong.pk])
    return course


def _recommendation(inspection):
    return inspection.recommendations.get()


PAGES = [
    # Movements: the sector's admin and officer manage the sector's movements.
    Check(
        "mv new movement",
        lambda w: reverse("movements:movement_create"),
        # A grassroots union's chair and officer may draft their own union's movements.
        expect(UNIT_MANAGERS),
    ),
    Check(
        "mv amend launched movement",
        lambda w: reverse("movements:movement_amend", args=[w.movement.pk]),
        expect(SECTOR_MANAGERS),
    ),
    Check(
        "mv launch draft movement",
        lambda w: reverse("movements:movement_launch", args=[w.draft_movement.pk]),
        expect(SECTOR_MANAGERS, hidden=BVDK_STAFF | OUT_OF_BVDK),
    ),
    Check(
        "mv close launched movement",
        lambda w: reverse("movements:movement_close", args=[w.movement.pk]),
        expect(SECTOR_MANAGERS),
    ),
    Check(
        "mv launch document .docx",
        lambda w: reverse("movements:launch_docx", args=[w.movement.pk]),
        expect(USERS),
    ),
    Check(
        "mv launch document .pdf",
        lambda w: reverse("movements:launch_pdf", args=[w.movement.pk]),
        expect(USERS),
    ),
    Check(
        "mv accept submitted BVDK plan",
        lambda w: reverse("movements:plan_accept", args=[w.submitted_bvdk_plan.pk]),
        expect(SECTOR_MANAGERS, hidden=OUT_OF_BVDK, ok=302),
        method="post",
    ),
    Check(
        "mv BVDK pledge import",
        lambda w: reverse("movements:pledge_import", args=[w.movement.pk, w.tree.bvdk.pk]),
        expect(MEMBER_EDITORS_OF_BVDK, hidden=OUT_OF_BVDK),
    ),
    Check(
        "mv BVDK pledge template",
        lambda w: reverse("movements:pledge_template", args=[w.movement.pk, w.tree.bvdk.pk]),
        expect(MEMBER_EDITORS_OF_BVDK, hidden=OUT_OF_BVDK),
    ),
    # Reporting: the sector's admin and officer ask, remind and aggregate.
    Check(
        "mv remind every unit of the round",
        lambda w: reverse("reporting:remind_all", args=[w.round.pk]),
        expect(SECTOR_MANAGERS, hidden={"doanvien"}, ok=302),
        method="post",
    ),
    Check(
        "mv remind BVDK",
        lambda w: reverse("reporting:remind_report", args=[w.bvdk_report.pk]),
        expect(SECTOR_MANAGERS, hidden=OUT_OF_BVDK, ok=302),
        method="post",
    ),
    Check(
        "mv aggregate the round",
        lambda w: reverse("reporting:round_aggregate", args=[w.round.pk]),
        expect(SECTOR_MANAGERS, hidden={"doanvien"}, ok=302),
        method="post",
        data={"signer_name": "Nguyễn Văn An", "signer_title": "Chủ tịch"},
    ),
    # Inspections: planned by the sector's admin, officer and inspectors; the team (kiemtra) and
    # the sector's admin and officer record them; BVDK's chair and officer answer.
    Check(
        "mv inspections",
        lambda w: (
            reverse("oversight:inspection_list") + f"?year={w.bvdk_inspection.planned_on.year}"
        ),
        expect(STAFF),
        shows=lambda w: reverse("oversight:inspection_detail", args=[w.bvdk_inspection.pk]),
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    Check(
        "mv plan an inspection",
        lambda w: reverse("oversight:inspection_create"),
        expect(INSPECTION_PLANNERS),
    ),
    Check(
        "mv start BVDK inspection",
        lambda w: reverse("oversight:inspection_start", args=[w.bvdk_inspection.pk]),
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK, ok=302),
        method="post",
    ),
    Check(
        "mv BVDK inspection findings",
        lambda w: reverse("oversight:inspection_findings", args=[w.bvdk_inspection.pk]),
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK),
    ),
    Check(
        "mv close BVDK inspection",
        lambda w: reverse("oversight:inspection_close", args=[w.bvdk_inspection_answered.pk]),
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK, ok=302),
        method="post",
    ),
    Check(
        "mv link a finding of BVDK inspection",
        lambda w: reverse("oversight:inspection_link", args=[w.bvdk_inspection.pk]),
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK),
    ),
    Check(
        "mv exemplar found by BVDK inspection",
        lambda w: reverse("oversight:inspection_exemplar", args=[w.bvdk_inspection.pk]),
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK),
    ),
    Check(
        "mv answer BVDK recommendation",
        lambda w: reverse(
            "oversight:recommendation_respond",
            args=[w.bvdk_inspection_found.pk, _recommendation(w.bvdk_inspection_found).pk],
        ),
        expect(BVDK_STAFF, hidden=OUT_OF_BVDK, ok=302),
        method="post",
        data={"response": "Đã bổ sung biên bản bình xét."},
    ),
    Check(
        "mv follow-up board",
        lambda w: reverse("oversight:board"),
        expect(STAFF),
        # BVDK's unanswered recommendation, linked to its inspection.
        shows=lambda w: (
            f'href="{reverse("oversight:inspection_detail", args=[w.bvdk_inspection_found.pk])}"'
        ),
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    # Trainings: organised by the emulation roles at the organising unit.
    Check(
        "mv training courses",
        lambda w: reverse("oversight:course_list") + f"?year={w.bvdk_course.held_on.year}",
        expect(STAFF),
        shows=lambda w: COURSE_TITLE,
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    Check(
        "mv new training course",
        lambda w: reverse("oversight:course_create"),
        expect(UNIT_MANAGERS),
    ),
    Check(
        "mv remove attendance at BVDK course",
        lambda w: reverse("oversight:attendance_remove", args=[w.bvdk_course.pk, w.people.hong.pk]),
        expect(MEMBER_EDITORS_OF_BVDK, hidden=OUT_OF_BVDK, ok=302),
        method="post",
    ),
    Check(
        "mv sector training deadline",
        lambda w: reverse(
            "oversight:deadline_set", args=[w.tree.sector.pk, timezone.localdate().year]
        ),
        expect(SECTOR_MANAGERS, hidden=BVDK_STAFF | OUT_OF_BVDK, ok=302),
        method="post",
        data=lambda w: {"due_on": datetime.date(timezone.localdate().year, 12, 31).isoformat()},
    ),
]

API = [
    # Movements
    Check(
        "mv api movements",
        lambda w: "/api/v1/movements",
        expect(USERS),
        api=True,
        shows=lambda w: f'"id": {w.draft_movement.pk}, "org_id"',
        shown_to=frozenset(SECTOR_READERS),
    ),
    Check(
        "mv api draft a movement",
        lambda w: "/api/v1/movements",
        # The sector is not in the reach of the grassroots unions' logins.
        _unit_not_visible(expect(SECTOR_MANAGERS, ok=201), BVDK_STAFF | OUT_OF_BVDK),
        method="post",
        api=True,
        data=lambda w: {
            "org_id": w.tree.sector.pk,
            "title": "Lao động giỏi, lao động sáng tạo",
            "starts_on": _iso(0),
            "ends_on": _iso(180),
        },
    ),
    Check(
        "mv api edit draft movement",
        lambda w: f"/api/v1/movements/{w.draft_movement.pk}",
        expect(SECTOR_MANAGERS, hidden=BVDK_STAFF | OUT_OF_BVDK),
        method="patch",
        api=True,
        data={"title": "Xanh - Sạch - Đẹp - An toàn"},
    ),
    Check(
        "mv api amend launched movement",
        lambda w: f"/api/v1/movements/{w.movement.pk}/amend",
        expect(SECTOR_MANAGERS),
        method="post",
        api=True,
        data={"reason": "Bổ sung biện pháp", "measures": "- Tuyên truyền trên bản tin bệnh viện."},
    ),
    Check(
        "mv api launch draft movement",
        lambda w: f"/api/v1/movements/{w.draft_movement.pk}/launch",
        expect(SECTOR_MANAGERS, hidden=BVDK_STAFF | OUT_OF_BVDK),
        method="post",
        api=True,
        data={"confirm": True},
    ),
    Check(
        "mv api close launched movement",
        lambda w: f"/api/v1/movements/{w.movement.pk}/close",
        expect(SECTOR_MANAGERS),
        method="post",
        api=True,
        data={"final_review_summary": "Phong trào đạt các chỉ tiêu đề ra."},
    ),
    Check(
        "mv api plans of the movement",
        lambda w: f"/api/v1/movements/{w.movement.pk}/plans",
        expect(USERS),
        api=True,
        shows=lambda w: f'"org_id": {w.tree.bvdk.pk},',
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    Check(
        "mv api pledges of the movement",
        lambda w: f"/api/v1/movements/{w.movement.pk}/pledges",
        expect(USERS),
        api=True,
        shows=lambda w: f'"id": {w.bvdk_pledge.pk}, "movement_id"',
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    Check(
        "mv api register a BVDK pledge",
        lambda w: f"/api/v1/movements/{w.movement.pk}/pledges",
        # BVNHI's staff do not see BVDK: the unit named in the body is refused (422).
        expect(MEMBER_EDITORS_OF_BVDK, ok=201, bvnhi_chutich=422, bvnhi_thidua=422),
        method="post",
        api=True,
        data=lambda w: {
            "org_id": w.tree.bvdk.pk,
            "member_id": w.people.hong.pk,
            "commitments": "Không để người bệnh chờ quá 30 phút.",
        },
    ),
    Check(
        "mv api submit BVDK plan",
        lambda w: f"/api/v1/plans/{w.bvdk_plan.pk}/submit",
        expect(BVDK_STAFF, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
        data={"summary": "Kế hoạch hưởng ứng của Bệnh viện Đa khoa."},
    ),
    Check(
        "mv api return BVDK plan",
        lambda w: f"/api/v1/plans/{w.submitted_bvdk_plan.pk}/return",
        expect(SECTOR_MANAGERS, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
        data={"reason": "Bổ sung chỉ tiêu cụ thể."},
    ),
    # Reporting: the lists are for staff roles, as their pages (a member is refused, 403).
    Check(
        "mv api reporting rounds",
        lambda w: "/api/v1/reporting-rounds",
        expect(STAFF),
        api=True,
        shows=lambda w: f'"id": {w.round.pk}, "org_id": {w.tree.sector.pk},',
        shown_to=frozenset(STAFF),
    ),
    Check(
        "mv api ask for reports",
        lambda w: "/api/v1/reporting-rounds",
        _unit_not_visible(expect(SECTOR_MANAGERS, ok=201), BVDK_STAFF | OUT_OF_BVDK),
        method="post",
        api=True,
        data=lambda w: {
            "org_id": w.tree.sector.pk,
            "title": "Báo cáo công tác thi đua quý IV",
            "period": "annual",
            "year": timezone.localdate().year,
            "due_on": _iso(20),
        },
    ),
    Check(
        "mv api reports",
        lambda w: "/api/v1/reports",
        expect(STAFF),
        api=True,
        shows=lambda w: f'"id": {w.bvdk_report.pk}, "round_id"',
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    Check(
        "mv api submit BVDK report",
        lambda w: f"/api/v1/reports/{w.bvdk_report.pk}/submit",
        expect(BVDK_STAFF, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
        data={"content": "Sơ kết 6 tháng đầu năm.", "figures": {}},
    ),
    Check(
        "mv api accept BVDK report",
        lambda w: f"/api/v1/reports/{w.submitted_bvdk_report.pk}/accept",
        expect(SECTOR_MANAGERS, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
    ),
    Check(
        "mv api return BVDK report",
        lambda w: f"/api/v1/reports/{w.submitted_bvdk_report.pk}/return",
        expect(SECTOR_MANAGERS, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
        data={"reason": "Thiếu số liệu khen thưởng."},
    ),
    Check(
        "mv api remind BVDK",
        lambda w: f"/api/v1/reports/{w.bvdk_report.pk}/remind",
        expect(SECTOR_MANAGERS, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
    ),
    # Inspections: the list is for staff roles, as its page.
    Check(
        "mv api inspections",
        lambda w: "/api/v1/inspections",
        expect(STAFF),
        api=True,
        shows=lambda w: f'"id": {w.bvdk_inspection.pk}, "plan_id"',
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    Check(
        "mv api plan BVDK inspection",
        lambda w: "/api/v1/inspections",
        # BVNHI's staff do not see BVDK: the unit named in the body is refused (422).
        expect(INSPECTION_PLANNERS, ok=201, bvnhi_chutich=422, bvnhi_thidua=422),
        method="post",
        api=True,
        data=lambda w: {
            "org_id": w.tree.bvdk.pk,
            "planned_on": _iso(20),
            "topic": "emulation_commendation",
        },
    ),
    Check(
        "mv api start BVDK inspection",
        lambda w: f"/api/v1/inspections/{w.bvdk_inspection.pk}/start",
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
    ),
    Check(
        "mv api BVDK inspection findings",
        lambda w: f"/api/v1/inspections/{w.bvdk_inspection.pk}/findings",
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
        data=lambda w: {
            "findings": "Hồ sơ bình xét còn thiếu biên bản.",
            "recommendations": [RECOMMENDATION],
            "follow_up_due_on": _iso(30),
        },
    ),
    Check(
        "mv api close BVDK inspection",
        lambda w: f"/api/v1/inspections/{w.bvdk_inspection_answered.pk}/close",
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
    ),
    Check(
        "mv api link BVDK nomination to BVDK inspection",
        lambda w: f"/api/v1/inspections/{w.bvdk_inspection.pk}/links",
        expect(INSPECTION_PLANNERS, hidden=OUT_OF_BVDK, ok=201),
        method="post",
        api=True,
        data=lambda w: {"kind": "nomination", "record_id": w.nomination.pk},
    ),
    Check(
        "mv api answer BVDK recommendation",
        lambda w: (
            f"/api/v1/inspections/{w.bvdk_inspection_found.pk}/recommendations/"
            f"{_recommendation(w.bvdk_inspection_found).pk}/response"
        ),
        expect(BVDK_STAFF, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
        data={"response": "Đã bổ sung biên bản bình xét."},
    ),
    # Trainings: the list is for staff roles, as its page.
    Check(
        "mv api trainings",
        lambda w: f"/api/v1/trainings?year={w.bvdk_course.held_on.year}",
        expect(STAFF),
        api=True,
        shows=lambda w: f'"id": {w.bvdk_course.pk}, "org_id"',
        shown_to=frozenset(SECTOR_READERS | BVDK_STAFF),
    ),
    Check(
        "mv api BVDK training course",
        lambda w: f"/api/v1/trainings/{w.bvdk_course.pk}",
        expect(SECTOR_READERS | BVDK_STAFF, hidden=OUT_OF_BVDK),
        api=True,
    ),
    Check(
        "mv api record a BVDK course",
        lambda w: "/api/v1/trainings",
        # BVNHI's staff do not see BVDK: the unit named in the body is refused (422).
        expect(MEMBER_EDITORS_OF_BVDK, ok=201, bvnhi_chutich=422, bvnhi_thidua=422),
        method="post",
        api=True,
        data=lambda w: {
            "org_id": w.tree.bvdk.pk,
            "title": "Tập huấn viết sáng kiến",
            "held_on": _iso(0),
        },
    ),
    Check(
        "mv api attendance at BVDK course",
        lambda w: f"/api/v1/trainings/{w.bvdk_course.pk}/attendance",
        expect(MEMBER_EDITORS_OF_BVDK, hidden=OUT_OF_BVDK),
        method="post",
        api=True,
        data=lambda w: {"member_ids": [w.people.hong.pk]},
    ),
]

# ``namespace:name`` or ``(METHOD, OpenAPI path)`` → why no matrix line covers it.
NOT_IN_MATRIX = {}
