"""``manage.py backup`` and ``manage.py restore``: a round trip of the demo into a new database.

The restore target is a brand-new database with no tables at all (a second connection alias), so
the round trip proves that an empty installation is rebuilt, migrations included. It runs on
SQLite and PostgreSQL alike (whichever ``DATABASE_URL`` the suite uses).
"""

import copy
import datetime
import hashlib
import io
import json
import tarfile

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

from tests.factories import MemberFactory, make_org
from thidua.core.backup.manifest import ExactJSONEncoder
from thidua.core.backup.media import stored_names
from thidua.core.backup.tables import dumped_models, label
from thidua.documents.models import StoredFile
from thidua.documents.storage import store_bytes
from thidua.organizations.models import Member, OrgKind, OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)

TARGET = "restore_target"


@pytest.fixture
def empty_database(tmp_path):
    """The alias of a new database without any table, dropped afterwards."""
    source = connections["default"]
    config = copy.deepcopy(source.settings_dict)
    if source.vendor == "postgresql":
        config["NAME"] = f"{source.settings_dict['NAME']}_restored"
        # A scratch database: no need to wait for the disk at each migration's commit.
        options = f"{config['OPTIONS'].get('options', '')} -c synchronous_commit=off".strip()
        config["OPTIONS"] = {**config["OPTIONS"], "options": options}
        with source.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    else:
        config["NAME"] = str(tmp_path / "restored.sqlite3")
    # Built by hand rather than declared in settings: the test case allows such connections.
    connections[TARGET] = load_backend(config["ENGINE"]).DatabaseWrapper(config, TARGET)
    yield TARGET
    connections[TARGET].close()
    del connections[TARGET]
    if source.vendor == "postgresql":
        with source.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')


@pytest.fixture
def restored_media(tmp_path):
    """A new, empty directory for the target's storage (tests point ``MEDIA_ROOT`` at it)."""
    return FileSystemStorage(location=tmp_path / "restored-media")


def table_digests(using):
    """Rows and a SHA-256 of the serialised rows (by primary key) of every model in ``using``."""
    digests = {}
    for model in dumped_models():
        rows = model._base_manager.using(using).order_by("pk")
        text = serializers.serialize("json", rows, cls=ExactJSONEncoder)
        digests[label(model)] = (rows.count(), hashlib.sha256(text.encode()).hexdigest())
    return digests


def file_digests(storage):
    digests = {}
    for name in stored_names(storage):
        with storage.open(name, "rb") as handle:
            digests[name] = hashlib.sha256(handle.read()).hexdigest()
    return digests


def small_dataset():
    sector = make_org(OrgKind.SECTOR_UNION, code="CDN-YT", name="Công đoàn ngành Y tế")
    unit = make_org(parent=sector, code="BVDK", name="Công đoàn Bệnh viện Đa khoa")
    MemberFactory.create_batch(3, org=unit)
    store_bytes(b"%PDF-1.7 bao cao", "application/pdf")


def test_round_trip_of_the_demo_into_an_empty_installation(
    tmp_path, settings, empty_database, restored_media
):
    call_command("seed_demo", verbosity=0)
    store_bytes("Biên bản họp Hội đồng thi đua".encode(), "text/plain")
    binary = store_bytes(bytes(range(256)) * 64, "application/octet-stream")
    # A timestamp below the millisecond, which Django's own JSON encoder would round away.
    instant = datetime.datetime(2026, 11, 24, 1, 2, 3, 456, tzinfo=datetime.UTC)
    StoredFile.objects.filter(pk=binary.pk).update(created_at=instant)
    source_files = file_digests(FileSystemStorage(location=settings.MEDIA_ROOT))
    source_tables = table_digests("default")
    archive = tmp_path / "thidua.tar.gz"

    call_command("backup", output=str(archive), verbosity=0)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database_vendor"] == connections["default"].vendor
    assert {e["label"]: e["rows"] for e in manifest["models"]} == {
        model: rows for model, (rows, _digest) in source_tables.items()
    }
    assert manifest["files"] == len(source_files) >= 2

    settings.MEDIA_ROOT = restored_media.location
    call_command("restore", str(archive), database=empty_database, verbosity=0)

    assert table_digests(empty_database) == source_tables
    assert source_tables["organizations.member"][0] > 1000
    assert file_digests(restored_media) == source_files
    assert StoredFile.objects.using(empty_database).get(pk=binary.pk).created_at == instant
    # The sequences continue after the restored keys: a new unit gets a fresh primary key.
    highest = OrgUnit.objects.using(empty_database).order_by("-pk").first()
    added = OrgUnit.objects.using(empty_database).create(
        code="MOI", name="Đơn vị mới", kind=OrgKind.GRASSROOTS_UNION, path="ZZZZ", depth=1
    )
    assert added.pk > highest.pk


