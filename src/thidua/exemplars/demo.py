"""Demo exemplary models of the sector, replications, the library and news (seed plan III.2).

One exemplar is honoured and published: an intensive-care nurse of BVDK on the Covid-19 front
line. One, from a media report, is verified in TTYT Biên Hòa; one is a fresh proposal of BVNHI,
waiting for the sector's verification. Two units replicated the Covid-19 model.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from thidua.core.models import Transition
from thidua.demo.seed import register
from thidua.demo.units import SECTOR_CODE
from thidua.exemplars.models import (
    Exemplar,
    ExemplarSource,
    ExemplarStatus,
    HonorHow,
    LibraryCategory,
    LibraryDocument,
    NewsItem,
    Replication,
)
from thidua.organizations.models import Member

D = datetime.date

COVID_STORY = (
    "Trong đợt dịch Covid-19 năm 2021, chị tình nguyện vào Khu điều trị bệnh nhân Covid-19 nặng "
    "của Bệnh viện suốt 4 tháng liền, trực tiếp chăm sóc hơn 300 ca bệnh nặng và nguy kịch, "
    "hướng dẫn đồng nghiệp mới vận hành máy thở và quy trình phòng chống lây nhiễm."
)
COVID_PUBLIC_STORY = (
    "Bốn tháng liền trong khu điều trị Covid-19 nặng, nữ điều dưỡng Khoa Hồi sức tích cực - "
    "Chống độc đã cùng đồng nghiệp chăm sóc hơn 300 ca bệnh nặng, truyền kinh nghiệm vận hành "
    "máy thở cho điều dưỡng trẻ. Tấm gương của chị được nhiều đơn vị trong ngành học tập."
)
MEDIA_STORY = (
    "Báo Đồng Nai phản ánh mô hình “Trạm y tế thân thiện” của tổ công đoàn các trạm y tế phường: "
    "tiếp đón người bệnh từ 6 giờ sáng, khám sàng lọc lưu động cho người cao tuổi."
)
PROPOSAL_NOTE = (
    "Đề xuất của Công đoàn cơ sở: đồng chí đã phát hiện sớm và xử trí kịp thời 3 ca sốc "
    "sốt xuất huyết ở trẻ em trong ca trực đêm, được gia đình người bệnh gửi thư cảm ơn."
)


def _first_member(org_code, **filters):
    return (
        Member.objects.filter(org__code=org_code, active=True, is_manager=False, **filters)
        .order_by("code")
        .first()
    )


def _timeline(exemplar, steps):
    """Transition rows ``[(from, to, actor, at)]`` for the exemplar's history."""
    content_type = ContentType.objects.get_for_model(exemplar)
    for from_state, to_state, actor, at in steps:
        row = Transition.objects.create(
            content_type=content_type,
            object_id=str(exemplar.pk),
            from_state=from_state,
            to_state=to_state,
            actor=actor,
        )
        Transition.objects.filter(pk=row.pk).update(at=at)


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


