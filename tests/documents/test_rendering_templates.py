"""A unit's own document templates: lookup up the tree, upload with validation, reset, pages."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.models import AuditEntry
from thidua.documents.rendering import services
from thidua.documents.rendering.model import Kind
from thidua.documents.rendering.samples import sample_plan
from thidua.documents.rendering.word import (
    default_template_path,
    override_name,
    render_docx,
    template_for,
)


def restyled_plan_template(marker="MẪU RIÊNG"):
    """The default plan template with one extra paragraph, as a unit would edit it in Word."""
    doc = Document(str(default_template_path(Kind.PLAN)))
    doc.add_paragraph(f"{marker} {{{{ reference }}}}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def broken_plan_template():
    doc = Document(str(default_template_path(Kind.PLAN)))
    doc.add_paragraph("{{ heding.issuer }}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def texts(data):
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_without_overrides_the_default_template_applies(tree):
    resolved = template_for(Kind.PLAN, tree.bvdk_group)
    assert resolved.is_default
    assert resolved.content == default_template_path(Kind.PLAN).read_bytes()


def test_lookup_walks_up_the_tree_to_the_nearest_own_template(tree, people):
    services.replace_template(
        org=tree.sector,
        kind=Kind.PLAN,
        content=restyled_plan_template("NGÀNH"),
        by=people.nganh_admin,
    )
    assert template_for(Kind.PLAN, tree.bvdk_group).source == tree.sector
    assert template_for(Kind.PLAN, tree.bvnhi).source == tree.sector
    assert template_for(Kind.PLAN, tree.ldld).is_default
    assert template_for(Kind.DECISION, tree.bvdk).is_default

    services.replace_template(
        org=tree.bvdk,
        kind=Kind.PLAN,
        content=restyled_plan_template("BVĐK"),
        by=people.bvdk_chutich,
    )
    resolved = template_for(Kind.PLAN, tree.bvdk_group)
    assert resolved.source == tree.bvdk
    assert "BVĐK 36/KH-CĐN" in texts(render_docx(sample_plan(), template=resolved))
    assert "NGÀNH 36/KH-CĐN" in texts(
        render_docx(sample_plan(), template=template_for(Kind.PLAN, tree.bvnhi))
    )

    assert services.reset_template(org=tree.bvdk, kind=Kind.PLAN, by=people.bvdk_chutich)
    assert template_for(Kind.PLAN, tree.bvdk_group).source == tree.sector
    assert not services.reset_template(org=tree.bvdk, kind=Kind.PLAN, by=people.bvdk_chutich)


def test_replacing_a_template_is_audited(tree, people):
    services.replace_template(
        org=tree.bvdk,
        kind=Kind.PLAN,
        content=restyled_plan_template(),
        by=people.bvdk_chutich,
        filename="ke-hoach.docx",
    )
    entry = AuditEntry.objects.get(object_id=str(tree.bvdk.pk))
    assert entry.actor == people.bvdk_chutich
    assert entry.after["document_template"] == "plan"
    assert entry.after["file"] == "ke-hoach.docx" and len(entry.after["sha256"]) == 64


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "không phải là văn bản Word"),
        (None, "biến không tồn tại"),
    ],
)
def test_an_invalid_template_is_refused_and_nothing_is_stored(tree, people, content, message):
    content = content if content is not None else broken_plan_template()
    with pytest.raises(InvalidInput) as caught:
        services.replace_template(
            org=tree.bvdk, kind=Kind.PLAN, content=content, by=people.bvdk_chutich
        )
    assert caught.value.errors[0]["field"] == "file"
    assert message in caught.value.errors[0]["message"]
    assert not default_storage.exists(override_name(Kind.PLAN, tree.bvdk))
    assert template_for(Kind.PLAN, tree.bvdk).is_default


def test_a_template_with_a_jinja_syntax_error_is_refused(tree, people):
    doc = Document(str(default_template_path(Kind.REPORT)))
    doc.add_paragraph("{% if subject %}unterminated")
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(InvalidInput) as caught:
        services.replace_template(
            org=tree.sector, kind=Kind.REPORT, content=out.getvalue(), by=people.nganh_admin
        )
    assert "lỗi cú pháp" in caught.value.errors[0]["message"]


@pytest.mark.parametrize("role", ["bvdk_thidua", "nganh_thidua", "bvnhi_chutich", "doanvien"])
def test_other_roles_may_not_replace_a_units_template(tree, people, role):
    with pytest.raises(Forbidden):
        services.replace_template(
            org=tree.bvdk,
            kind=Kind.PLAN,
            content=restyled_plan_template(),
            by=getattr(people, role),
        )


def test_a_grassroots_chair_cannot_replace_the_sector_template(tree, people):
    with pytest.raises(Forbidden):
        services.replace_template(
            org=tree.sector,
            kind=Kind.PLAN,
            content=restyled_plan_template(),
            by=people.bvdk_chutich,
        )


# --- pages ----------------------------------------------------------------------------------


def test_sector_admin_lists_the_units_it_manages(client, tree, people):
    client.force_login(people.nganh_admin)
    response = client.get("/documents/templates/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/documents/templates/CDN-YT/" in body and "/documents/templates/BVDK/" in body
    assert "/documents/templates/BVDK-KN/" not in body
    assert "/documents/templates/LDLD-DN/" not in body


def test_grassroots_chair_goes_straight_to_its_unit(client, tree, people):
    client.force_login(people.bvdk_chutich)
    response = client.get("/documents/templates/")
    assert response.status_code == 302
    assert response["Location"] == "/documents/templates/BVDK/"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("nganh_admin", 200),
        ("bvdk_chutich", 200),
        ("bvdk_thidua", 403),
        ("bvnhi_chutich", 404),
        ("doanvien", 403),
    ],
)
def test_unit_page_is_for_the_units_admins_only(client, tree, people, role, status):
    client.force_login(getattr(people, role))
    assert client.get("/documents/templates/BVDK/").status_code == status


def test_anonymous_users_are_sent_to_log_in(client, tree):
    response = client.get("/documents/templates/BVDK/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_upload_page_flow_download_preview_and_reset(client, tree, people):
    client.force_login(people.bvdk_chutich)
    upload = SimpleUploadedFile("ke-hoach.docx", restyled_plan_template("BVĐK"))
    response = client.post("/documents/templates/BVDK/plan/upload/", {"file": upload})
    assert response.status_code == 302
    page = client.get("/documents/templates/BVDK/").content.decode()
    assert re.search(r'data-testid="source-plan">\s*<span class="badge text-bg-success">', page)
    assert re.search(
        r'data-testid="source-decision">\s*<span class="badge text-bg-secondary">', page
    )

    download = client.get("/documents/templates/BVDK/plan/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    content = b"".join(download.streaming_content)
    assert content == default_storage.open(override_name(Kind.PLAN, tree.bvdk)).read()

    preview = client.get("/documents/templates/BVDK/plan/preview/")
    assert "BVĐK 36/KH-CĐN" in texts(b"".join(preview.streaming_content))

    default = client.get("/documents/templates/BVDK/plan/default/")
    assert b"".join(default.streaming_content) == default_template_path(Kind.PLAN).read_bytes()

    assert client.post("/documents/templates/BVDK/plan/reset/").status_code == 302
    assert template_for(Kind.PLAN, tree.bvdk).is_default


def test_upload_of_an_invalid_file_shows_the_error_and_stores_nothing(client, tree, people):
    client.force_login(people.bvdk_chutich)
    upload = SimpleUploadedFile("ke-hoach.docx", broken_plan_template())
    response = client.post("/documents/templates/BVDK/plan/upload/", {"file": upload})
    assert response.status_code == 422
    assert "biến không tồn tại" in response.content.decode()
    assert not default_storage.exists(override_name(Kind.PLAN, tree.bvdk))


def test_unknown_kind_is_not_found(client, tree, people):
    client.force_login(people.nganh_admin)
    assert client.get("/documents/templates/CDN-YT/memo/download/").status_code == 404
