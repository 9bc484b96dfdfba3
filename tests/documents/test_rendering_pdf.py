"""Official documents rendered to PDF with ReportLab: text, page size, embedded fonts."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from thidua.documents.rendering.model import Kind
from thidua.documents.rendering.pdf import render_pdf
from thidua.documents.rendering.samples import (
    sample,
    sample_certificate,
    sample_decision,
    sample_minutes,
    sample_plan,
)

A4_PORTRAIT = (595, 842)
A4_LANDSCAPE = (842, 595)


def page_sizes(reader):
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}


def fonts_of(reader):
    """(base font, has embedded TrueType file) for every font the pages use."""
    found = {}
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"])] = embedded
    return found


def text_of(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_renders_an_a4_pdf_with_embedded_serif_fonts(kind):
    data = render_pdf(sample(kind))
    reader = PdfReader(io.BytesIO(data))
    expected = A4_LANDSCAPE if kind == Kind.CERTIFICATE else A4_PORTRAIT
    assert page_sizes(reader) == {expected}
    fonts = fonts_of(reader)
    assert fonts, "the PDF uses no font"
    assert all(embedded for embedded in fonts.values()), fonts
    assert all("LiberationSerif" in name for name in fonts), fonts
    text = text_of(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def test_plan_pdf_has_the_layout_texts_and_numbers_pages_from_two():
    data = render_pdf(sample_plan())
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    first, second = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    for expected in (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI",
        "CÔNG ĐOÀN NGÀNH Y TẾ",
        "Số: 36/KH-CĐN",
        "Đồng Nai, ngày 20 tháng 3 năm 2020",
        "KẾ HOẠCH",
    ):
        assert expected in first
    assert first.splitlines()[0] != "1"
    assert second.splitlines()[0].strip() == "2"
    text = text_of(data)
    assert "Nơi nhận:" in text and "- Lưu: CĐN." in text
    assert "TM. BAN THƯỜNG VỤ" in text and "Đàm Đức Chính" in text


def test_decision_pdf_annex_repeats_its_header_and_prints_the_total_in_words():
    data = render_pdf(sample_decision(60))
    reader = PdfReader(io.BytesIO(data))
    annex_pages = [p.extract_text() for p in reader.pages[1:]]
    assert len(annex_pages) >= 2
    assert all("Họ và tên" in page for page in annex_pages)
    text = text_of(data)
    assert "Nguyễn Thị Hồng" in text
    assert "Tổng cộng" in text and "42.600.000" in text
    assert "Bằng chữ: Bốn mươi hai triệu sáu trăm nghìn đồng." in text.replace("\n", " ")


def test_minutes_pdf_has_both_signatures():
    text = text_of(render_pdf(sample_minutes()))
    assert "THƯ KÝ" in text and "CHỦ TỊCH HỘI ĐỒNG" in text
    assert "KẾT QUẢ BỎ PHIẾU" in text


def test_certificate_pdf_is_one_landscape_page_with_the_recipient():
    data = render_pdf(sample_certificate())
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = text_of(data)
    assert "GIẤY KHEN" in text and "Bà Nguyễn Thị Hồng" in text
    assert "Mã xác thực: GK-7K3M-Q9XD" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_reads_the_vietnamese_back_exactly(tmp_path):
    path = tmp_path / "decision.pdf"
    path.write_bytes(render_pdf(sample_decision(12)))
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    text = result.stdout.decode("utf-8")
    # Every diacritic survives: the exact NFC strings come back.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Nguyễn Thị Hồng" in text
    assert "Đồng Nai, ngày 15 tháng 01 năm 2025" in text


def test_five_hundred_recipient_decision_renders_to_pdf():
    data = render_pdf(sample_decision(500))
    text = text_of(data)
    assert "\n500\n" in f"\n{text}\n".replace(" ", "\n")
    assert "355.000.000" in text
