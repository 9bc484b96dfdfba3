"""The sector's annual report (BC): figures from the records, DOCX and PDF, numbering, access."""

import datetime
import io
from collections import Counter
from types import SimpleNamespace

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from tests.dashboard.records import award, nominate, quota
from tests.factories import MemberFactory, user_with_role, verified_login
from thidua.accounts.models import RoleAssignment
from thidua.accounts.roles import Role
from thidua.awards.models import IssuingLevel
from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.models import AuditEntry, Job
from thidua.core.text import date_line
from thidua.dashboard.annual_report import charts, tasks
from thidua.dashboard.annual_report.content import build_report
from thidua.dashboard.annual_report.figures import measure
from thidua.dashboard.annual_report.models import AnnualReport
from thidua.dashboard.annual_report.service import generate_annual_report
from thidua.dashboard.annual_report.tables import Table
from thidua.documents.models import Document, DocumentStatus
from thidua.documents.storage import read_blob
from thidua.exemplars.models import Exemplar
from thidua.movements.models import Movement, UnitPlan
from thidua.oversight.models import Inspection
from thidua.reporting.kpis import indicators

YEAR = 2025
DIRECTIONS = (
    "- Tiếp tục đẩy mạnh phong trào thi đua “Giỏi việc nước, Đảm việc nhà”.\nTăng cường kiểm tra."
)
LEVEL_NAMES = {
    IssuingLevel.GRASSROOTS: "Công đoàn cơ sở",
    IssuingLevel.FEDERATION: "Liên đoàn Lao động tỉnh",
    IssuingLevel.STATE: "Nhà nước",
}


def _movement(tree, people, title, *, closed):
    movement = Movement.objects.create(
        org=tree.sector,
        title=title,
        kind="thematic" if closed else "regular",
        starts_on=datetime.date(YEAR, 2, 1),
        ends_on=datetime.date(YEAR, 11, 30),
        plan_due_on=datetime.date(YEAR, 3, 1),
        final_review_due_on=datetime.date(YEAR, 12, 15),
        status="closed" if closed else "launched",
        launched_on=datetime.date(YEAR, 2, 1),
        final_review_summary="Tổng kết phong trào" if closed else "",
        created_by=people.nganh_admin,
    )
    return movement


@pytest.fixture
def world(tree, people):
    """Two movements, four plan slots, awards of three levels to direct workers, managers and a
    collective (one revoked, some in earlier years), nominations against a quota, exemplars and
    an inspection, all in ``YEAR``."""
    tree.sector.place = "Đồng Nai"
    tree.sector.save()
    first = _movement(tree, people, "Giỏi việc nước, Đảm việc nhà", closed=True)
    second = _movement(tree, people, "Lao động giỏi, lao động sáng tạo", closed=False)
    for movement, org, status, on_time in (
        (first, tree.bvdk, "submitted", True),
        (first, tree.bvnhi, "pending", None),
        (second, tree.bvdk, "accepted", False),
        (second, tree.bvnhi, "submitted", True),
    ):
        UnitPlan.objects.create(movement=movement, org=org, status=status, on_time=on_time)

    def worker(org, gender):
        return MemberFactory(org=org, gender=gender, is_direct_worker=True, is_manager=False)

    def manager(org, gender):
        return MemberFactory(org=org, gender=gender, is_direct_worker=False, is_manager=True)

    records = [
        award(worker(tree.bvdk, "female"), "LDTT", YEAR, 500_000),
        award(worker(tree.bvdk, "female"), "LDTT", YEAR, 500_000),
        award(worker(tree.bvnhi, "female"), "LDTT", YEAR, 500_000),
        award(manager(tree.bvdk, "male"), "CSTDCS", YEAR, 1_490_000),
        award(worker(tree.bvnhi, "male"), "BK-LDLD", YEAR, 2_000_000),
        award(None, "TTLDXS", YEAR, 3_000_000, org=tree.bvnhi),
    ]
    award(worker(tree.bvdk, "male"), "LDTT", YEAR, 500_000, revoked=True)
    for year, count in ((YEAR - 2, 2), (YEAR - 1, 4)):
        for _ in range(count):
            award(worker(tree.bvdk, "female"), "LDTT", year, 400_000)
    quota(tree.sector, tree.ldld, 2, year=YEAR)
    nominate(worker(tree.bvdk, "female"), tree.bvdk, year=YEAR)
    nominate(manager(tree.bvnhi, "male"), tree.bvnhi, year=YEAR)
    honored = Exemplar.objects.create(
        owner_org=tree.sector,
        member=people.nurse,
        source="field_visit",
        story="Tận tụy với người bệnh.",
        status="honored",
        honored_on=datetime.date(YEAR, 5, 1),
    )
    Exemplar.objects.filter(pk=honored.pk).update(
        created_at=datetime.datetime(YEAR, 3, 1, tzinfo=datetime.UTC)
    )
    Exemplar.objects.create(
        owner_org=tree.sector, member=people.hong, source="media", story="Sáng kiến cải tiến."
    )
    Inspection.objects.create(
        org=tree.bvdk,
        inspecting_org=tree.sector,
        planned_on=datetime.date(YEAR, 6, 1),
        held_on=datetime.date(YEAR, 6, 10),
        topic="emulation_commendation",
    )
    Inspection.objects.create(
        org=tree.bvnhi,
        inspecting_org=tree.sector,
        planned_on=datetime.date(YEAR, 9, 1),
        topic="emulation_commendation",
    )
    return SimpleNamespace(awards=records)


