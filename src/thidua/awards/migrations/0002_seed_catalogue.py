"""Seed the award catalogue of DOMAIN.md, the base salaries, the rubrics, the eligibility rules,
the Bằng Lao động sáng tạo thresholds and reference initiative reward brackets.

All of it is data: the sector admin edits it afterwards. Amounts marked unverified in DOMAIN.md are
seeded as their stated default (0 where no figure is known) and say so in the description.

Vote defaults: grassroots- and sector-level awards ≥ 70% of the council members present with a
quorum of 2/3; individual awards proposed to the federation, the Confederation or the State follow
the rule for CSTĐ above grassroots level (≥ 90% of all members, secret ballot).
"""

import datetime
from decimal import Decimal

from django.db import migrations

from thidua.core.text import search_key

FULL = ["submission", "achievement_report", "council_minutes"]
WITH_INITIATIVE = [*FULL, "initiative_certificate"]
SIMPLIFIED = ["submission", "summary"]
UNVERIFIED = "Mức tiền thưởng chưa được xác minh; quản trị viên ngành điều chỉnh khi có căn cứ."

# code, name, category, subject, level, coefficient, description
CATALOGUE = [
    ("LDTT", "Lao động tiên tiến", "title", "individual", "grassroots", "0.3", ""),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "title", "individual", "grassroots", "1.0", ""),
    ("TTLDTT", "Tập thể lao động tiên tiến", "title", "collective", "grassroots", "0.8", ""),
    ("TTLDXS", "Tập thể lao động xuất sắc", "title", "collective", "state", "1.5", ""),
    ("DVXS", "Đoàn viên công đoàn xuất sắc", "title", "individual", "grassroots", "0", UNVERIFIED),
    (
        "CDCS-VM",
        "Công đoàn cơ sở vững mạnh (hoàn thành xuất sắc nhiệm vụ)",
        "title",
        "collective",
        "sector",
        "0",
        "Chấm điểm theo HD 1294/HD-TLĐ: từ 90 điểm trở lên. " + UNVERIFIED,
    ),
    ("TCD-VM", "Tổ công đoàn vững mạnh", "title", "collective", "grassroots", "0", UNVERIFIED),
    (
        "GK-CDCS",
        "Giấy khen của Ban Chấp hành Công đoàn cơ sở",
        "commendation",
        "individual",
        "grassroots",
        "0.3",
        "",
    ),
    (
        "GK-CDCS-TT",
        "Giấy khen của Ban Chấp hành Công đoàn cơ sở (tập thể)",
        "commendation",
        "collective",
        "grassroots",
        "0.6",
        "Mức cho tập thể gấp đôi cá nhân (chưa xác minh).",
    ),
    (
        "GK-CDN",
        "Giấy khen của Ban Chấp hành Công đoàn ngành",
        "commendation",
        "individual",
        "sector",
        "0.3",
        "",
    ),
    (
        "GK-CDN-TT",
        "Giấy khen của Ban Chấp hành Công đoàn ngành (tập thể)",
        "commendation",
        "collective",
        "sector",
        "0.6",
        "Mức cho tập thể gấp đôi cá nhân (chưa xác minh).",
    ),
    (
        "BK-LDLD",
        "Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh",
        "commendation",
        "individual",
        "federation",
        "1.5",
        "Mức theo Nghị định 152/2025/NĐ-CP; áp dụng cho tổ chức công đoàn chưa xác minh.",
    ),
    (
        "BK-LDLD-TT",
        "Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh (tập thể)",
        "commendation",
        "collective",
        "federation",
        "3.0",
        "Mức cho tập thể gấp đôi cá nhân (chưa xác minh).",
    ),
    (
        "CO-LDLD",
        "Cờ thi đua của Liên đoàn Lao động tỉnh",
        "title",
        "collective",
        "federation",
        "8.0",
        UNVERIFIED,
    ),
    (
        "BK-TLD",
        "Bằng khen của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam",
        "commendation",
        "individual",
        "confederation",
        "1.5",
        UNVERIFIED,
    ),
    (
        "BK-TLD-TT",
        "Bằng khen của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam (tập thể)",
        "commendation",
        "collective",
        "confederation",
        "3.0",
        "Mức cho tập thể gấp đôi cá nhân (chưa xác minh).",
    ),
    (
        "CO-TLD",
        "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
        "title",
        "collective",
        "confederation",
        "8.0",
        UNVERIFIED,
    ),
    (
        "BLDST",
        "Bằng Lao động sáng tạo",
        "commendation",
        "individual",
        "confederation",
        "0",
        UNVERIFIED,
    ),
    (
        "KNC-CD",
        "Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”",
        "commendation",
        "individual",
        "confederation",
        "0.6",
        "Mức tối đa 0,6 lần mức lương cơ sở.",
    ),
    (
        "BK-TTG",
        "Bằng khen của Thủ tướng Chính phủ",
        "commendation",
        "individual",
        "state",
        "3.5",
        "",
    ),
    (
        "BK-TTG-TT",
        "Bằng khen của Thủ tướng Chính phủ (tập thể)",
        "commendation",
        "collective",
        "state",
        "7.0",
        "Mức cho tập thể gấp đôi cá nhân (chưa xác minh).",
    ),
]

