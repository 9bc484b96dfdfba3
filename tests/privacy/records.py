"""One record of every kind in the privacy inventory about a member, written straight to the tables
(a decision through its service, so its item, award record and certificate are the real ones)."""

import datetime

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import ApiToken
from thidua.awards.models import DisciplineRecord, Initiative, MemberYearAssessment
from thidua.core import audit
from thidua.core.models import AuditEntry, Notification
from thidua.council.models import CouncilMember, Feedback, Notice
from thidua.decisions import services as decisions
from thidua.exemplars.models import Exemplar
from thidua.movements.models import Movement, Pledge
from thidua.nominations.models import Nomination, NominationStatus, WorkplaceAward
from thidua.organizations.models import OfficerDesignation
from thidua.oversight.models import Attendance, Inspection, TrainingCourse

YEAR = 2025


def awarded_decision(member, *, by, sector):
    """A decision of the sector awarding a GK-CDN to ``member`` (nomination, item, award record,
    certificate)."""
    from thidua.awards.models import AwardType

    nomination = Nomination.objects.create(
        award_type=AwardType.objects.get(code="GK-CDN"),
        year=YEAR,
        org=member.org,
        member=member,
        status=NominationStatus.APPROVED,
        achievements="Hoàn thành xuất sắc nhiệm vụ",
    )
    return decisions.issue_decision(
        by=by,
        org=sector,
        nominations=[nomination],
        signed_on=datetime.date(YEAR, 12, 20),
        signer_name="Đàm Đức Chính",
        signer_title="Chủ tịch",
    )


def one_of_each(member, *, tree, people):
    """Write one row of every inventory source about ``member`` (who has a linked user), except
    the anonymisation record."""
    user = member.user
    by = people.nganh_admin
    awarded_decision(member, by=by, sector=tree.sector)
    ApiToken.issue(user, name="điện thoại")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    Notification.objects.create(user=user, title="Quyết định khen thưởng đã ban hành")
    OfficerDesignation.objects.create(
        org=member.org, member=member, since=datetime.date(2024, 1, 1)
    )
    movement = Movement.objects.create(
        org=tree.sector,
        title="Thi đua lao động giỏi",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
    )
    Pledge.objects.create(movement=movement, org=member.org, member=member, commitments="Cam kết")
    MemberYearAssessment.objects.create(member=member, year=YEAR, task_rating="excellent")
    DisciplineRecord.objects.create(
        member=member, level="reprimand", decided_on=datetime.date(2020, 5, 1)
    )
    Initiative.objects.create(org=member.org, title="Cải tiến quy trình").authors.add(member)
    WorkplaceAward.objects.create(
        org=member.org,
        member=member,
        period_kind="month",
        period_label="Tháng 3/2025",
        period_start=datetime.date(YEAR, 3, 1),
        reason="Phục vụ người bệnh tận tình",
    )
    Exemplar.objects.create(
        owner_org=member.org, member=member, source="unit_proposal", story="Tấm gương tận tụy"
    )
    course = TrainingCourse.objects.create(
        org=tree.sector, title="Tập huấn nghiệp vụ", held_on=datetime.date(YEAR, 4, 1)
    )
    Attendance.objects.create(course=course, member=member)
    Inspection.objects.create(
        org=member.org,
        inspecting_org=tree.sector,
        planned_on=datetime.date(YEAR, 6, 1),
        topic="emulation_commendation",
    ).team.add(user)
    other = Nomination.objects.filter(member=member).first()
    notice = Notice.objects.create(org=tree.sector, notice_ends_on=datetime.date(YEAR, 12, 1))
    Feedback.objects.create(notice=notice, nomination=other, author=user, text="Đồng ý")
    CouncilMember.objects.create(org=tree.sector, user=user)
    audit.record(by, AuditEntry.Action.UPDATE, member, after={"job_title": member.job_title})
