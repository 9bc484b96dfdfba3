"""Demo movements of the sector union CDN-YT, as the seed plan (36/KH-CĐN) names them.

Five were launched in 2026 with their numbered launch plans and plan slots in a realistic mix of
states (most units answered, one plan returned, some accepted, a few late or still missing); one,
"Xanh - Sạch - Đẹp", is a fresh draft for the demo journey (launching it shows the overlap warning).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from thidua.demo.seed import register
from thidua.demo.units import SECTOR_CODE
from thidua.documents.models import Document, DocumentStatus, DocumentType
from thidua.documents.numbering import format_number_symbol, series_for, take_next_number
from thidua.documents.storage import store_bytes
from thidua.movements.launch_document import official_document, subject_of
from thidua.movements.models import (
    Movement,
    MovementKind,
    MovementStatus,
    MovementTarget,
    PlanStatus,
    UnitPlan,
)
from thidua.organizations.models import EmployerType, OrgKind, OrgUnit

D = datetime.date
PUBLIC_SECTOR = [EmployerType.ADMINISTRATIVE, EmployerType.PUBLIC_SERVICE]
ENTERPRISES = [
    EmployerType.STATE_ENTERPRISE,
    EmployerType.PRIVATE_ENTERPRISE,
    EmployerType.FDI_ENTERPRISE,
]


@dataclass
class DemoMovement:
    title: str
    kind: str
    audience: list
    dates: tuple  # starts, ends, plans due, mid-term review, final review
    objectives: str
    content: str
    measures: str
    targets: list
    launched_on: datetime.date | None = None
    closed_review: str = ""
    plan_shares: dict = field(default_factory=dict)


COMMON_SCOPE = "Các Công đoàn cơ sở trực thuộc Công đoàn ngành Y tế Đồng Nai."
COMMON_MEASURES = (
    "- Công đoàn cơ sở xây dựng kế hoạch hưởng ứng, tổ chức phát động đến tổ công đoàn.\n"
    "- Phối hợp với thủ trưởng cơ quan, người sử dụng lao động tổ chức thực hiện.\n"
    "- Thường xuyên kiểm tra, phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến.\n"
    "- Định kỳ 6 tháng, năm sơ kết, tổng kết và báo cáo về Công đoàn ngành."
)

MOVEMENTS = [
    DemoMovement(
        title="Tham mưu giỏi, phục vụ tốt",
        kind=MovementKind.REGULAR,
        audience=PUBLIC_SECTOR,
        dates=(D(2026, 1, 15), D(2026, 12, 15), D(2026, 2, 28), D(2026, 6, 30), D(2026, 12, 20)),
        objectives=(
            "- Nâng cao chất lượng tham mưu, phục vụ của cán bộ, công chức, viên chức trong các "
            "cơ quan hành chính, đơn vị sự nghiệp y tế.\n"
            "- Gắn với Cuộc vận động “Cán bộ, công chức, viên chức nói không với tiêu cực” và "
            "thực hiện văn hóa công sở."
        ),
        content=(
            "- Hoàn thành tốt và xuất sắc nhiệm vụ chuyên môn được giao.\n"
            "- Cải cách thủ tục hành chính, nâng cao sự hài lòng của người bệnh.\n"
            "- Thực hiện tốt Quy tắc ứng xử của công chức, viên chức ngành Y tế."
        ),
        measures=COMMON_MEASURES,
        targets=[
            ("Công đoàn cơ sở xây dựng kế hoạch hưởng ứng", 100, "%"),
            ("Đoàn viên đăng ký thi đua", 90, "%"),
            ("Sáng kiến cải tiến được công nhận", 20, "sáng kiến"),
        ],
        launched_on=D(2026, 1, 15),
        plan_shares={"submitted": 0.55, "accepted": 0.25, "late": 0.1},
    ),
    DemoMovement(
        title="Lao động giỏi, Lao động sáng tạo",
        kind=MovementKind.REGULAR,
        audience=ENTERPRISES,
        dates=(D(2026, 2, 2), D(2026, 11, 30), D(2026, 3, 15), D(2026, 6, 30), D(2026, 12, 10)),
        objectives=(
            "- Động viên công nhân, lao động trong các doanh nghiệp dược, trang thiết bị y tế "
            "phát huy sáng kiến, cải tiến kỹ thuật, nâng cao năng suất lao động."
        ),
        content=(
            "- Thi đua hoàn thành vượt mức kế hoạch sản xuất, kinh doanh.\n"
            "- Phát huy sáng kiến, hợp lý hóa sản xuất, tiết kiệm vật tư, nguyên liệu."
        ),
        measures=COMMON_MEASURES,
        targets=[
            ("Sáng kiến, giải pháp có giá trị làm lợi", 15, "sáng kiến"),
            ("Người lao động trực tiếp được khen thưởng", 60, "%"),
        ],
        launched_on=D(2026, 2, 2),
        plan_shares={"submitted": 0.4, "accepted": 0.2},
    ),
    DemoMovement(
        title="Năng suất cao hơn, chất lượng tốt hơn",
        kind=MovementKind.REGULAR,
        audience=ENTERPRISES,
        dates=(D(2026, 3, 2), D(2026, 12, 31), D(2026, 4, 15), D(2026, 7, 15), D(2027, 1, 15)),
        objectives=(
            "- Nâng cao năng suất, chất lượng sản phẩm, dịch vụ; bảo đảm an toàn, vệ sinh lao "
            "động trong doanh nghiệp."
        ),
        content=(
            "- Thi đua tăng năng suất lao động, giảm tỷ lệ sản phẩm lỗi.\n"
            "- Bảo đảm an toàn, vệ sinh lao động, không để xảy ra tai nạn lao động nghiêm trọng."
        ),
        measures=COMMON_MEASURES,
        targets=[
            ("Tăng năng suất lao động so với năm 2025", 5, "%"),
            ("Doanh nghiệp không để xảy ra tai nạn lao động nghiêm trọng", 100, "%"),
        ],
        launched_on=D(2026, 3, 2),
        plan_shares={"submitted": 0.5},
    ),
    DemoMovement(
        title="Đổi mới, sáng tạo, hiệu quả trong hoạt động công đoàn",
        kind=MovementKind.REGULAR,
        audience=[],
        dates=(D(2026, 1, 5), D(2026, 10, 31), D(2026, 1, 31), D(2026, 6, 15), D(2026, 11, 15)),
        objectives=(
            "- Đổi mới nội dung, phương thức hoạt động công đoàn, hướng về cơ sở, lấy đoàn viên "
            "làm trung tâm.\n- Xây dựng tổ chức Công đoàn vững mạnh."
        ),
        content=(
            "- Đổi mới công tác tuyên truyền, tập hợp đoàn viên.\n"
            "- Ứng dụng công nghệ thông tin trong quản lý đoàn viên và công tác thi đua, khen "
            "thưởng."
        ),
        measures=COMMON_MEASURES,
        targets=[
            ("Công đoàn cơ sở đạt vững mạnh", 80, "%"),
            ("Cán bộ làm công tác thi đua được tập huấn", 100, "%"),
        ],
        launched_on=D(2026, 1, 5),
        closed_review=(
            "Phong trào được 100% Công đoàn cơ sở hưởng ứng; 28/34 đơn vị đạt vững mạnh; "
            "12 mô hình, cách làm hay được nhân rộng. Đề nghị khen thưởng 5 tập thể, 12 cá nhân."
        ),
        plan_shares={"submitted": 0.3, "accepted": 0.65},
    ),
    DemoMovement(
        title="Giỏi việc nước, Đảm việc nhà",
        kind=MovementKind.THEMATIC,
        audience=[],
        dates=(D(2026, 3, 8), D(2026, 10, 20), D(2026, 4, 10), D(2026, 7, 20), D(2026, 12, 10)),
        objectives=(
            "- Động viên nữ đoàn viên, CNVCLĐ phát huy vai trò, hoàn thành tốt nhiệm vụ chuyên "
            "môn và trách nhiệm gia đình."
        ),
        content=(
            "- Hoàn thành tốt nhiệm vụ được giao; học tập nâng cao trình độ.\n"
            "- Xây dựng gia đình no ấm, tiến bộ, hạnh phúc; nuôi dạy con ngoan, học giỏi."
        ),
        measures=COMMON_MEASURES,
        targets=[("Nữ đoàn viên đăng ký thi đua", 95, "%")],
        launched_on=D(2026, 3, 8),
        plan_shares={"submitted": 0.45, "accepted": 0.15, "late": 0.1},
    ),
    DemoMovement(
        title="Xanh - Sạch - Đẹp",
        kind=MovementKind.THEMATIC,
        audience=[],
        dates=(D(2026, 12, 15), D(2027, 12, 15), D(2027, 1, 15), D(2027, 6, 30), D(2027, 12, 20)),
        objectives=(
            "- Xây dựng cơ quan, đơn vị xanh - sạch - đẹp, giảm thiểu chất thải nhựa, góp phần "
            "bảo vệ môi trường, hướng tới sự hài lòng của người bệnh."
        ),
        content=(
            "- Không sử dụng sản phẩm nhựa dùng một lần trong cơ quan, đơn vị.\n"
            "- Phân loại chất thải y tế tại nguồn; trồng và chăm sóc cây xanh."
        ),
        measures=COMMON_MEASURES,
        targets=[
            ("Đơn vị không sử dụng sản phẩm nhựa dùng một lần", 100, "%"),
            ("Cây xanh trồng mới", 2000, "cây"),
        ],
    ),
]


def _audience(sector, spec):
    units = OrgUnit.objects.filter(
        active=True, kind=OrgKind.GRASSROOTS_UNION, path__startswith=sector.path
    ).order_by("path")
    if spec.audience:
        units = units.filter(employer_type__in=spec.audience)
    return list(units)


def _aware(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _plan_states(spec, units, demo):
    """A state per unit: BVDK and BVNHI first (the demo logins' journey), the rest drawn."""
    states = {}
    for unit in units:
        roll = demo.rng.random()
        shares = spec.plan_shares
        if roll < shares.get("accepted", 0):
            states[unit.code] = (PlanStatus.ACCEPTED, True)
        elif roll < shares.get("accepted", 0) + shares.get("submitted", 0):
            states[unit.code] = (PlanStatus.SUBMITTED, True)
        elif roll < sum(shares.values()):
            states[unit.code] = (PlanStatus.SUBMITTED, False)
        else:
            states[unit.code] = (PlanStatus.PENDING, None)
    if spec.title == "Tham mưu giỏi, phục vụ tốt":
        states["BVDK"] = (PlanStatus.ACCEPTED, True)
        states["BVNHI"] = (PlanStatus.RETURNED, True)
    elif spec.title == "Giỏi việc nước, Đảm việc nhà":
        states["BVDK"] = (PlanStatus.PENDING, None)
        states["BVNHI"] = (PlanStatus.SUBMITTED, True)
    return states


def _plans(movement, spec, units, demo, reviewer):
    due = movement.plan_due_on
    states = _plan_states(spec, units, demo)
    plans = []
    for unit in units:
        status, on_time = states[unit.code]
        plan = UnitPlan(movement=movement, org=unit, status=status)
        if status != PlanStatus.PENDING:
            offset = demo.rng.randint(1, 12)
            day = (
                due - datetime.timedelta(days=offset)
                if on_time
                else due + datetime.timedelta(days=offset)
            )
            plan.submitted_at = _aware(day, demo.rng.randint(8, 16))
            plan.on_time = on_time
            plan.summary = (
                f"{unit.name} triển khai phong trào “{movement.title}” đến 100% tổ công đoàn; "
                "tổ chức cho đoàn viên đăng ký thi đua; sơ kết 6 tháng và tổng kết năm."
            )
            plan.version = 2
        if status in (PlanStatus.ACCEPTED, PlanStatus.RETURNED):
            plan.reviewed_at = plan.submitted_at + datetime.timedelta(days=3)
            plan.reviewed_by = reviewer
            plan.version = 3
        if status == PlanStatus.RETURNED:
            plan.returned_reason = (
                "Kế hoạch chưa nêu chỉ tiêu cụ thể và thời gian sơ kết; đề nghị bổ sung và gửi lại."
            )
        plans.append(plan)
    UnitPlan.objects.bulk_create(plans)


def _launch_document(movement, units, signer):
    org = movement.org
    doc_type = DocumentType.objects.get(code="KH")
    issued_on = movement.launched_on
    number = take_next_number(org, issued_on.year, series_for(org, doc_type))
    document = Document(
        org=org,
        doc_type=doc_type,
        title=subject_of(movement),
        summary=movement.objectives,
        recipients="; ".join(u.name for u in units),
        status=DocumentStatus.ISSUED,
        number=number,
        year=issued_on.year,
        series=series_for(org, doc_type),
        number_symbol=format_number_symbol(number, doc_type, org),
        issued_on=issued_on,
        signer_name=signer.get_full_name() if signer else "",
        signer_title="CHỦ TỊCH",
        object_id=movement.pk,
    )
    from django.contrib.contenttypes.models import ContentType

    from thidua.documents.rendering.pdf import render_pdf

    document.content_type = ContentType.objects.get_for_model(Movement)
    pdf = render_pdf(official_document(movement, document, len(units)))
    document.file = store_bytes(pdf, "application/pdf")
    document.file_name = f"{document.number_symbol.replace('/', '-')}.pdf"
    document.save()
    return document


@register
def movements(demo):
    sector = demo.units[SECTOR_CODE]
    admin = demo.users.get("nganh.admin")
    officer = demo.users.get("nganh.thidua")
    with transaction.atomic():
        for spec in MOVEMENTS:
            starts, ends, plans_due, midterm, final = spec.dates
            movement = Movement.objects.create(
                org=sector,
                title=spec.title,
                kind=spec.kind,
                objectives=spec.objectives,
                scope=COMMON_SCOPE,
                participants="Cán bộ, đoàn viên, công nhân, viên chức, lao động trong ngành Y tế.",
                content=spec.content,
                measures=spec.measures,
                audience_employer_types=[str(t) for t in spec.audience],
                starts_on=starts,
                ends_on=ends,
                plan_due_on=plans_due,
                midterm_review_due_on=midterm,
                final_review_due_on=final,
                created_by=admin,
            )
            MovementTarget.objects.bulk_create(
                MovementTarget(movement=movement, position=i, name=n, target_value=v, unit=u)
                for i, (n, v, u) in enumerate(spec.targets)
            )
            if spec.launched_on is None:
                continue
            units = _audience(sector, spec)
            movement.status = MovementStatus.LAUNCHED
            movement.launched_on = spec.launched_on
            movement.launched_by = admin
            movement.version = 2
            movement.launch_document = _launch_document(movement, units, admin)
            if spec.closed_review:
                movement.status = MovementStatus.CLOSED
                movement.final_review_summary = spec.closed_review
                movement.reviewed_on = spec.dates[4] - datetime.timedelta(days=3)
                movement.version = 3
            movement.save()
            _plans(movement, spec, units, demo, officer)
        demo.note(
            f"{len(MOVEMENTS)} emulation movements of {SECTOR_CODE} "
            f"({sum(1 for s in MOVEMENTS if s.launched_on)} launched, one draft)"
        )
