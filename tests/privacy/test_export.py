"""Exporting what thidua holds about a member: contents, who may, and the audit entry."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import verified_login
from tests.privacy.records import one_of_each
from thidua.core.exceptions import Forbidden
from thidua.core.models import AuditEntry
from thidua.privacy import access_log
from thidua.privacy.export_file import JSON_NAME, XLSX_NAME
from thidua.privacy.inventory import SOURCES, source
from thidua.privacy.models import Anonymisation
from thidua.privacy.services import export_member_data

pytestmark = pytest.mark.django_db


def _open(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == sorted([JSON_NAME, XLSX_NAME])
    document = json.loads(archive.read(JSON_NAME))
    workbook = load_workbook(io.BytesIO(archive.read(XLSX_NAME)))
    return document, workbook


def test_export_holds_one_record_of_every_inventory_source(tree, people):
    hong = people.hong
    hong.phone, hong.email = "0912345678", "hong@example.org"
    hong.save()
    one_of_each(hong, tree=tree, people=people)
    Anonymisation.objects.create(member=hong, by=people.nganh_admin, reason="Kiểm thử")
    name, data = export_member_data(member=hong, by=people.bvdk_thidua)
    assert name.startswith(f"du-lieu-ca-nhan-{hong.pk}-") and name.endswith(".zip")
    document, workbook = _open(data)
    sections = document["cac_muc"]
    assert set(sections) == {source.key for source in SOURCES}
    empty = [key for key, section in sections.items() if section["so_ban_ghi"] < 1]
    assert not empty
    record = sections["doan_vien"]["ban_ghi"][0]
    assert record["full_name"] == "Nguyễn Thị Hồng"
    assert record["phone"] == "0912345678"
    assert record["birth_date"] == hong.birth_date.isoformat()
    assert sections["quyet_dinh"]["ban_ghi"][0]["recipient_name"] == "Nguyễn Thị Hồng"
    account = sections["tai_khoan"]["ban_ghi"][0]
    assert account["username"] == "doanvien"
    assert "password" not in account
    assert all("key_hash" not in row for row in sections["ma_api"]["ban_ghi"])
    # The people's part: an overview with every kind of record and a sheet for each.
    overview = workbook.worksheets[0]
    listed = {row[0].value: row[1].value for row in overview.iter_rows(min_row=8) if row[0].value}
    assert set(listed) == {str(source.title) for source in SOURCES}
    assert len(workbook.worksheets) == 1 + len(SOURCES)
    assert overview["B2"].value == "Nguyễn Thị Hồng"


def test_export_of_a_member_with_no_other_records_lists_empty_sections(people):
    _name, data = export_member_data(member=people.child_doctor, by=people.bvnhi_thidua)
    document, workbook = _open(data)
    assert document["cac_muc"]["doan_vien"]["so_ban_ghi"] == 1
    assert document["cac_muc"]["khen_thuong"] == {
        "tieu_de": str(source("khen_thuong").title),
        "so_ban_ghi": 0,
        "ban_ghi": [],
    }
    assert len(workbook.worksheets) == 2  # the overview and the member record


def test_export_is_refused_to_a_viewer_who_sees_the_member(people):
    with pytest.raises(Forbidden):
        export_member_data(member=people.hong, by=people.ldld)


def test_export_is_audited_as_a_personal_data_access(people):
    export_member_data(member=people.hong, by=people.bvdk_thidua)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == people.bvdk_thidua
    assert entry.object_id == str(people.hong.pk)
    assert entry.after["access"] == access_log.EXPORTED_MEMBER_DATA
    assert entry.org_path == people.hong.org_path


def _get(client, user, member):
    verified_login(client, user)
    return client.get(reverse("privacy:member_export", args=[member.pk]))


def test_officer_of_the_unit_downloads_the_zip(client, people):
    response = _get(client, people.bvdk_thidua, people.hong)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    document, _workbook = _open(response.content)
    assert document["doan_vien"]["id"] == people.hong.pk


def test_officer_of_another_unit_gets_404(client, people):
    assert _get(client, people.bvnhi_thidua, people.hong).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exists()


def test_member_exports_their_own_data(client, people):
    response = _get(client, people.doanvien, people.hong)
    assert response.status_code == 200
    document, _workbook = _open(response.content)
    assert document["doan_vien"]["ho_ten"] == "Nguyễn Thị Hồng"


def test_member_cannot_export_another_member(client, people):
    assert _get(client, people.doanvien, people.nurse).status_code == 404


def test_viewer_of_the_sector_gets_403(client, people):
    assert _get(client, people.ldld, people.hong).status_code == 403


def test_member_page_shows_the_export_button_only_to_those_allowed(client, people):
    page = reverse("organizations:member_detail", args=[people.hong.pk])
    export = reverse("privacy:member_export", args=[people.hong.pk])
    verified_login(client, people.bvdk_thidua)
    assert export in client.get(page).content.decode()
    verified_login(client, people.doanvien)
    assert export in client.get(page).content.decode()
    verified_login(client, people.ldld)
    assert export not in client.get(page).content.decode()


def test_my_awards_page_links_to_my_data(client, people):
    verified_login(client, people.doanvien)
    page = client.get(reverse("decisions:my_awards")).content.decode()
    assert reverse("privacy:member_export", args=[people.hong.pk]) in page
