"""Official documents rendered to DOCX from the default templates, read back with python-docx."""

import io
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from thidua.documents.rendering.model import (
    Annex,
    Column,
    Heading,
    Kind,
    OfficialDocument,
    heading_for,
    on_behalf_of_standing_committee,
)
from thidua.documents.rendering.samples import (
    sample,
    sample_certificate,
    sample_decision,
    sample_minutes,
    sample_plan,
    sample_report,
    sample_submission,
)
from thidua.documents.rendering.word import render_docx

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def open_docx(data):
    return Document(io.BytesIO(data))


def paragraph_texts(doc):
    """Every paragraph of the body in order, table cells included."""
    texts = []
    for p in doc.element.body.iter(qn("w:p")):
        texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return texts


def paragraph_with(doc, text):
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text == text:
                        return p
    for p in doc.paragraphs:
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def is_bold(paragraph):
    runs = [r for r in paragraph.runs if r.text.strip()]
    return all(r.bold or (r.bold is None and paragraph.style.font.bold) for r in runs)


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_renders_without_leftover_template_tags(kind):
    data = render_docx(sample(kind))
    text = "\n".join(paragraph_texts(open_docx(data)))
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert NATIONAL in text and MOTTO in text


def test_plan_prints_the_headings_number_date_title_recipients_and_signature():
    doc = open_docx(render_docx(sample_plan()))
    texts = paragraph_texts(doc)
    header = doc.tables[0]
    assert [p.text for p in header.rows[0].cells[0].paragraphs if p.text] == [
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI",
        "CÔNG ĐOÀN NGÀNH Y TẾ",
    ]
    assert [p.text for p in header.rows[0].cells[1].paragraphs if p.text] == [NATIONAL, MOTTO]
    assert header.rows[1].cells[0].text == "Số: 36/KH-CĐN"
    assert header.rows[1].cells[1].text == "Đồng Nai, ngày 20 tháng 3 năm 2020"
    assert is_bold(paragraph_with(doc, "CÔNG ĐOÀN NGÀNH Y TẾ"))
    assert not is_bold(paragraph_with(doc, "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI"))
    assert is_bold(paragraph_with(doc, MOTTO))
    assert paragraph_with(doc, "Đồng Nai, ngày 20 tháng 3 năm 2020").style.font.italic
    title = paragraph_with(doc, "KẾ HOẠCH")
    assert is_bold(title) and title.alignment in (None, WD_ALIGN_PARAGRAPH.CENTER)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    subject = (
        "Về đổi mới công tác thi đua, khen thưởng trong công nhân, viên chức, lao động "
        "và hoạt động công đoàn ngành Y tế"
    )
    assert is_bold(paragraph_with(doc, subject))
    assert is_bold(paragraph_with(doc, "I. MỤC ĐÍCH, YÊU CẦU"))
    assert any(t.startswith("- 100% các Công đoàn cơ sở (CĐCS)") for t in texts)
    recipients = texts[texts.index("Nơi nhận:") + 1 : texts.index("Nơi nhận:") + 6]
    assert recipients == [
        "- Như trên (34 CĐCS);",
        "- Ban Thường vụ ĐU Sở Y tế;",
        "- Ban Thường vụ CĐN;",
        "- Website Sở Y tế;",
        "- Lưu: CĐN.",
    ]
    heading = paragraph_with(doc, "Nơi nhận:")
    assert heading.style.font.bold and heading.style.font.italic
    assert heading.style.font.size.pt == 12
    assert paragraph_with(doc, "- Lưu: CĐN.").style.font.size.pt == 11
    signature = doc.tables[-1].rows[0].cells[1]
    lines = [p.text for p in signature.paragraphs if p.text]
    assert lines == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Đàm Đức Chính"]
    assert is_bold(paragraph_with(doc, "Đàm Đức Chính"))
    # The bold inline part of a body paragraph keeps its own run.
    deadline = next(t for t in texts if "trước ngày 18/11/2020" in t)
    bold_runs = [r.text for p in doc.paragraphs if p.text == deadline for r in p.runs if r.bold]
    assert bold_runs == ["trước ngày 18/11/2020"]