@register
def exemplars(demo):
    sector = demo.units[SECTOR_CODE]
    officer, admin = demo.users["nganh.thidua"], demo.users["nganh.admin"]

    nurse = _first_member("BVDK-HSTC", gender="female", job_title__icontains="điều dưỡng")
    nurse = nurse or _first_member("BVDK-HSTC")
    covid = Exemplar.objects.create(
        owner_org=demo.units["BVDK"],
        member=nurse,
        source=ExemplarSource.COVID_FRONTLINE,
        title="Nữ điều dưỡng tuyến đầu chống dịch Covid-19",
        story=COVID_STORY,
        achievements="- Hơn 300 ca bệnh nặng được chăm sóc.\n- Đào tạo 12 điều dưỡng trẻ.",
        status=ExemplarStatus.HONORED,
        found_by=demo.users["bvdk.thidua"],
        verified_by=officer,
        verified_at=_at(D(2025, 10, 6)),
        honored_on=D(2025, 11, 20),
        how=HonorHow.CEREMONY,
        honor_note="Tuyên dương tại Hội nghị tổng kết phong trào thi đua ngành Y tế năm 2025.",
        award_reference="Giấy khen của Ban Chấp hành Công đoàn ngành Y tế",
        publish=True,
        public_name="Điều dưỡng Khoa Hồi sức tích cực - Chống độc, Bệnh viện Đa khoa Đồng Nai",
        public_story=COVID_PUBLIC_STORY,
        published_at=_at(D(2025, 11, 25)),
    )
    _timeline(
        covid,
        [
            ("", ExemplarStatus.FOUND, demo.users["bvdk.thidua"], _at(D(2025, 9, 15))),
            (ExemplarStatus.FOUND, ExemplarStatus.VERIFIED, officer, _at(D(2025, 10, 6))),
            (ExemplarStatus.VERIFIED, ExemplarStatus.HONORED, admin, _at(D(2025, 11, 20))),
        ],
    )
    for code, adopted_on, how in (
        ("BVNHI", D(2026, 1, 12), "Thành lập nhóm điều dưỡng hỗ trợ vận hành máy thở."),
        ("TTYT-BH", D(2026, 2, 3), "Tập huấn điều dưỡng trẻ theo cách làm của Khoa Hồi sức."),
    ):
        Replication.objects.create(
            exemplar=covid,
            org=demo.units[code],
            adopted_on=adopted_on,
            how=how,
            recorded_by=officer,
        )

    media = Exemplar.objects.create(
        owner_org=sector,
        org=demo.units["TTYT-BH-TYT"],
        source=ExemplarSource.MEDIA,
        title="Mô hình “Trạm y tế thân thiện”",
        story=MEDIA_STORY,
        status=ExemplarStatus.VERIFIED,
        found_by=officer,
        verified_by=officer,
        verified_at=_at(D(2026, 3, 10)),
    )
    _timeline(
        media,
        [
            ("", ExemplarStatus.FOUND, officer, _at(D(2026, 3, 2))),
            (ExemplarStatus.FOUND, ExemplarStatus.VERIFIED, officer, _at(D(2026, 3, 10))),
        ],
    )

    proposal = Exemplar.objects.create(
        owner_org=demo.units["BVNHI"],
        member=_first_member("BVNHI"),
        source=ExemplarSource.UNIT_PROPOSAL,
        story=PROPOSAL_NOTE,
        found_by=demo.users["bvnhi.chutich"],
    )
    _timeline(
        proposal, [("", ExemplarStatus.FOUND, demo.users["bvnhi.chutich"], _at(D(2026, 4, 2)))]
    )

    library = [
        (
            "Luật Thi đua, khen thưởng",
            LibraryCategory.LAW,
            "06/2022/QH15",
            D(2022, 6, 15),
            "Quốc hội",
        ),
        (
            "Nghị định quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
            LibraryCategory.DECREE,
            "152/2025/NĐ-CP",
            D(2025, 6, 19),
            "Chính phủ",
        ),
        (
            "Quy định khen thưởng của tổ chức Công đoàn",
            LibraryCategory.CONFEDERATION_RULE,
            "999/QĐ-TLĐ",
            D(2024, 5, 29),
            "Tổng Liên đoàn Lao động Việt Nam",
        ),
        (
            "Kế hoạch công tác thi đua, khen thưởng của Công đoàn ngành Y tế Đồng Nai",
            LibraryCategory.SECTOR_PLAN,
            "36/KH-CĐN",
            D(2020, 3, 20),
            "Công đoàn ngành Y tế Đồng Nai",
        ),
    ]
    for title, category, number, issued_on, issuer in library:
        LibraryDocument.objects.create(
            org=sector,
            title=title,
            category=category,
            reference_number=number,
            issued_on=issued_on,
            issuer=issuer,
            created_by=officer,
        )

    NewsItem.objects.create(
        org=sector,
        title="Tuyên dương nữ điều dưỡng tuyến đầu chống dịch Covid-19",
        body=COVID_PUBLIC_STORY,
        published_at=_at(D(2025, 11, 25)),
        exemplar=covid,
        created_by=officer,
    )
    NewsItem.objects.create(
        org=sector,
        title="Nhân rộng mô hình “Trạm y tế thân thiện”",
        body="Công đoàn ngành đề nghị các Công đoàn cơ sở tham khảo, nhân rộng mô hình "
        "“Trạm y tế thân thiện” của Trung tâm Y tế thành phố Biên Hòa.",
        published_at=_at(D(2026, 3, 12)),
        exemplar=media,
        created_by=officer,
    )
    demo.note("Exemplary models: 3 (1 published), 2 replications, 4 library entries, 2 news.")