UPPER = {"federation", "confederation", "state"}

BASE_SALARIES = [
    (1_490_000, datetime.date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, datetime.date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, datetime.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
]

# award code → [(code, name, max points, required, audience)]
CRITERIA = {
    "CDCS-VM": [
        (
            "1",
            "Công tác đại diện, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên "
            "và người lao động",
            "40",
            True,
            "all",
        ),
        ("2", "Công tác xây dựng tổ chức công đoàn vững mạnh", "40", True, "all"),
        ("3", "Công tác tuyên truyền, vận động và các nhiệm vụ khác", "15", False, "all"),
        ("4", "Điểm thưởng", "5", False, "all"),
    ],
    "LDTT": [
        ("1", "Hoàn thành tốt nhiệm vụ được giao", "40", True, "all"),
        (
            "2",
            "Chấp hành tốt chủ trương, chính sách, pháp luật; có đạo đức, lối sống lành mạnh",
            "30",
            True,
            "all",
        ),
        ("3", "Tích cực học tập chính trị, văn hóa, chuyên môn, nghiệp vụ", "15", False, "all"),
        ("4", "Tích cực tham gia phong trào thi đua và hoạt động công đoàn", "15", False, "all"),
        (
            "1",
            "Hoàn thành vượt mức khối lượng, chất lượng công việc, ca trực được giao",
            "40",
            True,
            "direct_worker",
        ),
        (
            "2",
            "Chấp hành nội quy, quy trình chuyên môn và an toàn, vệ sinh lao động",
            "30",
            True,
            "direct_worker",
        ),
        (
            "3",
            "Có cải tiến kỹ thuật, học tập nâng cao tay nghề",
            "15",
            False,
            "direct_worker",
        ),
        (
            "4",
            "Tham gia phong trào thi đua và hoạt động công đoàn",
            "15",
            False,
            "direct_worker",
        ),
    ],
}
MIN_SCORES = {"CDCS-VM": "90"}

# award code → [(kind, params)]
RULES = {
    "LDTT": [
        ("min_task_rating", {"rating": "good"}),
        ("employment_months", {"months": 6}),
        ("max_absence_days", {"max_days": 39}),
        ("no_discipline", {"min_level": "reprimand"}),
    ],
    "CSTDCS": [
        ("requires_award_same_year", {"award_code": "LDTT"}),
        ("requires_recognised_initiative", {"years_back": 1, "or_task_rating": "excellent"}),
        ("no_discipline", {"min_level": "reprimand"}),
        ("share_cap", {}),
    ],
    "TTLDTT": [
        ("collective_share", {"award_code": "LDTT", "min_share": "0.5", "strictly_more": True}),
        ("collective_no_discipline", {"min_level": "warning"}),
    ],
    "TTLDXS": [
        ("collective_share", {"task_rating": "completed", "min_share": "1"}),
        ("collective_share", {"award_code": "LDTT", "min_share": "0.7"}),
        ("collective_has_award", {"award_code": "CSTDCS", "min_count": 1}),
        ("collective_no_discipline", {"min_level": "reprimand"}),
    ],
}

# Bằng Lao động sáng tạo (2014 values).
BLDST_THRESHOLDS = [
    (
        "Công nhân, người lao động trình độ đến cao đẳng, không giữ chức vụ lãnh đạo "
        "(một giải pháp)",
        80_000_000,
        1,
    ),
    (
        "Công nhân, người lao động trình độ đến cao đẳng, không giữ chức vụ lãnh đạo "
        "(3 năm liên tục)",
        120_000_000,
        3,
    ),
    ("Người có trình độ đại học trở lên, không giữ chức vụ lãnh đạo", 150_000_000, 1),
    ("Cán bộ quản lý", 200_000_000, 1),
]

# Reference reward brackets for initiatives (benefit from, below, fixed reward, coefficient).
BRACKETS = [
    (0, 50_000_000, 1_000_000, None),
    (50_000_000, 100_000_000, None, "1.0"),
    (100_000_000, 500_000_000, None, "2.0"),
    (500_000_000, None, None, "3.0"),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    Criterion = apps.get_model("awards", "Criterion")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    BenefitThreshold = apps.get_model("awards", "BenefitThreshold")
    Bracket = apps.get_model("awards", "InitiativeRewardBracket")

    types = {}
    for order, (code, name, category, subject, level, coefficient, note) in enumerate(
        CATALOGUE, start=1
    ):
        upper_individual = level in UPPER and subject == "individual"
        parts = WITH_INITIATIVE if code in {"CSTDCS", "BLDST"} else FULL
        types[code], _created = AwardType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "subject": subject,
                "issuing_level": level,
                "amount_coefficient": Decimal(coefficient),
                "vote_threshold": Decimal("0.90") if upper_individual else Decimal("0.70"),
                "vote_base": "all" if upper_individual else "present",
                "quorum": Decimal("0.6667"),
                "secret_ballot": upper_individual,
                "min_score": Decimal(MIN_SCORES.get(code, "0")),
                "quota_limited": level in UPPER,
                "required_dossier_parts": parts,
                "simplified_parts": SIMPLIFIED,
                "share_cap": Decimal("0.15") if code == "CSTDCS" else None,
                "share_cap_base": "award:LDTT" if code == "CSTDCS" else "members",
                "description": note,
                "order": order * 10,
                "active": True,
                "search_key": search_key(f"{code} {name}"),
            },
        )
    for code, rows in CRITERIA.items():
        for order, (ccode, name, points, required, audience) in enumerate(rows, start=1):
            Criterion.objects.update_or_create(
                award_type=types[code],
                audience=audience,
                code=ccode,
                defaults={
                    "name": name,
                    "max_points": Decimal(points),
                    "required": required,
                    "order": order,
                },
            )
    for code, rules in RULES.items():
        if EligibilityRule.objects.filter(award_type=types[code]).exists():
            continue
        for order, (kind, params) in enumerate(rules, start=1):
            EligibilityRule.objects.create(
                award_type=types[code], kind=kind, params=params, order=order * 10
            )
    for amount, effective_from, note in BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            effective_from=effective_from, defaults={"amount": amount, "note": note}
        )
    for order, (group, minimum, years) in enumerate(BLDST_THRESHOLDS, start=1):
        BenefitThreshold.objects.update_or_create(
            award_type=types["BLDST"],
            group=group,
            defaults={"min_benefit": minimum, "over_years": years, "order": order},
        )
    if not Bracket.objects.exists():
        for low, high, amount, coefficient in BRACKETS:
            Bracket.objects.create(
                min_benefit=low,
                max_benefit=high,
                reward_amount=amount,
                reward_coefficient=Decimal(coefficient) if coefficient else None,
                note="Mức tham khảo",
            )


def unseed(apps, schema_editor):
    apps.get_model("awards", "InitiativeRewardBracket").objects.all().delete()
    apps.get_model("awards", "BaseSalary").objects.filter(
        effective_from__in=[row[1] for row in BASE_SALARIES]
    ).delete()
    apps.get_model("awards", "AwardType").objects.filter(
        code__in=[row[0] for row in CATALOGUE], records__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