def test_page_is_a4_with_the_decree_margins_and_numbers_from_page_two():
    doc = open_docx(render_docx(sample_plan()))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14


def test_decision_prints_preamble_articles_and_annex_with_total_and_reading_in_words():
    doc = open_docx(render_docx(sample_decision(12)))
    texts = paragraph_texts(doc)
    assert "QUYẾT ĐỊNH" in texts and "QUYẾT ĐỊNH:" in texts
    assert "BAN THƯỜNG VỤ CÔNG ĐOÀN NGÀNH Y TẾ ĐỒNG NAI" in texts
    assert texts.index("QUYẾT ĐỊNH") < texts.index("QUYẾT ĐỊNH:")
    preamble = [t for t in texts if t.startswith("Căn cứ")]
    assert len(preamble) == 3
    assert paragraph_with(doc, preamble[0]).style.font.italic
    articles = [p for p in doc.paragraphs if p.text.startswith("Điều ")]
    assert [p.text.split(" ", 2)[1] for p in articles] == ["1.", "2.", "3."]
    assert articles[0].runs[0].text == "Điều 1." and articles[0].runs[0].bold
    annex = doc.tables[-1]
    assert [c.text for c in annex.rows[0].cells] == [
        "TT",
        "Họ và tên",
        "Chức danh, đơn vị công tác",
        "Hình thức khen thưởng",
        "Số tiền (đồng)",
    ]
    assert len(annex.rows) == 1 + 12 + 1
    first = [c.text for c in annex.rows[1].cells]
    assert first[0] == "1" and first[1] == "Nguyễn Thị Hồng" and first[-1] == "710.000"
    money = annex.rows[1].cells[-1].paragraphs[0]
    assert money.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    total = annex.rows[-1]
    assert total.cells[0].text == "Tổng cộng" and total.cells[-1].text == "8.520.000"
    assert "Bằng chữ: Tám triệu năm trăm hai mươi nghìn đồng." in texts
    assert "(Kèm theo Quyết định số 15/QĐ-CĐN ngày 15/01/2025" in next(
        t for t in texts if t.startswith("(Kèm theo")
    )
    # The annex header row repeats on every page, and the annex starts on its own page.
    assert annex.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert paragraph_with(
        doc, "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN"
    ).paragraph_format.page_break_before


def test_draft_prints_dots_for_the_number_and_the_day():
    doc = open_docx(render_docx(sample_decision(3, number=None)))
    header = doc.tables[0]
    assert header.rows[1].cells[0].text == "Số: ....../QĐ-CĐN"
    assert header.rows[1].cells[1].text == "Đồng Nai, ngày ...... tháng ...... năm 2025"


def test_submission_prints_the_addressee_and_the_nominee_list_without_a_total():
    doc = open_docx(render_docx(sample_submission()))
    texts = paragraph_texts(doc)
    assert "TỜ TRÌNH" in texts
    assert "Kính gửi: Ban Thường vụ Công đoàn ngành Y tế Đồng Nai" in texts
    assert doc.tables[0].rows[0].cells[0].paragraphs[1].text == (
        "CÔNG ĐOÀN CƠ SỞ BỆNH VIỆN ĐA KHOA ĐỒNG NAI"
    )
    assert "Số: 08/TTr-CĐCS" in texts
    annex = doc.tables[-1]
    assert len(annex.rows) == 1 + 12
    assert "Tổng cộng" not in texts and not any(t.startswith("Bằng chữ") for t in texts)
    assert [p.text for p in doc.tables[-2].rows[0].cells[1].paragraphs if p.text] == [
        "TM. BAN CHẤP HÀNH",
        "CHỦ TỊCH",
        "Võ Minh Tuấn",
    ]


