"""Demo inspections and trainings of the sector union CDN-YT in 2026.

The 2026 inspection plan holds two inspections: BVNHI, held with its findings, one recommendation
answered and one due later; TTYT-BH, still planned. Two trainings were held: the counting one was
attended by most designated officers but not all (so the officers board and the indicator show
gaps), the other one does not count for the indicator. The sector wants every officer trained by
15/12/2026.
"""

import datetime

from django.utils import timezone

from thidua.demo.seed import register
from thidua.demo.units import SECTOR_CODE
from thidua.organizations.models import OfficerDesignation
from thidua.oversight.models import (
    Attendance,
    Inspection,
    InspectionPlan,
    InspectionStatus,
    InspectionTopic,
    Recommendation,
    TrainingCourse,
    TrainingDeadline,
)

D = datetime.date
YEAR = 2026
# Designated officers who missed the counting training.
UNTRAINED = 6


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@register
def inspections(demo):
    sector = demo.units[SECTOR_CODE]
    inspector, officer = demo.users["kiemtra"], demo.users["nganh.thidua"]
    plan = InspectionPlan.objects.create(
        org=sector,
        year=YEAR,
        title="Kế hoạch kiểm tra, giám sát công tác thi đua, khen thưởng năm 2026",
        created_by=demo.users["nganh.admin"],
    )
    held = Inspection.objects.create(
        plan=plan,
        org=demo.units["BVNHI"],
        inspecting_org=sector,
        planned_on=D(YEAR, 10, 14),
        held_on=D(YEAR, 10, 15),
        topic=InspectionTopic.EMULATION,
        topic_detail="Việc tổ chức phong trào thi đua và hồ sơ khen thưởng năm 2025",
        status=InspectionStatus.FINDINGS_RECORDED,
        findings=(
            "- Công đoàn cơ sở đã xây dựng kế hoạch hưởng ứng các phong trào thi đua của ngành.\n"
            "- Hồ sơ khen thưởng năm 2025 còn thiếu biên bản họp Hội đồng thi đua - khen thưởng.\n"
            "- Chưa tổ chức sơ kết phong trào “Giỏi việc nước, Đảm việc nhà”."
        ),
        findings_recorded_by=inspector,
        created_by=inspector,
    )
    held.team.set([inspector, officer])
    Recommendation.objects.create(
        inspection=held,
        position=0,
        text="Bổ sung biên bản họp Hội đồng thi đua - khen thưởng vào hồ sơ khen thưởng năm 2025.",
        follow_up_due_on=D(YEAR, 11, 10),
        response="Đã bổ sung biên bản họp Hội đồng ngày 28/10/2026 vào hồ sơ.",
        responded_at=_at(D(YEAR, 11, 5)),
        responded_by=demo.users["bvnhi.thidua"],
    )
    Recommendation.objects.create(
        inspection=held,
        position=1,
        text=(
            "Tổ chức sơ kết phong trào “Giỏi việc nước, Đảm việc nhà” và báo cáo về "
            "Công đoàn ngành."
        ),
        follow_up_due_on=D(YEAR, 12, 20),
    )
    planned = Inspection.objects.create(
        plan=plan,
        org=demo.units["TTYT-BH"],
        inspecting_org=sector,
        planned_on=D(YEAR, 12, 10),
        topic=InspectionTopic.INTEGRATED,
        topic_detail="Lồng ghép trong kiểm tra công tác tài chính công đoàn",
        created_by=inspector,
    )
    planned.team.set([inspector])
    demo.note("Inspections 2026: BVNHI (findings recorded), TTYT-BH (planned).")


@register
def trainings(demo):
    sector = demo.units[SECTOR_CODE]
    officer = demo.users["nganh.thidua"]
    counting = TrainingCourse.objects.create(
        org=sector,
        title="Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2026",
        held_on=D(YEAR, 4, 20),
        organiser="Công đoàn ngành Y tế Đồng Nai",
        content=(
            "- Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP.\n"
            "- Quy định 999/QĐ-TLĐ về khen thưởng của tổ chức Công đoàn.\n"
            "- Hồ sơ, thủ tục đề nghị khen thưởng; thẩm định hồ sơ."
        ),
        counts_for_indicator=True,
        created_by=officer,
    )
    TrainingCourse.objects.create(
        org=sector,
        title="Hội nghị giao lưu điển hình tiên tiến ngành Y tế",
        held_on=D(YEAR, 9, 12),
        organiser="Công đoàn ngành Y tế Đồng Nai",
        content="Giao lưu, chia sẻ kinh nghiệm phát hiện và nhân rộng điển hình tiên tiến.",
        counts_for_indicator=False,
        created_by=officer,
    )
    terms = list(
        OfficerDesignation.objects.filter(until__isnull=True, org__path__startswith=sector.path)
        .select_related("org")
        .order_by("org__path")
    )
    keep = {"BVNHI"}
    candidates = [t for t in terms if t.org.code not in keep]
    missed = {t.pk for t in demo.rng.sample(candidates, min(UNTRAINED, len(candidates)))}
    member_ids = [t.member_id for t in terms if t.pk not in missed]
    sector_member = demo.people.get("nganh.thidua")
    if sector_member is not None:
        member_ids.append(sector_member.pk)
    Attendance.objects.bulk_create(
        [Attendance(course=counting, member_id=i, recorded_by=officer) for i in member_ids]
    )
    TrainingDeadline.objects.create(org=sector, year=YEAR, due_on=D(YEAR, 12, 15), set_by=officer)
    demo.note(
        f"Trainings 2026: {len(member_ids)} attended the counting course; "
        f"{len(missed)} designated officers not yet trained."
    )