def _generate(tree, people, **overrides):
    fields = {
        "org": tree.sector,
        "year": YEAR,
        "by": people.nganh_thidua,
        "directions": DIRECTIONS,
        "signer_name": "Nguyễn Văn An",
    }
    fields.update(overrides)
    return generate_annual_report(**fields)


def _docx(report):
    return open_docx(io.BytesIO(read_blob(report.docx_file)))


def _pdf_text(report):
    reader = PdfReader(io.BytesIO(read_blob(report.pdf_file)))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text):
    return " ".join(text.split())


def test_figures_equal_the_records(tree, people, world):
    figures = measure(YEAR, tree.sector)
    awards = world.awards
    assert figures.awards == {
        "total": len(awards),
        "individual": sum(1 for a in awards if a.member_id),
        "collective": sum(1 for a in awards if not a.member_id),
    }
    levels = Counter(a.award_type.issuing_level for a in awards)
    amounts = Counter()
    for a in awards:
        amounts[a.award_type.issuing_level] += a.amount
    assert {r["key"]: (r["count"], r["amount"]) for r in figures.by_level} == {
        level: (count, amounts[level]) for level, count in levels.items()
    }
    individuals = [a for a in awards if a.member_id]
    workers = Counter("manager" if a.member.is_manager else "direct_worker" for a in individuals)
    assert {r["key"]: r["count"] for r in figures.by_worker} == dict(workers)
    assert {r["key"]: r["count"] for r in figures.by_gender} == dict(
        Counter(a.member.gender for a in individuals)
    )
    assert [r["count"] for r in figures.trend] == [0, 0, 2, 4, len(awards)]
    assert figures.movements == {"launched": 2, "thematic": 1, "closed": 1}
    assert figures.plans == {"total": 4, "done": 3, "timely": 2, "late": 1, "awaited": 1}
    assert figures.exemplars == {"found": 1, "honored": 1}
    assert figures.inspections == {"planned": 2, "held": 1}
    assert figures.overdue == {"plans": 1, "reports": 0}
    assert figures.kpis == indicators(YEAR, tree.sector)


def test_targets_are_judged_and_shortcomings_derived(tree, people, world):
    content = build_report(
        measure(YEAR, tree.sector),
        tree.sector,
        directions=DIRECTIONS,
        signer_name="Nguyễn Văn An",
        signer_title="Chủ tịch",
    )
    tables = [part for part in content.parts if isinstance(part, Table)]
    targets = next(t for t in tables if t.caption.startswith("Bảng 5"))
    verdicts = [row[-1] for row in targets.rows]
    # Plans 3/4, movements reviewed 1/2, 1 direct worker for 2 places, officers 0/1.
    assert verdicts == ["Chưa đạt", "Chưa đạt", "Chưa đạt", "Chưa đạt"]
    assert targets.rows[0][3] == "3/4 (75%)"
    assert targets.rows[2][3] == "1 người lao động trực tiếp (50% số đề nghị)"
    texts = [getattr(part, "text", "") for part in content.parts]
    shortcomings = texts[
        texts.index("V. TỒN TẠI, HẠN CHẾ") + 1 : texts.index("VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026")
    ]
    assert len(shortcomings) == 4 + 2  # four targets not met, one plan overdue, one plan late
    assert any("1 kế hoạch hưởng ứng phong trào thi đua chưa gửi" in line for line in shortcomings)
    assert texts[-2] == "Tăng cường kiểm tra."
    chart_parts = [part for part in content.parts if isinstance(part, charts.BarChart)]
    assert [c.caption[:11] for c in chart_parts] == ["Biểu đồ 1. ", "Biểu đồ 2. ", "Biểu đồ 3. "]