def test_minutes_print_the_vote_table_in_the_body_and_two_signatures():
    doc = open_docx(render_docx(sample_minutes()))
    texts = paragraph_texts(doc)
    assert "BIÊN BẢN" in texts and "Số: 02/BB-HĐTĐKT" in texts
    assert "KẾT QUẢ BỎ PHIẾU" in texts
    votes = doc.tables[1]
    assert len(votes.rows) == 13
    assert [c.text for c in votes.rows[11].cells][-3:] == ["6/9", "66,7", "Không đạt"]
    # The table sits before the closing paragraphs and the signatures.
    closing = next(t for t in texts if t.startswith("Cuộc họp kết thúc"))
    assert texts.index("KẾT QUẢ BỎ PHIẾU") < texts.index(closing)
    left, right = doc.tables[-1].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["THƯ KÝ", "Phạm Thị Thu Hà"]
    assert [p.text for p in right.paragraphs if p.text] == ["CHỦ TỊCH HỘI ĐỒNG", "Đàm Đức Chính"]
    assert "Nơi nhận:" not in texts


def test_report_signed_by_a_vice_chair_for_the_standing_committee():
    doc = open_docx(render_docx(sample_report()))
    texts = paragraph_texts(doc)
    assert "BÁO CÁO" in texts
    assert "Kính gửi: Ban Thường vụ Liên đoàn Lao động tỉnh Đồng Nai" in texts
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Thị Thu Hà"]
    assert texts[texts.index("Nơi nhận:") + 1 :][:3] == [
        "- Như trên;",
        "- Thường trực CĐN;",
        "- Lưu: VT, CĐN.",
    ]


def test_certificate_is_landscape_with_recipient_decision_and_qr_code():
    data = render_docx(sample_certificate("https://thidua.example.vn/xac-thuc/GK-7K3M-Q9XD"))
    doc = open_docx(data)
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    texts = paragraph_texts(doc)
    for expected in (
        "GIẤY KHEN",
        "BAN CHẤP HÀNH CÔNG ĐOÀN NGÀNH Y TẾ ĐỒNG NAI",
        "TẶNG",
        "Bà Nguyễn Thị Hồng",
        "Quyết định số 15/QĐ-CĐN ngày 15/01/2025",
        "Mã xác thực: GK-7K3M-Q9XD",
        "TM. BAN CHẤP HÀNH",
        "Đàm Đức Chính",
    ):
        assert expected in texts
    title = paragraph_with(doc, "GIẤY KHEN")
    assert title.style.font.size.pt >= 40 and title.style.font.color.rgb is not None
    assert paragraph_with(doc, "Bà Nguyễn Thị Hồng").style.font.size.pt >= 24
    assert len(doc.inline_shapes) == 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())


def test_five_hundred_recipient_decision_has_five_hundred_rows():
    doc = open_docx(render_docx(sample_decision(500)))
    annex = doc.tables[-1]
    assert len(annex.rows) == 1 + 500 + 1
    assert annex.rows[500].cells[0].text == "500"
    assert annex.rows[-1].cells[-1].text == "355.000.000"


def test_recipient_list_punctuation_and_two_digit_numbers():
    document = OfficialDocument(
        kind=Kind.REPORT,
        heading=Heading("Liên đoàn Lao động tỉnh Đồng Nai", "Công đoàn ngành Y tế"),
        symbol="CĐN",
        number=5,
        place="Đồng Nai",
        subject="Về kết quả tập huấn",
        recipients=("- Như trên;", "Thường trực CĐN."),
        signatures=(on_behalf_of_standing_committee("CHỦ TỊCH", "Đàm Đức Chính"),),
    )
    assert document.reference == "05/BC-CĐN"
    assert document.recipient_lines == ("- Như trên;", "- Thường trực CĐN.")


def test_annex_refuses_a_row_of_the_wrong_width():
    with pytest.raises(ValueError, match="row 2"):
        Annex(columns=(Column("Họ và tên"), Column("Số tiền", money=True)), rows=(("A", 1), ("B",)))


def test_heading_for_reads_the_unit_and_its_parent(tree):
    tree.sector.short_name = "Công đoàn ngành Y tế"
    tree.sector.save()
    assert heading_for(tree.sector) == Heading(
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI", "CÔNG ĐOÀN NGÀNH Y TẾ"
    )
    bvdk = type(tree.bvdk).objects.get(pk=tree.bvdk.pk)
    assert heading_for(bvdk) == Heading(
        "CÔNG ĐOÀN NGÀNH Y TẾ", "CÔNG ĐOÀN CƠ SỞ BỆNH VIỆN ĐA KHOA ĐỒNG NAI"
    )
