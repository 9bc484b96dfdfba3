"""Demo records of the awards app: yearly assessments for 2026, some discipline, a few historical
LĐTT titles in BVDK (2024, 2025) and two BVDK initiatives, one recognised.

Most members are rated good or excellent; about one in twenty-five has a long absence, a few
were disciplined or did not complete their tasks, so the eligibility checks have failures to show.
"""

import datetime

from thidua.awards.models import (
    AwardRecord,
    AwardType,
    DisciplineLevel,
    DisciplineRecord,
    Initiative,
    MemberYearAssessment,
    RecordSource,
    TaskRating,
)
from thidua.demo.seed import register
from thidua.demo.units import SECTOR_CODE
from thidua.organizations.models import Member

DEMO_YEAR = 2026
RATINGS = [TaskRating.EXCELLENT] * 3 + [TaskRating.GOOD] * 6 + [TaskRating.COMPLETED]


@register
def award_facts(demo):
    """Assessments of every active member for 2026, and a few discipline records."""
    sector = demo.units[SECTOR_CODE]
    members = list(Member.objects.filter(org_path__startswith=sector.path, active=True))
    assessments, disciplined = [], []
    for index, member in enumerate(members):
        rating = demo.rng.choice(RATINGS)
        absence = demo.rng.randint(0, 8)
        maternity = 0
        if index % 25 == 7:
            absence = demo.rng.randint(41, 60)  # long absence: not LĐTT
        elif index % 25 == 11 and member.gender == "female":
            absence, maternity = 180, 180  # maternity leave is excepted
        elif index % 40 == 13:
            rating = TaskRating.NOT_COMPLETED
        assessments.append(
            MemberYearAssessment(
                member=member,
                year=DEMO_YEAR,
                task_rating=rating,
                absence_days=absence,
                maternity_leave_days=maternity,
            )
        )
        if index % 60 == 19:
            disciplined.append(member)
    MemberYearAssessment.objects.bulk_create(assessments, batch_size=2000)
    for number, member in enumerate(disciplined):
        level = DisciplineLevel.REPRIMAND if number % 2 == 0 else DisciplineLevel.WARNING
        DisciplineRecord.objects.create(
            member=member,
            level=level,
            decided_on=datetime.date(DEMO_YEAR, 3 + number % 6, 10),
            note="Vi phạm quy định về thời gian làm việc",
        )
    demo.note(
        f"{len(assessments)} assessments for {DEMO_YEAR}, {len(disciplined)} discipline records"
    )


@register
def award_history(demo):
    """LĐTT 2024 and 2025 for some BVDK members (imported history), and two initiatives."""
    bvdk = demo.units["BVDK"]
    ldtt = AwardType.objects.get(code="LDTT")
    members = list(
        Member.objects.filter(org_path__startswith=bvdk.path, active=True).order_by("id")[:40]
    )
    records = []
    for index, member in enumerate(members):
        years = (2024, 2025) if index % 3 else (2025,)
        for year in years:
            records.append(
                AwardRecord(
                    member=member,
                    holder_org=member.org,
                    award_type=ldtt,
                    year=year,
                    decision_number=f"{5 + year - 2024:02d}/QĐ-BVĐK",
                    decided_on=datetime.date(year + 1, 1, 15),
                    issued_by_name="Giám đốc Bệnh viện Đa khoa Đồng Nai",
                    source=RecordSource.IMPORTED,
                )
            )
    AwardRecord.objects.bulk_create(records)
    chair = demo.users.get("bvdk.chutich")
    officer = demo.users.get("bvdk.thidua")
    first = Initiative.objects.create(
        org=bvdk,
        title="Quy trình sàng lọc nhiễm khuẩn huyết sớm tại khoa Hồi sức tích cực",
        description="Áp dụng thang điểm qSOFA và gói xử trí trong giờ đầu, giảm ngày nằm viện.",
        applied_from=datetime.date(2025, 9, 1),
        benefit_value=150_000_000,
        recognized_on=datetime.date(DEMO_YEAR, 3, 20),
        recognized_by=chair,
        created_by=officer,
    )
    second = Initiative.objects.create(
        org=bvdk,
        title="Phần mềm nhắc lịch tái khám qua tin nhắn cho bệnh nhân mạn tính",
        description="Tự động nhắc lịch tái khám, giảm tỷ lệ bỏ tái khám.",
        applied_from=datetime.date(DEMO_YEAR, 2, 1),
        benefit_value=45_000_000,
        created_by=officer,
    )
    if members:
        first.authors.set(members[:2])
        second.authors.set(members[2:3])
    demo.note(f"{len(records)} historical LĐTT titles in BVDK, 2 initiatives")