def test_a_tampered_archive_is_refused_before_anything_is_written(
    tmp_path, settings, empty_database, restored_media
):
    small_dataset()
    archive = tmp_path / "thidua.tar"
    call_command("backup", output=str(archive), verbosity=0)
    settings.MEDIA_ROOT = restored_media.location
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("organizations.member.jsonl"))
    with open(archive, "r+b") as handle:
        handle.seek(member.offset_data + member.size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0x01]))

    with pytest.raises(CommandError, match="không khớp mã kiểm tra"):
        call_command("restore", str(archive), database=empty_database, verbosity=0)

    assert connections[empty_database].introspection.table_names() == []
    assert stored_names(restored_media) == []


def test_a_database_holding_data_is_refused(tmp_path, settings, restored_media):
    small_dataset()
    archive = tmp_path / "thidua.tar"
    call_command("backup", output=str(archive), verbosity=0)
    settings.MEDIA_ROOT = restored_media.location
    before = table_digests("default")

    with pytest.raises(CommandError, match="Cơ sở dữ liệu không trống"):
        call_command("restore", str(archive), verbosity=0)

    assert table_digests("default") == before
    assert Member.objects.count() == 3
    assert stored_names(restored_media) == []


def test_an_archive_that_is_no_tar_is_refused(tmp_path):
    path = tmp_path / "thidua.tar"
    path.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="không phải là tệp sao lưu"):
        call_command("restore", str(path), verbosity=0)


def rewrite_manifest(archive, change):
    """Rewrite ``archive`` with ``change(manifest)`` applied and a matching manifest checksum,
    as a well-formed archive with that content would be."""
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    members["manifest.json.sha256"] = hashlib.sha256(members["manifest.json"]).hexdigest().encode()
    with tarfile.open(archive, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@pytest.fixture
def small_archive(tmp_path):
    small_dataset()
    archive = tmp_path / "thidua.tar"
    call_command("backup", output=str(archive), verbosity=0)
    return archive


def test_an_archive_of_a_newer_version_is_refused_with_the_version_to_use(
    small_archive, empty_database
):
    def newer(manifest):
        manifest["thidua_version"] = "9.0.0"
        manifest["migrations"]["reporting"].append("0099_future")

    rewrite_manifest(small_archive, newer)

    with pytest.raises(CommandError, match=r"mới hơn \(9\.0\.0, migration reporting\.0099_future"):
        call_command("restore", str(small_archive), database=empty_database, verbosity=0)
    assert connections[empty_database].introspection.table_names() == []


def test_a_row_count_that_differs_from_the_data_is_refused(small_archive, empty_database):
    def one_more_member(manifest):
        entry = next(e for e in manifest["models"] if e["label"] == "organizations.member")
        entry["rows"] += 1

    rewrite_manifest(small_archive, one_more_member)

    with pytest.raises(CommandError, match="không có đúng số dòng"):
        call_command("restore", str(small_archive), database=empty_database, verbosity=0)
    assert connections[empty_database].introspection.table_names() == []


def test_an_edited_manifest_is_refused(small_archive, empty_database):
    with tarfile.open(small_archive) as tar:
        member = tar.getmember("manifest.json")
    with open(small_archive, "r+b") as handle:
        handle.seek(member.offset_data + 1)
        handle.write(b" ")

    with pytest.raises(CommandError, match="Tệp kê khai không khớp mã kiểm tra"):
        call_command("restore", str(small_archive), database=empty_database, verbosity=0)


def test_a_different_file_under_an_archived_name_is_refused(
    small_archive, settings, empty_database, restored_media
):
    settings.MEDIA_ROOT = restored_media.location
    name = stored_names(FileSystemStorage(location=small_archive.parent / "media"))[0]
    restored_media.save(name, ContentFile(b"other content"))

    with pytest.raises(CommandError, match="đã có một tệp"):
        call_command("restore", str(small_archive), database=empty_database, verbosity=0)
    assert connections[empty_database].introspection.table_names() == []
    assert stored_names(restored_media) == [name]


@pytest.mark.django_db(transaction=False)
def test_a_backup_inside_a_transaction_is_refused(tmp_path):
    with pytest.raises(CommandError, match="bên trong một giao dịch khác"):
        call_command("backup", output=str(tmp_path / "thidua.tar"), verbosity=0)
    assert not (tmp_path / "thidua.tar").exists()
    assert not (tmp_path / "thidua.tar.partial").exists()


@pytest.mark.django_db(transaction=False)
def test_a_database_lacking_a_migration_is_not_backed_up(tmp_path):
    MigrationRecorder(connections["default"]).record_unapplied("reporting", "0001_initial")

    with pytest.raises(CommandError, match=r"chưa áp dụng migration reporting\.0001_initial"):
        call_command("backup", output=str(tmp_path / "thidua.tar"), verbosity=0)