def test_report_is_issued_with_docx_and_pdf(tree, people, world):
    report = _generate(tree, people)
    document = report.document
    assert document.status == DocumentStatus.ISSUED
    assert document.doc_type.abbreviation == "BC"
    assert document.number_symbol == "01/BC-CĐN"
    assert document.file == report.pdf_file
    assert Document.objects.for_record(report).get() == document

    docx = _docx(report)
    paragraphs = [p.text for p in docx.paragraphs]
    header = [p.text for cell in docx.tables[0]._cells for p in cell.paragraphs]
    assert "Số: 01/BC-CĐN" in header
    issued = date_line("Đồng Nai", document.issued_on)
    assert issued in header
    assert "Kết quả công tác thi đua, khen thưởng năm 2025" in paragraphs
    tables = {t.rows[0].cells[0].text: t for t in docx.tables}
    levels = tables["Cấp khen thưởng"]
    rows = [[c.text for c in row.cells] for row in levels.rows]
    assert rows[0] == ["Cấp khen thưởng", "Số lượng", "Số tiền thưởng (đồng)"]
    assert ["Công đoàn cơ sở", "4", "2.990.000"] in rows
    assert ["Liên đoàn Lao động tỉnh", "1", "2.000.000"] in rows
    assert ["Nhà nước", "1", "3.000.000"] in rows
    assert rows[-1] == ["Tổng cộng", "6", "7.990.000"]
    workers = [[c.text for c in row.cells] for row in tables["Đối tượng"].rows]
    assert ["Người lao động trực tiếp", "4", "80%"] in workers
    assert ["Cán bộ quản lý", "1", "20%"] in workers
    assert len(docx.inline_shapes) == 3  # the three charts

    text = _flat(_pdf_text(report))
    assert "Số: 01/BC-CĐN" in text
    assert issued in text
    assert "Tổng số khen thưởng trong năm: 6 (cá nhân 5, tập thể 1)" in text
    assert "tổng số tiền thưởng: 7.990.000 đồng" in text
    assert "người lao động trực tiếp 4 (80%), cán bộ quản lý 1 (20%)" in text
    assert "Số điển hình tiên tiến được phát hiện: 1; được tôn vinh: 1." in text
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026" in text
    assert "Giỏi việc nước, Đảm việc nhà" in text
    assert "Chưa đạt" in text
    entry = AuditEntry.objects.get(content_type__model="annualreport", object_id=str(report.pk))
    assert entry.actor == people.nganh_thidua


def test_numbering_increments_and_never_repeats(tree, people, world):
    first = _generate(tree, people)
    second = _generate(tree, people, year=YEAR - 1, by=people.nganh_admin)
    assert (first.document.number, second.document.number) == (1, 2)
    assert second.document.number_symbol == "02/BC-CĐN"
    assert "Số: 02/BC-CĐN" in _pdf_text(second)
    numbers = list(Document.objects.filter(org=tree.sector).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("who", ["bvdk_thidua", "bvdk_chutich", "doanvien", "ldld", "hoidong"])
def test_other_roles_may_not_generate(tree, people, world, who):
    with pytest.raises(Forbidden):
        _generate(tree, people, by=getattr(people, who))
    assert not AnnualReport.objects.exists()
    assert not Document.objects.exists()


def test_sector_roles_above_or_below_the_unit_may_not_generate(tree, people, world):
    above = user_with_role(Role.SECTOR_OFFICER, tree.ldld, username="ldld.thidua")
    with pytest.raises(Forbidden):
        _generate(tree, people, by=above)
    with pytest.raises(Forbidden):
        _generate(tree, people, org=tree.bvdk, by=people.nganh_admin)
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": 1999}, "year"),
        ({"year": 2027}, "year"),
        ({"year": "2025"}, "year"),
        ({"directions": "   "}, "directions"),
        ({"directions": "x" * 10_001}, "directions"),
        ({"signer_name": "  "}, "signer_name"),
        ({"signer_name": "A" * 201}, "signer_name"),
        ({"signer_title": "A" * 201}, "signer_title"),
    ],
)
def test_bad_input_is_refused_and_creates_nothing(tree, people, changes, field):
    with pytest.raises(InvalidInput) as refused:
        _generate(tree, people, today=datetime.date(2026, 11, 24), **changes)
    assert refused.value.errors[0]["field"] == field
    assert not Document.objects.exists()


