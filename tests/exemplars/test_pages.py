"""The exemplar pages: list, detail with the spread, actions, and 404 outside reach."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.exemplars.conftest import STORY, image_bytes
from thidua.exemplars import services
from thidua.exemplars.models import Exemplar, ExemplarStatus, Replication

pytestmark = pytest.mark.django_db


def test_bvdk_gets_404_for_bvnhis_found_exemplar(login, found, people):
    exemplar = found()
    client = login(people.bvdk_thidua)
    assert client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk])).status_code == 404
    assert client.post(reverse("exemplars:exemplar_verify", args=[exemplar.pk])).status_code == 404
    listing = client.get(reverse("exemplars:exemplar_list")).content.decode()
    assert people.child_doctor.full_name not in listing


def test_the_sector_verifies_and_honours_from_the_pages(login, found, people):
    exemplar = found()
    client = login(people.nganh_thidua)
    page = client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk]))
    assert page.status_code == 200 and 'data-testid="verify"' in page.content.decode()
    client.post(
        reverse("exemplars:exemplar_verify", args=[exemplar.pk]), {"version": exemplar.version}
    )
    exemplar.refresh_from_db()
    assert exemplar.status == ExemplarStatus.VERIFIED
    response = client.post(
        reverse("exemplars:exemplar_honor", args=[exemplar.pk]),
        {"honored_on": "20/11/2025", "how": "ceremony", "note": "Hội nghị tổng kết"},
    )
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.status == ExemplarStatus.HONORED
    assert exemplar.honored_on == datetime.date(2025, 11, 20)


def test_a_grassroots_officer_may_not_verify(login, found, people):
    exemplar = found()
    client = login(people.bvnhi_thidua)
    assert client.post(reverse("exemplars:exemplar_verify", args=[exemplar.pk])).status_code == 403
    assert client.get(reverse("exemplars:exemplar_honor", args=[exemplar.pk])).status_code == 403


def test_bvdk_records_its_replication_and_sees_the_spread(login, verified, people, tree):
    client = login(people.bvdk_thidua)
    url = reverse("exemplars:exemplar_detail", args=[verified.pk])
    assert 'data-testid="replicate-form"' in client.get(url).content.decode()
    client.post(
        reverse("exemplars:exemplar_replicate", args=[verified.pk]),
        {"org": tree.bvdk.pk, "adopted_on": "01/03/2026", "note": "Áp dụng tại 3 khoa"},
    )
    assert Replication.objects.filter(exemplar=verified, org=tree.bvdk).exists()
    content = client.get(url).content.decode()
    assert "Áp dụng tại 3 khoa" in content
    assert f'<option value="{tree.bvdk.pk}"' not in content  # BVDK itself is done


def test_an_inspector_may_not_record_a_replication(login, verified, people, tree):
    client = login(people.kiemtra)
    response = client.post(
        reverse("exemplars:exemplar_replicate", args=[verified.pk]),
        {"org": tree.bvdk.pk, "adopted_on": "01/03/2026"},
    )
    assert response.status_code == 403
    assert not Replication.objects.filter(exemplar=verified).exists()


def test_a_record_is_created_from_the_form(login, people, tree):
    client = login(people.bvdk_chutich)
    response = client.post(
        reverse("exemplars:exemplar_create"),
        {
            "owner_org": tree.bvdk.pk,
            "kind": "member",
            "member": people.nurse.pk,
            "source": "writing_contest",
            "story": STORY,
        },
    )
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302 and exemplar.member == people.nurse
    bad = client.post(
        reverse("exemplars:exemplar_create"),
        {"owner_org": tree.bvdk.pk, "kind": "member", "source": "media", "story": ""},
    )
    assert bad.status_code == 200 and Exemplar.objects.count() == 1
    assert login(people.doanvien).get(reverse("exemplars:exemplar_create")).status_code == 403


def test_evidence_photos_are_uploaded_and_served_to_those_who_see_it(login, found, people):
    exemplar = found()
    client = login(people.bvnhi_thidua)
    client.post(
        reverse("exemplars:exemplar_evidence", args=[exemplar.pk]),
        {"title": "Ảnh tại khu cách ly", "file": SimpleUploadedFile("anh.jpg", image_bytes())},
    )
    (photo,) = services.photos_of(exemplar)
    url = reverse("exemplars:evidence_file", args=[exemplar.pk, photo.pk])
    assert client.get(url).status_code == 200
    assert login(people.bvdk_thidua).get(url).status_code == 404
    refused = client.post(
        reverse("exemplars:exemplar_evidence", args=[exemplar.pk]),
        {"title": "Tệp lạ", "file": SimpleUploadedFile("x.jpg", b"not an image")},
    )
    assert refused.status_code == 302 and services.photos_of(exemplar).count() == 1


def test_the_menu_lists_exemplars_news_and_library(login, people):
    content = login(people.bvdk_thidua).get(reverse("exemplars:exemplar_list")).content.decode()
    for name in ("exemplars:exemplar_list", "exemplars:news_list", "exemplars:library_list"):
        assert reverse(name) in content
