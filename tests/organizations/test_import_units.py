"""Importing union units from .xlsx: whole subtrees at once, the tree's rules, all or nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.models import AuditEntry, Job
from thidua.organizations.exports import unit_template
from thidua.organizations.imports import import_units
from thidua.organizations.models import OrgKind, OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted as their English msgids, whatever the Vietnamese catalogue holds."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


HEADER = [
    "Mã đơn vị*",
    "Tên đơn vị*",
    "Loại*",
    "Mã đơn vị cấp trên*",
    "Loại hình đơn vị sử dụng lao động",
    "Ký hiệu văn bản",
    "Địa danh",
    "Địa chỉ",
    "Email",
    "Điện thoại",
]


def unit(code, name, kind, parent, employer="", **extra):
    return [
        code,
        name,
        kind,
        parent,
        employer,
        extra.get("symbol", ""),
        extra.get("place", "Biên Hòa"),
        extra.get("address", ""),
        extra.get("email", ""),
        extra.get("phone", ""),
    ]


def xlsx(*rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "don-vi.xlsx"
    return buffer


def subtree():
    return xlsx(
        unit(
            "TTYT-BH",
            "Công đoàn cơ sở Trung tâm Y tế Biên Hòa",
            "Công đoàn cơ sở",
            "CDN-YT",
            "Đơn vị sự nghiệp công lập",
            symbol="CĐCS",
            email="ttyt@example.org",
            phone="02513822222",
        ),
        unit("TTYT-BH-XN", "Tổ công đoàn Khoa Xét nghiệm", "Tổ công đoàn", "TTYT-BH"),
        unit("TTYT-BH-XN1", "Tổ công đoàn Xét nghiệm 1", "tổ công đoàn", "TTYT-BH-XN"),
        unit("TTYT-BH-DD", "Tổ công đoàn Điều dưỡng", "union_group", "ttyt-bh"),
    )


def import_errors(fileobj, user):
    with pytest.raises(InvalidInput) as caught:
        import_units(fileobj, by=user)
    return caught.value.errors


def test_a_whole_subtree_is_created_under_an_existing_unit(people, tree):
    result = import_units(subtree(), by=people.nganh_admin)

    assert (result.created, result.updated) == (4, 0)
    union = OrgUnit.objects.get(code="TTYT-BH")
    assert union.parent == tree.sector and union.kind == OrgKind.GRASSROOTS_UNION
    assert union.employer_type == "public_service"
    assert (union.symbol, union.place, union.phone) == ("CĐCS", "Biên Hòa", "02513822222")
    assert union.search_key.startswith("ttyt-bh cong doan co so")
    group = OrgUnit.objects.get(code="TTYT-BH-XN")
    assert group.parent == union and group.path.startswith(union.path)
    assert OrgUnit.objects.get(code="TTYT-BH-XN1").parent == group
    assert OrgUnit.objects.get(code="TTYT-BH-DD").parent == union
    union.refresh_from_db()
    assert union.numchild == 2


def test_the_import_is_audited_once(people, tree):
    import_units(subtree(), by=people.nganh_admin)

    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert entry.object_id == str(tree.sector.pk)
    assert entry.after["created"] == 4
    assert entry.after["units"][0] == "TTYT-BH"


BAD_ROWS = [
    pytest.param(
        unit("BVDK", "Trùng mã", "Tổ công đoàn", "BVDK"),
        "Mã đơn vị",
        "already in use",
        id="code-in-use",
    ),
    pytest.param(unit("X1", "", "Tổ công đoàn", "BVDK"), "Tên đơn vị", "required", id="no-name"),
    pytest.param(unit("X1", "Tên", "Hội đồng", "BVDK"), "Loại", "not a unit kind", id="bad-kind"),
    pytest.param(
        unit("X1", "Tên", "Tổ công đoàn", "KHONGCO"),
        "Mã đơn vị cấp trên",
        "Unknown parent",
        id="unknown-parent",
    ),
    pytest.param(
        unit("X1", "Tên", "Tổ công đoàn", ""), "Mã đơn vị cấp trên", "required", id="no-parent"
    ),
    pytest.param(
        unit("X1", "Tên", "Công đoàn cơ sở", "BVDK", "Đơn vị sự nghiệp công lập"),
        "Loại",
        "cannot be placed under",
        id="kind-not-allowed-under-parent",
    ),
    pytest.param(
        unit("X1", "Tên", "Công đoàn cơ sở", "CDN-YT"),
        "Loại hình đơn vị sử dụng lao động",
        "needs an employer type",
        id="grassroots-without-employer",
    ),
    pytest.param(
        unit("X1", "Tên", "Công đoàn cơ sở", "CDN-YT", "Hợp tác xã"),
        "Loại hình đơn vị sử dụng lao động",
        "not an employer type",
        id="bad-employer",
    ),
    pytest.param(
        unit("X1", "Tên", "Tổ công đoàn", "BVDK", email="a@"),
        "Email",
        "not a valid email",
        id="email",
    ),
    pytest.param(
        unit("X" * 31, "Tên", "Tổ công đoàn", "BVDK"), "Mã đơn vị", "At most 30", id="code-too-long"
    ),
    pytest.param(
        unit("X1", "Tên", "Công đoàn ngành", "LDLD-DN"),
        "Mã đơn vị cấp trên",
        "Unknown parent",
        id="parent-outside-reach",
    ),
]


@pytest.mark.parametrize(("bad", "field", "message"), BAD_ROWS)
def test_each_bad_row_is_reported_and_nothing_is_saved(people, bad, field, message):
    before = OrgUnit.objects.count()
    file = xlsx(unit("BVDK-NGOAI", "Tổ công đoàn Khoa Ngoại", "Tổ công đoàn", "BVDK"), bad)

    errors = import_errors(file, people.nganh_admin)

    assert [(e["row"], e["field"]) for e in errors] == [(3, field)]
    assert message in errors[0]["message"]
    assert OrgUnit.objects.count() == before


def test_a_code_twice_in_the_file_is_refused(people):
    file = xlsx(
        unit("BVDK-A", "Tổ A", "Tổ công đoàn", "BVDK"),
        unit("bvdk-a", "Tổ A bis", "Tổ công đoàn", "BVDK"),
    )

    errors = import_errors(file, people.nganh_admin)

    assert errors[0]["row"] == 3 and "row 2" in errors[0]["message"]


def test_a_parent_must_come_before_its_children(people):
    file = xlsx(
        unit("TTYT-BH-XN", "Tổ công đoàn Khoa Xét nghiệm", "Tổ công đoàn", "TTYT-BH"),
        unit("TTYT-BH", "CĐCS TTYT Biên Hòa", "Công đoàn cơ sở", "CDN-YT", "Cơ quan hành chính"),
    )

    errors = import_errors(file, people.nganh_admin)

    assert [(e["row"], e["field"]) for e in errors] == [(2, "Mã đơn vị cấp trên")]


def test_a_grassroots_chair_adds_union_groups_to_its_union_only(people, tree):
    assert (
        import_units(
            xlsx(unit("BVDK-NGOAI", "Tổ công đoàn Khoa Ngoại", "Tổ công đoàn", "BVDK")),
            by=people.bvdk_chutich,
        ).created
        == 1
    )

    errors = import_errors(
        xlsx(unit("BVNHI-A", "Tổ A", "Tổ công đoàn", "BVNHI")), people.bvdk_chutich
    )
    assert errors[0]["message"] == "Unknown parent unit code “BVNHI”."


@pytest.mark.parametrize("user", ["bvdk_thidua", "ldld", "doanvien"])
def test_users_who_may_not_create_units_are_refused(people, user):
    with pytest.raises(Forbidden):
        import_units(subtree(), by=getattr(people, user))
    assert not OrgUnit.objects.filter(code="TTYT-BH").exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_cleanly(people):
    errors = import_errors(io.BytesIO(b"\x00\x01garbage"), people.nganh_admin)
    assert errors[0]["row"] == 0 and errors[0]["field"] == "file"


def test_the_template_lists_kinds_and_the_units_the_user_may_extend(people):
    buffer = io.BytesIO()
    unit_template(people.bvdk_chutich, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    sheet, guide = book.worksheets
    assert any([c.value for c in r] == HEADER for r in sheet.iter_rows(max_row=5))
    kinds = next(
        v for v in sheet.data_validations.dataValidation if "Tổ công đoàn" in (v.formula1 or "")
    )
    assert "Công đoàn cơ sở" in kinds.formula1
    codes = {r[0] for r in guide.iter_rows(values_only=True) if r}
    assert {"BVDK", "BVDK-KN"} <= codes and "CDN-YT" not in codes

    sheet.append(unit("BVDK-NGOAI", "Tổ công đoàn Khoa Ngoại", "Tổ công đoàn", "BVDK"))
    filled = io.BytesIO()
    book.save(filled)
    filled.seek(0)
    assert import_units(filled, by=people.bvdk_chutich).created == 1


# The pages ---------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, people, settings):
    settings.DEMO_MODE = True  # the sector admin's two-factor is not under test here
    client.force_login(people.nganh_admin)
    return client


def upload(data):
    return SimpleUploadedFile("don-vi.xlsx", data.getvalue())


def test_the_unit_import_page_imports_a_small_file(admin_client):
    page = admin_client.get(reverse("organizations:org_import"))
    assert page.status_code == 200

    response = admin_client.post(reverse("organizations:org_import"), {"file": upload(subtree())})

    assert response.status_code == 200
    assert b'data-testid="created">4<' in response.content
    assert OrgUnit.objects.filter(code__startswith="TTYT-BH").count() == 4


def test_the_unit_import_page_shows_the_errors(admin_client):
    file = xlsx(unit("X1", "Tên", "Công đoàn cơ sở", "BVDK", "Cơ quan hành chính"))

    response = admin_client.post(reverse("organizations:org_import"), {"file": upload(file)})

    assert response.status_code == 422
    assert b"cannot be placed under" in response.content
    assert not OrgUnit.objects.filter(code="X1").exists()


def test_a_large_unit_file_runs_as_a_job(admin_client, people, settings):
    settings.IMPORT_BACKGROUND_ROWS = 3

    response = admin_client.post(reverse("organizations:org_import"), {"file": upload(subtree())})

    job = Job.objects.get(created_by=people.nganh_admin)
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED and job.result["created"] == 4


@pytest.mark.parametrize("user", ["bvdk_thidua", "ldld", "doanvien"])
def test_the_unit_import_pages_are_forbidden_to_others(client, people, user):
    client.force_login(getattr(people, user))
    for name in ("org_import", "org_import_template"):
        assert client.get(reverse(f"organizations:{name}")).status_code == 403


def test_a_grassroots_chair_may_use_the_unit_import_page(client, people):
    client.force_login(people.bvdk_chutich)
    assert client.get(reverse("organizations:org_import")).status_code == 200
    assert client.get(reverse("organizations:org_import_template")).status_code == 200
