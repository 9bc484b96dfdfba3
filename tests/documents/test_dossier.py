import datetime
import io
import json
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.documents import samples
from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.documents import services
from thidua.documents.dossier import dossier_zip, import_dossier
from thidua.documents.models import Document, DocumentStatus, Origin
from thidua.documents.storage import read_blob


@pytest.fixture
def dossier_documents(people, make_document, tree):
    officer = people.bvdk_thidua
    submission = make_document(
        doc_type="TTR",
        title="Tờ trình đề nghị khen thưởng",
        data=samples.pdf_bytes("To trinh"),
        file_name="Tờ trình.pdf",
    )
    submission = services.issue_document(
        submission, by=officer, issued_on=datetime.date(2026, 3, 2)
    )
    report = make_document(
        doc_type="BC",
        title="Báo cáo thành tích",
        data=samples.docx_bytes("Thành tích xuất sắc"),
        file_name="Báo cáo.docx",
    )
    return [submission, report]


def read_manifest(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("manifest.json")), archive.namelist()


def test_dossier_holds_the_files_and_a_manifest(dossier_documents):
    data = dossier_zip(dossier_documents, title="Hồ sơ khen thưởng")
    manifest, names = read_manifest(data)
    assert manifest["format"] == "thidua-dossier" and manifest["title"] == "Hồ sơ khen thưởng"
    first = manifest["documents"][0]
    assert first["number_symbol"] == "01/TTr-BVDK"
    assert first["doc_type"] == "TTR" and first["issued_on"] == "2026-03-02"
    assert first["org_code"] == "BVDK" and first["file_name"] == "Tờ trình.pdf"
    assert (
        first["sha256"] == dossier_documents[0].file.sha256
        and first["size"] == dossier_documents[0].file.size
    )
    assert first["path"] in names


def test_round_trip_recreates_the_documents_with_the_same_content(tree, people, dossier_documents):
    data = dossier_zip(dossier_documents)
    created = import_dossier(data, org=tree.sector, by=people.nganh_thidua)
    assert len(created) == 2
    for original, copy in zip(dossier_documents, created, strict=True):
        assert copy.pk != original.pk
        assert copy.org == tree.sector and copy.origin == Origin.RECEIVED
        assert copy.file.sha256 == original.file.sha256
        assert read_blob(copy.file) == read_blob(original.file)
        assert (copy.title, copy.number_symbol, copy.file_name) == (
            original.title,
            original.number_symbol,
            original.file_name,
        )
        assert copy.doc_type == original.doc_type
        assert copy.text == original.text
    assert created[0].status == DocumentStatus.ISSUED and created[0].issued_on == datetime.date(
        2026, 3, 2
    )
    assert created[0].number is None  # not in the importing unit's series
    assert created[1].status == DocumentStatus.DRAFT


def test_dossier_of_a_linked_record(tree, people, make_document):
    record = tree.bvdk_group  # any model instance can be the record a document serves
    linked = make_document(data=samples.pdf_bytes("Linked"), file_name="a.pdf", record=record)
    make_document(data=samples.pdf_bytes("Other"), file_name="b.pdf")
    assert linked.content_type == ContentType.objects.get_for_model(record)
    manifest, _names = read_manifest(dossier_zip(record))
    assert [d["sha256"] for d in manifest["documents"]] == [linked.file.sha256]
    assert list(Document.objects.for_record(record)) == [linked]


def _rewrite(data, change):
    """A copy of the dossier ZIP with ``change(manifest, files)`` applied."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(files.pop("manifest.json"))
    change(manifest, files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        archive.writestr("manifest.json", json.dumps(manifest))
    return buffer.getvalue()


def _tamper_file(manifest, files):
    path = manifest["documents"][0]["path"]
    files[path] = files[path] + b"\n% changed"


def _lie_about_type(manifest, files):
    manifest["documents"][1]["doc_type"] = "KHONG-CO"


def _missing_file(manifest, files):
    del files[manifest["documents"][0]["path"]]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (_tamper_file, "documents[0].sha256"),
        (_lie_about_type, "documents[1].doc_type"),
        (_missing_file, "documents[0].path"),
    ],
)
def test_faulty_dossier_changes_nothing(tree, people, dossier_documents, change, field):
    data = _rewrite(dossier_zip(dossier_documents), change)
    before = Document.objects.count()
    with pytest.raises(InvalidInput) as exc:
        import_dossier(data, org=tree.sector, by=people.nganh_thidua)
    assert field in [e["field"] for e in exc.value.errors]
    assert Document.objects.count() == before


@pytest.mark.parametrize(
    "data", [b"", b"not a zip", samples.docx_bytes("x"), samples.zip_bomb_bytes()]
)
def test_what_is_not_a_dossier_is_refused(tree, people, data):
    with pytest.raises(InvalidInput):
        import_dossier(data, org=tree.sector, by=people.nganh_thidua)
    assert not Document.objects.exists()


def test_import_needs_the_right_to_add_documents(tree, people, dossier_documents):
    with pytest.raises(Forbidden):
        import_dossier(dossier_zip(dossier_documents), org=tree.bvnhi, by=people.bvdk_thidua)


def test_dossier_page_answers_a_zip(client, people, dossier_documents):
    client.force_login(people.bvdk_thidua)
    response = client.get(f"/documents/{dossier_documents[0].pk}/dossier.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    manifest, _names = read_manifest(response.content)
    assert manifest["documents"][0]["number_symbol"] == "01/TTr-BVDK"
