"""The catalogue, base salary, initiative and import pages, role by role."""

import datetime

import pytest

from tests.factories import verified_login
from thidua.awards import services
from thidua.awards.models import AwardType


@pytest.fixture
def initiative(people, tree):
    return services.create_initiative(
        org=tree.bvdk, by=people.bvdk_thidua, title="Sáng kiến BVĐK", author_ids=[people.hong.pk]
    )


def test_award_type_page_shows_the_amount_in_words(client, people):
    verified_login(client, people.bvdk_thidua)
    ldtt = AwardType.objects.get(code="LDTT")
    response = client.get(f"/awards/types/{ldtt.pk}/")
    assert response.status_code == 200
    assert ldtt.amount == 710_000
    assert "Bảy trăm mười nghìn đồng" in response.content.decode()
    assert client.get("/awards/").status_code == 200


def test_only_the_sector_admin_opens_the_edit_form(client, people):
    ldtt = AwardType.objects.get(code="LDTT")
    verified_login(client, people.bvdk_chutich)
    assert client.get(f"/awards/types/{ldtt.pk}/edit/").status_code == 403
    assert client.post("/awards/base-salaries/", {"amount": 1}).status_code == 403
    verified_login(client, people.nganh_admin)
    assert client.get(f"/awards/types/{ldtt.pk}/edit/").status_code == 200


def test_sector_admin_edits_an_award_type_through_the_form(client, people):
    verified_login(client, people.nganh_admin)
    ldtt = AwardType.objects.get(code="LDTT")
    form = client.get(f"/awards/types/{ldtt.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "id"}
    data.update(
        name="Lao động tiên tiến (sửa)",
        version=ldtt.version,
        criteria_text="1 | Hoàn thành tốt nhiệm vụ | 60 | có\n2 | Chấp hành pháp luật | 40",
    )
    data["required_dossier_parts"] = ldtt.required_dossier_parts
    data["simplified_parts"] = ldtt.simplified_parts
    response = client.post(f"/awards/types/{ldtt.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    ldtt.refresh_from_db()
    assert ldtt.name == "Lao động tiên tiến (sửa)"
    assert [c.code for c in ldtt.criteria.all()] == ["1", "2"]


def test_base_salary_page_adds_one_and_reports_a_duplicate(client, people):
    verified_login(client, people.nganh_admin)
    response = client.post(
        "/awards/base-salaries/", {"amount": 2_530_000, "effective_from": "01/07/2026"}
    )
    assert response.status_code == 302
    again = client.post("/awards/base-salaries/", {"amount": 1, "effective_from": "01/07/2026"})
    assert again.status_code == 200 and again.context["form"].errors


def test_initiative_pages_and_recognition(client, people, initiative):
    verified_login(client, people.bvdk_chutich)
    assert "Sáng kiến BVĐK" in client.get("/awards/initiatives/").content.decode()
    response = client.post(
        f"/awards/initiatives/{initiative.pk}/",
        {"recognized_on": "02/01/2026", "version": initiative.version},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.recognized_on == datetime.date(2026, 1, 2)


def test_another_unit_gets_404_on_an_initiative(client, people, initiative):
    verified_login(client, people.bvnhi_chutich)
    assert client.get(f"/awards/initiatives/{initiative.pk}/").status_code == 404
    assert "Sáng kiến BVĐK" not in client.get("/awards/initiatives/").content.decode()


def test_a_member_cannot_register_initiatives_or_import(client, people):
    verified_login(client, people.doanvien)
    assert client.get("/awards/initiatives/new/").status_code == 403
    assert client.get("/awards/history/import/").status_code == 403


def test_register_an_initiative_through_the_form(client, people, tree):
    verified_login(client, people.bvdk_thidua)
    assert client.get("/awards/initiatives/new/").status_code == 200
    response = client.post(
        "/awards/initiatives/new/",
        {"org": tree.bvdk.pk, "title": "Mới", "authors": [people.hong.pk]},
    )
    assert response.status_code == 302


def test_history_import_page_offers_the_template(client, people, tree):
    verified_login(client, people.bvdk_thidua)
    assert client.get("/awards/history/import/").status_code == 200
    response = client.get(f"/awards/history/template.xlsx?org={tree.bvdk.pk}")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    bad = client.post("/awards/history/import/", {"org": tree.bvdk.pk, "file": _upload(b"x")})
    assert bad.status_code == 200 and bad.context["form"].errors


def _upload(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("a.xlsx", content)


def test_member_history_fragment_renders(people, tree, rf):
    from django.template.loader import render_to_string

    services.record_award(
        award_type=AwardType.objects.get(code="LDTT"),
        year=2025,
        member=people.hong,
        holder_org=tree.bvdk,
        by=people.nganh_admin,
        decision_number="05/QĐ-BVĐK",
    )
    html = render_to_string("awards/_member_history.html", {"member": people.hong})
    assert "Lao động tiên tiến" in html and "05/QĐ-BVĐK" in html
