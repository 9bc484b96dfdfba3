from tests.documents import samples
from thidua.documents.extraction import MAX_CHARS, extract_text
from thidua.documents.models import Document
from thidua.documents.uploads import DOCX, PDF, XLSX, check_file


def test_text_is_extracted_from_pdf_docx_xlsx_and_odt(make_document):
    pdf = make_document(data=samples.pdf_bytes("Bao cao tong ket phong trao"), file_name="a.pdf")
    docx = make_document(data=samples.docx_bytes("Khen thưởng Nguyễn Thị Hồng"), file_name="b.docx")
    xlsx = make_document(
        data=samples.xlsx_bytes([["Họ tên", "Đơn vị"], ["Lê Thị Mai", "BVNHI"]]), file_name="c.xlsx"
    )
    odt = make_document(data=samples.odt_bytes("Giấy mời hội nghị"), file_name="d.odt")
    assert "tong ket phong trao" in pdf.text
    assert "Nguyễn Thị Hồng" in docx.text
    assert "Lê Thị Mai" in xlsx.text and "BVNHI" in xlsx.text
    assert "Giấy mời hội nghị" in odt.text


def test_extracted_text_is_bounded():
    long_text = ["Dòng văn bản rất dài " * 50] * 400
    data = samples.docx_bytes(*long_text)
    assert len(extract_text(data, DOCX)) <= MAX_CHARS


def test_unreadable_text_does_not_fail_the_upload():
    checked = check_file(samples.pdf_bytes(), "a.pdf")
    assert extract_text(b"%PDF-1.4 broken", PDF) == ""
    assert extract_text(b"PK\x03\x04 broken", XLSX) == ""
    assert checked.kind is PDF


def test_search_ignores_diacritics_and_case_over_title_number_and_text(people, make_document):
    from thidua.documents import services

    plan = make_document(title="Kế hoạch thi đua chào mừng Đại hội", doc_type="KH")
    report = make_document(
        title="Báo cáo",
        doc_type="BC",
        data=samples.docx_bytes("Đoàn viên Nguyễn Thị Hồng được đề nghị khen thưởng"),
        file_name="bc.docx",
    )
    decision = services.issue_document(
        make_document(title="Quyết định", doc_type="QD"), by=people.bvdk_thidua
    )
    visible = Document.objects.visible_to(people.bvdk_thidua)
    assert list(visible.search("ke hoach THI DUA dai hoi")) == [plan]
    assert list(visible.search("nguyen thi hong")) == [report]
    assert list(visible.search("ĐOÀN VIÊN")) == [report]
    assert list(visible.search("01/qd-bvdk")) == [decision]
    assert visible.search("").count() == 3