def _page(client, user, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return verified_login(client, user).get(f"/dashboard/annual-report/?{query}")


def test_page_issues_the_report_and_lists_its_downloads(client, tree, people, world):
    dashboard = verified_login(client, people.nganh_thidua).get(f"/dashboard/?year={YEAR}")
    assert b'data-testid="annual-report-link"' in dashboard.content
    url = f"/dashboard/annual-report/?org={tree.sector.pk}&year={YEAR}"
    response = client.post(
        url,
        {
            "year": YEAR,
            "directions": DIRECTIONS,
            "signer_name": "Nguyễn Văn An",
            "signer_title": "",
        },
    )
    job = Job.objects.get(kind="annual_report")
    assert response.status_code == 302 and response.url.endswith(f"/{job.pk}/")
    assert (job.status, job.done, job.total) == (Job.Status.SUCCEEDED, 5, 5)
    report = AnnualReport.objects.get()
    assert job.result["redirect"] == url
    assert report.document.signer_title == "Chủ tịch"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert report.document.number_symbol in page
    assert f"năm {YEAR}" in page and "2.025" not in page
    docx = client.get(f"/dashboard/annual-report/{report.pk}.docx")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(docx.streaming_content) == read_blob(report.docx_file)
    pdf = client.get(f"/dashboard/annual-report/{report.pk}.pdf")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(f"/dashboard/annual-report/{report.pk}.xlsx").status_code == 404


def test_viewer_above_downloads_but_grassroots_users_do_not(client, tree, people, world):
    report = _generate(tree, people)
    viewer = verified_login(client, people.ldld).get(f"/dashboard/annual-report/{report.pk}.pdf")
    assert viewer.status_code == 200
    for user in (people.bvdk_thidua, people.doanvien):
        response = verified_login(client, user).get(f"/dashboard/annual-report/{report.pk}.docx")
        assert response.status_code == 404


def test_page_refuses_grassroots_users_members_and_anonymous(client, tree, people):
    # The sector is outside a grassroots user's reach (404); their own union is refused (403).
    assert _page(client, people.bvdk_thidua, org=tree.sector.pk).status_code == 404
    assert _page(client, people.bvdk_thidua).status_code == 403
    assert _page(client, people.bvdk_chutich).status_code == 403
    assert _page(client, people.doanvien).status_code == 403
    response = verified_login(client, people.bvdk_thidua).post(
        f"/dashboard/annual-report/?org={tree.bvdk.pk}",
        {"year": YEAR, "directions": DIRECTIONS, "signer_name": "A"},
    )
    assert response.status_code == 403
    dashboard = verified_login(client, people.bvdk_thidua).get("/dashboard/")
    assert b"annual-report-link" not in dashboard.content
    client.logout()
    anonymous = client.get("/dashboard/annual-report/")
    assert anonymous.status_code == 302
    assert "/login" in anonymous["Location"] or "next=" in anonymous["Location"]
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"year": "1999"}, "year", "Năm báo cáo phải từ 2000 đến"),
        ({"year": "abc"}, "year", "Nhập năm, ví dụ 2026."),
        ({"directions": "  "}, "directions", "Hãy viết phương hướng, nhiệm vụ năm tới."),
    ],
)
def test_form_errors_are_in_vietnamese_and_create_nothing(
    client, tree, people, data, field, message
):
    fields = {"year": YEAR, "directions": DIRECTIONS, "signer_name": "Nguyễn Văn An"}
    fields.update(data)
    client = verified_login(client, people.nganh_admin)
    response = client.post(
        f"/dashboard/annual-report/?org={tree.sector.pk}", fields, HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 422
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Document.objects.exists()
    assert not Job.objects.exists()


def test_job_of_a_user_no_longer_allowed_fails_and_issues_nothing(tree, people, world):
    fields = {"year": YEAR, "directions": DIRECTIONS, "signer_name": "A", "signer_title": ""}
    job = tasks.start(org=tree.sector, by=people.nganh_thidua, fields=fields, language="vi")
    assert Job.objects.get(pk=job.pk).status == Job.Status.SUCCEEDED
    RoleAssignment.objects.filter(user=people.nganh_admin).delete()
    people.nganh_admin.__dict__.pop("role_assignments", None)
    job = tasks.start(org=tree.sector, by=people.nganh_admin, fields=fields, language="vi")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.errors == [{"message": "Bạn không có quyền thực hiện thao tác này."}]
    assert AnnualReport.objects.count() == Document.objects.count() == 1


def test_chart_png_and_drawing_share_the_layout():
    chart = charts.BarChart("Biểu đồ", (charts.Bar("Người lao động trực tiếp", 4, "80%"),))
    png = charts.png(chart)
    assert png.startswith(b"\x89PNG")
    drawing = charts.drawing(chart)
    assert (drawing.width, drawing.height) == charts.size(chart)


def test_a_chart_without_bars_says_there_are_no_figures():
    chart = charts.BarChart("Biểu đồ 1. Số khen thưởng theo cấp khen thưởng", ())
    boxes, texts, axis = charts.shapes(chart)
    assert boxes == [] and axis is None
    assert [text.text for text in texts] == ["Chưa có số liệu."]
    assert charts.png(chart).startswith(b"\x89PNG")
    strings = [item.text for item in charts.drawing(chart).contents if hasattr(item, "text")]
    assert strings == ["Chưa có số liệu."]
