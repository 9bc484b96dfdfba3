import pytest
from django.core.files.storage import default_storage
from django.utils import translation

from tests.documents import samples
from thidua.core.exceptions import InvalidInput
from thidua.documents import services, uploads
from thidua.documents.models import Document, StoredFile


def refused(make_document, data, name):
    """Upload ``data`` and return the refusal's message (in English, the msgid language)."""
    with translation.override("en"), pytest.raises(InvalidInput) as exc:
        make_document(data=data, file_name=name)
    assert not Document.objects.exists()
    assert not StoredFile.objects.exists()
    assert not default_storage.exists("blobs")
    assert exc.value.errors[0]["field"] == "file"
    return str(exc.value.detail)


def test_empty_file_is_refused(make_document):
    assert "empty" in refused(make_document, b"", "trong.pdf")


def test_file_over_the_limit_is_refused_with_413(make_document, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(uploads.FileTooLarge) as exc:
        make_document(data=samples.pdf_bytes() + b"\n" * 1000, file_name="lon.pdf")
    assert exc.value.status == 413
    assert not StoredFile.objects.exists()


def test_name_that_lies_about_the_content_is_refused(make_document):
    message = refused(make_document, samples.docx_bytes("Báo cáo"), "bao-cao.pdf")
    assert ".pdf" in message and "Word" in message


def test_unknown_content_is_refused(make_document):
    refused(make_document, b"MZ\x90\x00 this is a program", "ke-hoach.pdf")
    refused(make_document, b"just some text", "ghi-chu.txt")


def test_password_protected_pdf_is_refused(make_document):
    assert "password" in refused(make_document, samples.encrypted_pdf_bytes(), "mat.pdf")


def test_broken_pdf_is_refused(make_document):
    refused(make_document, b"%PDF-1.7\n garbage without objects", "hong.pdf")


def test_zip_bomb_is_refused(make_document):
    assert "zip bomb" in refused(make_document, samples.zip_bomb_bytes(), "bom.docx")


def test_archive_with_too_many_entries_is_refused(make_document):
    assert "too many" in refused(make_document, samples.many_entries_zip(), "nhieu.docx")


def test_ole_file_that_is_not_word_or_excel_is_refused(make_document):
    refused(make_document, uploads.OLE_MAGIC + b"\0" * 600, "cu.doc")


@pytest.mark.parametrize(
    ("maker", "name", "code"),
    [
        (lambda: samples.pdf_bytes(), "a.pdf", "pdf"),
        (lambda: samples.docx_bytes("x"), "a.docx", "docx"),
        (lambda: samples.xlsx_bytes([["x"]]), "a.xlsx", "xlsx"),
        (lambda: samples.odt_bytes("x"), "a.odt", "odt"),
        (lambda: samples.png_bytes(), "a.png", "png"),
        (lambda: b"\xff\xd8\xff\xe0" + b"\0" * 100, "a.jpeg", "jpg"),
    ],
)
def test_type_comes_from_the_content(maker, name, code):
    checked = uploads.check_file(maker(), name)
    assert checked.kind.code == code
    # A name without extension gets the real one.
    assert uploads.check_file(maker(), "tai-lieu").name.endswith(checked.kind.extension)


def test_content_type_is_recorded_from_the_content(make_document):
    document = make_document(data=samples.docx_bytes("Kế hoạch"), file_name="ke-hoach")
    assert document.file.content_type == uploads.DOCX.content_type
    assert document.file_name == "ke-hoach.docx"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("C:\\Users\\hong\\Kế hoạch thi đua.pdf", "Kế hoạch thi đua.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("Quyết\x00định\x1f 12.pdf", "Quyếtđịnh 12.pdf"),
        ("Ho\u0300a.pdf", "Hòa.pdf"),
        ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
        ("  .hidden.pdf ", "hidden.pdf"),
    ],
)
def test_file_names_are_sanitised(raw, clean):
    assert uploads.sanitize_filename(raw) == clean


def test_same_content_is_stored_once(make_document):
    data = samples.pdf_bytes("Bao cao")
    first = make_document(data=data, file_name="a.pdf")
    second = make_document(data=data, file_name="b.pdf")
    assert first.file_id == second.file_id
    assert StoredFile.objects.count() == 1
    sha = first.file.sha256
    assert first.file.storage_path == f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"
    assert default_storage.exists(first.file.storage_path)
    assert (first.file_name, second.file_name) == ("a.pdf", "b.pdf")


def test_upload_outside_reach_is_forbidden(tree, people, make_document):
    from thidua.core.exceptions import Forbidden

    with pytest.raises(Forbidden):
        services.create_document(
            org=tree.bvdk,
            by=people.bvnhi_thidua,
            doc_type="KH",
            title="x",
            data=samples.pdf_bytes(),
            file_name="x.pdf",
        )
    assert not StoredFile.objects.exists()


def test_refusals_are_translated_to_vietnamese(make_document):
    with translation.override("vi"), pytest.raises(InvalidInput) as exc:
        make_document(data=b"", file_name="trong.pdf")
    assert str(exc.value.detail) == "Tệp rỗng."
