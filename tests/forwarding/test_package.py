"""The dossier package: its contents, and importing it at an upper-level installation."""

import io
import json
import zipfile

import pytest

from tests.factories import make_org, user_with_role
from thidua.accounts.roles import Role
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput
from thidua.documents.models import Document
from thidua.documents.storage import read_blob, sha256_of
from thidua.forwarding import services
from thidua.forwarding.models import IncomingBatch, IncomingNomination
from thidua.organizations.models import OrgKind

NOMINEE_KEYS = {
    "ref",
    "collective",
    "full_name",
    "gender",
    "birth_year",
    "unit_name",
    "job_title",
    "award_type_code",
    "award_type_name",
    "year",
    "achievements",
    "score",
    "is_direct_worker",
    "documents",
}


@pytest.fixture
def batch(tree, people, nominated):
    return services.forward_nominations(
        by=people.nganh_thidua, org=tree.sector, nominations=[nominated(), nominated()]
    )


@pytest.fixture
def package(batch):
    """The package bytes, exported before the upper installation's store replaces this one."""
    return read_blob(batch.package_document.file)


def rewrite(data, change):
    """A copy of the ZIP ``data`` with ``change(name, content) -> content`` applied."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return out.getvalue()


@pytest.fixture
def upper(package, settings, tmp_path):
    """A fresh upper-level installation: its own tree, its own user and an empty file store."""
    settings.MEDIA_ROOT = tmp_path / "upper-media"
    tld = make_org(OrgKind.CONFEDERATION, code="TLD-X", name="Tổng Liên đoàn (bản cài khác)")
    federation = make_org(
        OrgKind.FEDERATION, tld, code="LDLD-X", name="Liên đoàn Lao động tỉnh (bản cài khác)"
    )
    officer = user_with_role(Role.SECTOR_OFFICER, federation, username="ldld.thidua")
    return federation, officer


def test_the_package_holds_every_dossier_document_and_the_ttr_with_checksums(batch, package):
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("nominations.json"))
        for entry in manifest["documents"]:
            assert sha256_of(archive.read(entry["path"])) == entry["sha256"]
            assert len(archive.read(entry["path"])) == entry["size"]
        attachment = manifest["attachments"][0]
        assert attachment["path"] == "nominations.json"
        assert attachment["sha256"] == sha256_of(archive.read("nominations.json"))
    assert manifest["documents"][0]["number_symbol"] == batch.submission_document.number_symbol
    # the TTr and two documents per nomination
    assert len(manifest["documents"]) == 5
    assert data["from_org"] == {"code": "CDN-YT", "name": batch.org.name}
    assert data["level"] == "federation" and data["year"] == batch.year
    assert len(data["nominations"]) == 2
    for item in data["nominations"]:
        assert set(item) == NOMINEE_KEYS
        assert len(item["documents"]) == 2


def test_the_package_carries_no_more_personal_data_than_the_dossier_needs(batch, package):
    item = batch.items.select_related("nomination__member").first()
    member = item.nomination.member
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        text = archive.read("nominations.json").decode("utf-8")
    row = next(r for r in json.loads(text)["nominations"] if r["ref"] == item.nomination_id)
    assert row["full_name"] == member.full_name
    assert row["birth_year"] == member.birth_date.year
    assert row["gender"] == member.gender and row["is_direct_worker"] is True
    assert row["job_title"] == "Điều dưỡng" and row["award_type_code"] == "BK-LDLD"
    assert member.phone and member.phone not in text
    assert member.birth_date.isoformat() not in text


def test_a_package_round_trips_into_a_fresh_installation_with_the_same_checksums(
    batch, package, upper
):
    federation, officer = upper
    data = package
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    incoming = services.import_package(data, by=officer, org=federation)
    assert incoming.from_org_code == "CDN-YT" and incoming.org == federation
    assert incoming.submission_number == batch.submission_document.number_symbol
    assert incoming.package_sha256 == sha256_of(data)
    documents = list(Document.objects.for_record(incoming).order_by("id"))
    assert [sha256_of(read_blob(d.file)) for d in documents] == [
        e["sha256"] for e in manifest["documents"]
    ]
    assert all(d.org == federation and d.origin == "received" for d in documents)
    sent = {i.nomination_id: i.nomination for i in batch.items.select_related("nomination")}
    rows = list(incoming.items.all())
    assert len(rows) == 2
    for row in rows:
        nomination = sent[row.source_id]
        assert row.full_name == nomination.member.full_name
        assert row.award_type_code == "BK-LDLD"
        assert row.score == nomination.score
        assert row.documents.count() == 2


def test_the_same_package_is_imported_once(package, upper):
    federation, officer = upper
    services.import_package(package, by=officer, org=federation)
    with pytest.raises(Conflict):
        services.import_package(package, by=officer, org=federation)
    assert IncomingBatch.objects.count() == 1


def _nothing_saved(federation):
    assert not IncomingBatch.objects.exists()
    assert not IncomingNomination.objects.exists()
    assert not Document.objects.filter(org=federation).exists()


def test_a_tampered_file_is_refused_and_nothing_is_saved(package, upper):
    federation, officer = upper

    def change(name, content):
        return content.replace(b"%%EOF", b"%%EOF\n% x") if name.startswith("files/") else content

    with pytest.raises(InvalidInput) as caught:
        services.import_package(rewrite(package, change), by=officer, org=federation)
    assert any(e["field"].endswith(".sha256") for e in caught.value.errors)
    _nothing_saved(federation)


def test_tampered_nominations_data_is_refused(package, upper):
    federation, officer = upper

    def change(name, content):
        return content.replace(b"BK-LDLD", b"BK-TTG") if name == "nominations.json" else content

    with pytest.raises(InvalidInput) as caught:
        services.import_package(rewrite(package, change), by=officer, org=federation)
    assert "nominations.json" in str(caught.value.detail)
    _nothing_saved(federation)


@pytest.mark.parametrize(
    "data",
    [b"", b"not a zip at all", "foreign"],
    ids=["empty", "not-a-zip", "foreign-zip"],
)
def test_a_foreign_file_is_refused_with_a_clear_message(upper, data):
    federation, officer = upper
    if data == "foreign":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        data = buffer.getvalue()
    with pytest.raises(InvalidInput) as caught:
        services.import_package(data, by=officer, org=federation)
    assert caught.value.errors and caught.value.errors[0]["field"] == "file"
    _nothing_saved(federation)


def test_a_viewer_does_not_import(package, upper):
    federation, _officer = upper
    viewer = user_with_role(Role.VIEWER, federation, username="ldld.xem")
    with pytest.raises(Forbidden):
        services.import_package(package, by=viewer, org=federation)
    _nothing_saved(federation)
