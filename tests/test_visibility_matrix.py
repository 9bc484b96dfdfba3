"""The visibility matrix: every role against every page and API endpoint.

Each ``Check`` names a URL built from the ``people``/``tree`` fixtures and the status each demo
login must get. A user not listed gets ``default`` (404 where the record is outside their reach,
403 where they see it but may not act). A new page or endpoint is covered by adding one line.
"""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import URLResolver, get_resolver, resolve, reverse

from tests.factories import verified_login
from tests.matrix import areas
from tests.matrix.base import (
    BVDK_STAFF,
    BVNHI_STAFF,
    MEMBER_EDITORS_OF_BVDK,
    SECTOR_READERS,
    STAFF,
    USERS,
    Check,
    World,
    expect,
)
from thidua.accounts.models import ApiToken
from thidua.awards.models import AwardType as AwardTypeModel

pytestmark = pytest.mark.django_db

PAGES = [
    Check("home", lambda w: reverse("core:home"), expect(USERS)),
    Check("unit tree", lambda w: reverse("organizations:org_tree"), expect(USERS)),
    Check(
        "BVDK unit page",
        lambda w: reverse("organizations:org_detail", args=[w.tree.bvdk.pk]),
        expect(USERS, hidden=BVNHI_STAFF),
    ),
    Check(
        "BVDK sub-units (htmx)",
        lambda w: reverse("organizations:org_children", args=[w.tree.bvdk.pk]),
        expect(USERS, hidden=BVNHI_STAFF),
        htmx=True,
    ),
    Check(
        "BVDK unit edit",
        lambda w: reverse("organizations:org_edit", args=[w.tree.bvdk.pk]),
        expect({"nganh.admin"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "new unit under the sector",
        lambda w: reverse("organizations:org_create") + f"?parent={w.tree.sector.pk}",
        expect({"nganh.admin"}, hidden=BVDK_STAFF | BVNHI_STAFF | {"doanvien"}),
    ),
    # A member is sent to their own record instead of the list.
    Check(
        "member list",
        lambda w: reverse("organizations:member_list"),
        expect(STAFF, doanvien=302),
    ),
    Check(
        "BVDK member page",
        lambda w: reverse("organizations:member_detail", args=[w.people.hong.pk]),
        expect(SECTOR_READERS | BVDK_STAFF | {"doanvien"}, denied=404),
    ),
    Check(
        "BVNHI member page",
        lambda w: reverse("organizations:member_detail", args=[w.people.child_doctor.pk]),
        expect(SECTOR_READERS | BVNHI_STAFF, denied=404),
    ),
    Check(
        "BVDK member edit",
        lambda w: reverse("organizations:member_edit", args=[w.people.hong.pk]),
        expect(MEMBER_EDITORS_OF_BVDK, hidden=BVNHI_STAFF),
    ),
    Check(
        "BVDK member personal-data export",
        lambda w: reverse("privacy:member_export", args=[w.people.hong.pk]),
        expect(MEMBER_EDITORS_OF_BVDK | {"doanvien"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "BVDK member anonymisation",
        lambda w: reverse("privacy:member_anonymise", args=[w.people.hong.pk]),
        expect({"nganh.admin", "bvdk.chutich"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "new member",
        lambda w: reverse("organizations:member_create"),
        expect({"nganh.admin", "nganh.thidua"} | BVDK_STAFF | BVNHI_STAFF),
    ),
    Check(
        "member import",
        lambda w: reverse("organizations:member_import"),
        expect({"nganh.admin", "nganh.thidua"} | BVDK_STAFF | BVNHI_STAFF),
    ),
    Check("officer board", lambda w: reverse("organizations:officer_board"), expect(STAFF)),
    Check(
        "designate BVDK officer",
        lambda w: reverse("organizations:officer_designate", args=[w.tree.bvdk.pk]),
        expect({"nganh.admin", "nganh.thidua", "bvdk.chutich"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "member import template",
        lambda w: reverse("organizations:member_import_template"),
        expect({"nganh.admin", "nganh.thidua"} | BVDK_STAFF | BVNHI_STAFF),
    ),
    Check("member export", lambda w: reverse("organizations:member_export"), expect(STAFF)),
    Check("unit export", lambda w: reverse("organizations:org_export"), expect(STAFF)),
    Check(
        "unit import",
        lambda w: reverse("organizations:org_import"),
        expect({"nganh.admin", "bvdk.chutich", "bvnhi.chutich"}),
    ),
    # Documents
    # A member sees an empty archive: documents are for staff roles.
    Check("document archive", lambda w: reverse("documents:document_list"), expect(USERS)),
    Check(
        "BVDK document",
        lambda w: reverse("documents:document_detail", args=[w.doc.pk]),
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    Check(
        "BVDK document dossier",
        lambda w: reverse("documents:document_dossier", args=[w.doc.pk]),
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    Check("outgoing register", lambda w: reverse("documents:register"), expect(STAFF)),
    Check(
        "document templates of BVDK",
        lambda w: reverse("documents:document_templates:unit", args=["BVDK"]),
        expect({"nganh.admin", "bvdk.chutich"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "signing certificates",
        lambda w: reverse("documents:signing_overview"),
        expect({"nganh.admin"}),
    ),
    # Movements and plans
    Check("movements", lambda w: reverse("movements:movement_list"), expect(USERS)),
    Check(
        "launched movement",
        lambda w: reverse("movements:movement_detail", args=[w.movement.pk]),
        expect(USERS),
    ),
    Check(
        "draft movement",
        lambda w: reverse("movements:movement_detail", args=[w.draft_movement.pk]),
        expect(SECTOR_READERS, hidden=BVDK_STAFF | BVNHI_STAFF | {"doanvien"}),
    ),
    Check(
        "edit draft movement",
        lambda w: reverse("movements:movement_edit", args=[w.draft_movement.pk]),
        expect({"nganh.admin", "nganh.thidua"}, hidden=BVDK_STAFF | BVNHI_STAFF | {"doanvien"}),
    ),
    Check(
        "BVDK plan",
        lambda w: reverse("movements:plan_detail", args=[w.bvdk_plan.pk]),
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    Check(
        "return BVDK plan",
        lambda w: reverse("movements:plan_return", args=[w.bvdk_plan.pk]),
        expect({"nganh.admin", "nganh.thidua"}, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    Check(
        "BVDK pledges",
        lambda w: reverse("movements:pledge_entry", args=[w.movement.pk, w.tree.bvdk.pk]),
        expect({"nganh.admin", "nganh.thidua"} | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    # Reporting
    Check("reporting rounds", lambda w: reverse("reporting:round_list"), expect(STAFF)),
    Check(
        "round board",
        lambda w: reverse("reporting:round_board", args=[w.round.pk]),
        expect(STAFF, hidden={"doanvien"}),
    ),
    Check(
        "new reporting round",
        lambda w: reverse("reporting:round_create"),
        expect({"nganh.admin", "nganh.thidua"}),
    ),
    Check(
        "my reports",
        lambda w: reverse("reporting:my_reports"),
        expect(BVDK_STAFF | BVNHI_STAFF),
    ),
    Check(
        "BVDK report",
        lambda w: reverse("reporting:report_detail", args=[w.bvdk_report.pk]),
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    Check(
        "submit BVDK report",
        lambda w: reverse("reporting:report_submit", args=[w.bvdk_report.pk]),
        expect(BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    # Awards (doanvien is the author of the BVDK initiative)
    Check("award catalogue", lambda w: reverse("awards:catalogue"), expect(USERS)),
    Check(
        "new award type",
        lambda w: reverse("awards:award_type_create"),
        expect({"nganh.admin"}),
    ),
    Check(
        "BVDK initiative",
        lambda w: reverse("awards:initiative_detail", args=[w.initiative.pk]),
        expect(SECTOR_READERS | BVDK_STAFF | {"doanvien"}, hidden=BVNHI_STAFF),
    ),
    Check(
        "new eligibility rule",
        lambda w: reverse("awards:rule_create", args=[AwardTypeModel.objects.get(code="LDTT").pk]),
        expect({"nganh.admin"}),
    ),
    Check(
        "BVDK yearly assessments",
        lambda w: reverse("awards:assessments") + f"?org={w.tree.bvdk.pk}&year=2026",
        expect(
            {"nganh.admin", "nganh.thidua"} | BVDK_STAFF,
            hidden=BVNHI_STAFF,
            doanvien=403,
        ),
    ),
    # Nominations
    Check("nominations", lambda w: reverse("nominations:nomination_list"), expect(USERS)),
    Check(
        "BVDK nomination",
        lambda w: reverse("nominations:nomination_detail", args=[w.nomination.pk]),
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    Check(
        "appraise BVDK nomination",
        lambda w: reverse("nominations:appraise", args=[w.nomination.pk]),
        expect({"nganh.admin", "nganh.thidua"}, hidden=BVNHI_STAFF | {"doanvien"}),
    ),
    # A member sees an empty board and no quotas.
    Check("appraisal board", lambda w: reverse("nominations:board"), expect(USERS)),
    Check("quotas", lambda w: reverse("nominations:quota_list"), expect(USERS)),
    # Exemplars, library and news
    Check("exemplars", lambda w: reverse("exemplars:exemplar_list"), expect(USERS)),
    Check(
        "BVNHI found exemplar",
        lambda w: reverse("exemplars:exemplar_detail", args=[w.found_exemplar.pk]),
        expect(SECTOR_READERS | BVNHI_STAFF, hidden=BVDK_STAFF | {"doanvien"}),
    ),
    Check("library", lambda w: reverse("exemplars:library_list"), expect(USERS)),
    Check("news", lambda w: reverse("exemplars:news_list"), expect(USERS)),
    Check(
        "publish news",
        lambda w: reverse("exemplars:news_create"),
        expect({"nganh.admin", "nganh.thidua"}),
    ),
    # Inspections, officers and training
    Check(
        "BVNHI inspection",
        lambda w: reverse("oversight:inspection_detail", args=[w.inspection.pk]),
        expect(SECTOR_READERS | BVNHI_STAFF, hidden=BVDK_STAFF | {"doanvien"}),
    ),
    Check("officers and training", lambda w: reverse("oversight:officers"), expect(STAFF)),
    Check(
        "training course",
        lambda w: reverse("oversight:course_detail", args=[w.course.pk]),
        expect(STAFF, hidden={"doanvien"}),
    ),
    # Public notice and council
    Check("public notices", lambda w: reverse("council:notice_list"), expect(USERS)),
    Check(
        "publish nominations",
        lambda w: reverse("council:publish"),
        expect({"nganh.admin", "nganh.thidua", "bvdk.chutich", "bvnhi.chutich"}),
    ),
    Check(
        "feedback to resolve",
        lambda w: reverse("council:feedback_list"),
        # Each sees the feedback on nominations in their reach (confidential authors hidden).
        expect(USERS),
    ),
    Check("council sessions", lambda w: reverse("council:session_list"), expect(USERS)),
    # Upper levels
    # A member sees empty lists.
    Check("forwarded nominations", lambda w: reverse("forwarding:follow"), expect(USERS)),
    Check(
        "forward to the upper level",
        lambda w: reverse("forwarding:forward"),
        expect({"nganh.admin", "nganh.thidua"}),
    ),
    Check("forwarded batches", lambda w: reverse("forwarding:batch_list"), expect(USERS)),
    # Dashboard and statistics
    Check("dashboard", lambda w: reverse("dashboard:index"), expect(STAFF)),
    Check(
        "BVDK dashboard",
        lambda w: reverse("dashboard:index") + f"?org={w.tree.bvdk.pk}",
        expect(STAFF, hidden=BVNHI_STAFF),
    ),
    Check("statistics", lambda w: reverse("dashboard:statistics"), expect(STAFF)),
    Check(
        "annual report",
        lambda w: reverse("dashboard:annual_report"),
        expect({"nganh.admin", "nganh.thidua"}),
    ),
    # Decisions and certificates
    # A member finds their decisions under "my awards".
    Check("decisions", lambda w: reverse("decisions:decision_list"), expect(STAFF)),
    Check(
        "new decision",
        lambda w: reverse("decisions:decision_create"),
        expect({"nganh.admin", "bvdk.chutich", "bvnhi.chutich"}),
    ),
    Check("my awards", lambda w: reverse("decisions:my_awards"), expect(USERS)),
    Check("users", lambda w: reverse("accounts:user_list"), expect({"nganh.admin"})),
    Check("new user", lambda w: reverse("accounts:user_create"), expect({"nganh.admin"})),
    Check(
        "user page of bvdk.thidua",
        lambda w: reverse("accounts:user_detail", args=[w.people.bvdk_thidua.pk]),
        expect({"nganh.admin"}),
    ),
    Check("two-factor setup", lambda w: reverse("accounts:two_factor"), expect(USERS)),
    Check("change password", lambda w: reverse("accounts:password_change"), expect(USERS)),
    Check("audit trail", lambda w: reverse("core:audit_list"), expect({"nganh.admin"})),
    Check("failed tasks", lambda w: reverse("core:task_failures"), expect({"nganh.admin"})),
    Check("my account", lambda w: reverse("accounts:profile"), expect(USERS)),
    # Excel exports of the lists: the same readers as the list (rows are filtered by visibility)
    Check("movements .xlsx", lambda w: reverse("movements:movement_export"), expect(USERS)),
    Check(
        "plan board .xlsx",
        lambda w: reverse("movements:plan_board_export", args=[w.movement.pk]),
        expect(USERS),
    ),
    Check("rounds .xlsx", lambda w: reverse("reporting:round_export"), expect(STAFF)),
    Check(
        "round board .xlsx",
        lambda w: reverse("reporting:round_board_export", args=[w.round.pk]),
        expect(STAFF, hidden={"doanvien"}),
    ),
    Check("nominations .xlsx", lambda w: reverse("nominations:nomination_export"), expect(USERS)),
    Check("quotas .xlsx", lambda w: reverse("nominations:quota_export"), expect(USERS)),
    Check(
        "workplace awards .xlsx",
        lambda w: reverse("nominations:workplace_award_export"),
        expect(USERS),
    ),
    Check("decisions .xlsx", lambda w: reverse("decisions:decision_export"), expect(STAFF)),
    Check("exemplars .xlsx", lambda w: reverse("exemplars:exemplar_export"), expect(USERS)),
    Check("inspections .xlsx", lambda w: reverse("oversight:inspection_export"), expect(STAFF)),
    Check("overdue .xlsx", lambda w: reverse("oversight:overdue_export"), expect(STAFF)),
    Check("courses .xlsx", lambda w: reverse("oversight:course_export"), expect(STAFF)),
    Check("officers .xlsx", lambda w: reverse("oversight:officer_export"), expect(STAFF)),
    Check("initiatives .xlsx", lambda w: reverse("awards:initiative_export"), expect(USERS)),
    Check(
        "BVDK yearly assessments .xlsx",
        lambda w: reverse("awards:assessment_export") + f"?org={w.tree.bvdk.pk}&year=2026",
        expect(
            {"nganh.admin", "nganh.thidua"} | BVDK_STAFF,
            hidden=BVNHI_STAFF,
            doanvien=403,
        ),
    ),
    Check("council sessions .xlsx", lambda w: reverse("council:session_export"), expect(USERS)),
    Check("forwarded batches .xlsx", lambda w: reverse("forwarding:batch_export"), expect(USERS)),
    Check("follow-up .xlsx", lambda w: reverse("forwarding:follow_export"), expect(USERS)),
    Check("audit trail .xlsx", lambda w: reverse("core:audit_export"), expect({"nganh.admin"})),
]

API = [
    Check("api me", lambda w: "/api/v1/me", expect(USERS), api=True),
    Check("api orgs", lambda w: "/api/v1/orgs", expect(USERS), api=True),
    Check(
        "api BVDK org",
        lambda w: f"/api/v1/orgs/{w.tree.bvdk.pk}",
        expect(USERS, hidden=BVNHI_STAFF),
        api=True,
    ),
    Check(
        "api BVDK member",
        lambda w: f"/api/v1/members/{w.people.hong.pk}",
        expect(SECTOR_READERS | BVDK_STAFF | {"doanvien"}, denied=404),
        api=True,
    ),
    Check(
        "api BVDK member awards",
        lambda w: f"/api/v1/members/{w.people.hong.pk}/awards",
        expect(SECTOR_READERS | BVDK_STAFF | {"doanvien"}, denied=404),
        api=True,
    ),
    Check(
        "api BVDK document",
        lambda w: f"/api/v1/documents/{w.doc.pk}",
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
        api=True,
    ),
    Check(
        "api launched movement",
        lambda w: f"/api/v1/movements/{w.movement.pk}",
        expect(USERS),
        api=True,
    ),
    Check(
        "api draft movement",
        lambda w: f"/api/v1/movements/{w.draft_movement.pk}",
        expect(SECTOR_READERS, hidden=BVDK_STAFF | BVNHI_STAFF | {"doanvien"}),
        api=True,
    ),
    Check(
        "api BVDK plan",
        lambda w: f"/api/v1/plans/{w.bvdk_plan.pk}",
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
        api=True,
    ),
    Check(
        "api accept BVDK plan",
        lambda w: f"/api/v1/plans/{w.bvdk_plan.pk}/accept",
        # Pending plans cannot be accepted (409) by those who may review; others are refused.
        expect(set(), hidden=BVNHI_STAFF | {"doanvien"}, nganh_admin=409, nganh_thidua=409),
        method="post",
        api=True,
    ),
    Check(
        "api reporting round",
        lambda w: f"/api/v1/reporting-rounds/{w.round.pk}",
        expect(STAFF, hidden={"doanvien"}),
        api=True,
    ),
    Check(
        "api BVDK report",
        lambda w: f"/api/v1/reports/{w.bvdk_report.pk}",
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
        api=True,
    ),
    Check(
        "api kpis of BVDK",
        lambda w: f"/api/v1/kpis?org={w.tree.bvdk.pk}",
        expect(USERS, hidden=BVNHI_STAFF),
        api=True,
    ),
    Check("api award types", lambda w: "/api/v1/award-types", expect(USERS), api=True),
    Check("api base salaries", lambda w: "/api/v1/base-salaries", expect(USERS), api=True),
    Check(
        "api BVDK initiative",
        lambda w: f"/api/v1/initiatives/{w.initiative.pk}",
        expect(SECTOR_READERS | BVDK_STAFF | {"doanvien"}, hidden=BVNHI_STAFF),
        api=True,
    ),
    Check(
        "api BVDK nomination",
        lambda w: f"/api/v1/nominations/{w.nomination.pk}",
        expect(SECTOR_READERS | BVDK_STAFF, hidden=BVNHI_STAFF | {"doanvien"}),
        api=True,
    ),
    Check(
        "api BVNHI found exemplar",
        lambda w: f"/api/v1/exemplars/{w.found_exemplar.pk}",
        expect(SECTOR_READERS | BVNHI_STAFF, hidden=BVDK_STAFF | {"doanvien"}),
        api=True,
    ),
    Check(
        "api BVNHI inspection",
        lambda w: f"/api/v1/inspections/{w.inspection.pk}",
        expect(SECTOR_READERS | BVNHI_STAFF, hidden=BVDK_STAFF | {"doanvien"}),
        api=True,
    ),
    # As the officers board: staff roles only (a member is refused, 403).
    Check("api officers", lambda w: "/api/v1/officers", expect(STAFF), api=True),
    Check(
        "api forward BVDK draft nomination",
        lambda w: f"/api/v1/nominations/{w.nomination.pk}/forward",
        # Visible to the sector's admin and officer, but a draft cannot be forwarded (409).
        expect(
            set(),
            hidden=BVNHI_STAFF | {"doanvien"},
            nganh_admin=409,
            nganh_thidua=409,
        ),
        method="post",
        api=True,
    ),
    Check(
        "api forwarding batches", lambda w: "/api/v1/forwarding/batches", expect(USERS), api=True
    ),
    Check(
        "api award statistics of BVDK",
        lambda w: f"/api/v1/statistics/awards?org={w.tree.bvdk.pk}&by=gender",
        expect(STAFF, hidden=BVNHI_STAFF),
        api=True,
    ),
    Check(
        "api fairness of the sector",
        lambda w: f"/api/v1/statistics/fairness?org={w.tree.sector.pk}",
        expect(SECTOR_READERS, hidden=BVDK_STAFF | BVNHI_STAFF, doanvien=403),
        api=True,
    ),
    Check(
        "api edit BVDK member",
        lambda w: f"/api/v1/members/{w.people.hong.pk}",
        expect(MEMBER_EDITORS_OF_BVDK, hidden=BVNHI_STAFF),
        method="patch",
        api=True,
        data={"job_title": "Điều dưỡng trưởng"},
    ),
]


ALL_PAGES = PAGES + areas.PAGES
ALL_API = API + areas.API


@pytest.fixture
def world(tree, people):
    """The demo vocabulary plus one record of each kind owned by CDN-YT or BVDK."""
    import datetime

    from tests.movements.conftest import movement_fields
    from thidua.documents import services as documents
    from thidua.movements import services as movements
    from thidua.reporting import services as reporting

    doc = documents.create_document(
        org=tree.bvdk, by=people.bvdk_thidua, doc_type="KH", title="Kế hoạch thi đua năm 2026"
    )
    movement = movements.launch_movement(
        movements.create_movement(org=tree.sector, by=people.nganh_admin, **movement_fields()),
        by=people.nganh_admin,
    )
    draft_movement = movements.create_movement(
        org=tree.sector, by=people.nganh_admin, **movement_fields(title="Xanh - Sạch - Đẹp")
    )
    round_ = reporting.create_round(
        org=tree.sector,
        by=people.nganh_thidua,
        title="Báo cáo sơ kết 6 tháng",
        period="half_year",
        year=2026,
        due_on=datetime.date(2026, 12, 15),
    )
    from thidua.awards import services as awards
    from thidua.awards.models import AwardType
    from thidua.exemplars import services as exemplars
    from thidua.nominations import services as nominations
    from thidua.oversight import services as oversight

    initiative = awards.create_initiative(
        org=tree.bvdk,
        by=people.bvdk_thidua,
        title="Quy trình bàn giao người bệnh bằng mã QR",
        author_ids=[people.hong.pk],
        description="Giảm thời gian bàn giao giữa các khoa.",
        applied_from=datetime.date(2026, 3, 1),
        benefit_value=150_000_000,
    )
    nomination = nominations.create_nomination(
        by=people.bvdk_thidua,
        org=tree.bvdk,
        member=people.hong,
        award_type=AwardType.objects.get(code="GK-CDCS"),
        year=2026,
        achievements="Hoàn thành xuất sắc nhiệm vụ",
    )
    found = exemplars.create_exemplar(
        by=people.bvnhi_thidua,
        owner_org=tree.bvnhi,
        member=people.child_doctor,
        source="unit_proposal",
        story="Bác sĩ nhi trực xuyên Tết.",
    )
    inspection = oversight.create_inspection(
        by=people.kiemtra,
        org=tree.bvnhi,
        planned_on=datetime.date(2026, 12, 10),
        topic="emulation_commendation",
    )
    course = oversight.create_course(
        by=people.nganh_thidua,
        org=tree.sector,
        title="Tập huấn nghiệp vụ thi đua, khen thưởng năm 2026",
        held_on=datetime.date(2026, 5, 20),
        counts_for_indicator=True,
    )
    return World(
        initiative=initiative,
        nomination=nomination,
        found_exemplar=found,
        inspection=inspection,
        course=course,
        tree=tree,
        people=people,
        doc=doc,
        movement=movement,
        draft_movement=draft_movement,
        bvdk_plan=movement.plans.get(org=tree.bvdk),
        round=round_,
        bvdk_report=round_.reports.get(org=tree.bvdk),
    )


def _request(client, check, world, username):
    user = world.people.users[username]
    url = check.url(world)
    if check.api:
        _, raw = ApiToken.issue(user, name="matrix")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        if check.method == "get":
            return client.get(url, **headers)
        return getattr(client, check.method)(
            url, data=check.payload(world), content_type="application/json", **headers
        )
    verified_login(client, user)
    headers = {"HTTP_HX_REQUEST": "true"} if check.htmx else {}
    return getattr(client, check.method)(url, data=check.payload(world) or None, **headers)


@pytest.mark.parametrize("check", ALL_PAGES + ALL_API, ids=str)
def test_role_sees_only_what_it_may(client, world, check):
    """Every login in turn on one world; each request's writes are rolled back before the next
    login's, so an allowed write does not change what the next one meets."""
    wrong = []
    marker = check.shows(world) if check.shows else None
    # Build the lazy records outside the rolled-back requests, so that they outlive the first.
    check.url(world), check.payload(world)
    for username in USERS:
        with transaction.atomic():
            response = _request(client, check, world, username)
            transaction.set_rollback(True)
        status = response.status_code
        if status != check.statuses[username]:
            wrong.append(f"{username}: {status}, not {check.statuses[username]}")
        elif marker and status == 200:
            seen = marker in response.content.decode()
            if seen != (username in check.shown_to):
                wrong.append(f"{username}: {'sees' if seen else 'does not see'} {marker!r}")
        client.logout()
    assert not wrong, f"{check.name}: " + "; ".join(wrong)


@pytest.mark.parametrize("check", ALL_PAGES, ids=str)
def test_anonymous_is_sent_to_login(client, world, check):
    response = getattr(client, check.method)(check.url(world))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_certificate_verification_is_public_and_says_when_a_code_is_unknown(client):
    page = client.get(reverse("verify:verify", args=["no-such-code"]))
    assert page.status_code == 404
    api = client.get("/api/v1/verify/no-such-code")
    assert api.status_code == 404
    assert api["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("check", ALL_API, ids=str)
def test_api_without_token_is_401(client, world, check):
    response = getattr(client, check.method)(check.url(world), content_type="application/json")
    assert response.status_code == 401


def _page_names():
    """``namespace:name`` of every page of the product (the API and Django's admin aside)."""

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    return {name for name in walk(get_resolver()) if name.split(":")[0] not in {"api", "admin"}} - {
        "set_language"
    }


def _api_operations(client):
    """``(METHOD, path template)`` of every operation in the OpenAPI document."""
    schema = client.get("/api/v1/openapi.json").json()
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


def _template_of(path, templates):
    """The OpenAPI path template that ``path`` instantiates (``{id}`` matches one segment)."""
    parts = path.split("/")
    for template in templates:
        pieces = template.split("/")
        if len(pieces) == len(parts) and all(
            piece == part or (piece.startswith("{") and piece.endswith("}") and part)
            for piece, part in zip(pieces, parts, strict=True)
        ):
            return template
    return None


def test_the_matrix_covers_every_page_and_endpoint(client, world):
    covered_pages = {resolve(urlsplit(check.url(world)).path).view_name for check in ALL_PAGES}
    missing_pages = _page_names() - covered_pages - set(areas.NOT_IN_MATRIX)
    assert not missing_pages, f"pages without a matrix line: {sorted(missing_pages)}"
    operations = _api_operations(client)
    # Fixed segments before parameters: /members/import is not /members/{member_id}.
    templates = sorted({path for _, path in operations}, key=lambda t: t.count("{"))
    covered = {
        (check.method.upper(), _template_of(urlsplit(check.url(world)).path, templates))
        for check in ALL_API
    }
    missing_api = operations - covered - set(areas.NOT_IN_MATRIX)
    assert not missing_api, f"API operations without a matrix line: {sorted(missing_api)}"
