"""The forwarding pages: forward, batch, result forms, package download, import, follow-up."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_org, user_with_role, verified_login
from thidua.accounts.roles import Role
from thidua.documents.storage import read_blob
from thidua.forwarding import services
from thidua.forwarding.models import IncomingBatch
from thidua.organizations.models import OrgKind


def login(client, user):
    verified_login(client, user)
    return client


@pytest.fixture
def batch(tree, people, nominated):
    return services.forward_nominations(
        by=people.nganh_thidua, org=tree.sector, nominations=[nominated()]
    )


def test_the_forward_page_lists_approved_upper_level_nominations_and_quota_use(
    client, people, nominated, sector_award
):
    ready = nominated()
    local = nominated(award=sector_award)
    response = login(client, people.nganh_thidua).get(
        reverse("forwarding:forward"), {"year": ready.year}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert ready.nominee_name in page and local.nominee_name not in page
    assert 'data-testid="quota-use"' in page
    assert "Bằng khen" in page


def test_forwarding_from_the_page_redirects_to_the_batch(client, people, nominated):
    nomination = nominated()
    response = login(client, people.nganh_thidua).post(
        reverse("forwarding:forward"), {"nominations": [nomination.pk]}
    )
    nomination.refresh_from_db()
    assert nomination.status == "forwarded"
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "forwarding:batch_detail", args=[nomination.forwarding.batch_id]
    )


def test_a_refused_forward_shows_the_reasons_and_changes_nothing(client, people, nominated):
    nomination = nominated("appraised")
    response = login(client, people.nganh_thidua).post(
        reverse("forwarding:forward"), {"nominations": [nomination.pk]}, follow=True
    )
    assert response.status_code == 200
    assert nomination.nominee_name in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == "appraised"


@pytest.mark.parametrize("username", ["ldld", "bvdk.thidua", "doanvien"])
def test_the_forward_page_is_for_the_sector(client, people, username):
    response = login(client, people.users[username]).get(reverse("forwarding:forward"))
    assert response.status_code == 403


def test_the_batch_page_records_the_upper_result(client, people, batch):
    item = batch.items.get()
    login(client, people.nganh_admin)
    page = client.get(reverse("forwarding:batch_detail", args=[batch.pk]))
    assert page.status_code == 200
    assert batch.submission_document.number_symbol in page.content.decode()
    url = reverse("forwarding:record_result", args=[batch.pk, item.nomination_id])
    prefix = f"n{item.nomination_id}"
    response = client.post(
        url,
        {
            f"{prefix}-approved": "1",
            f"{prefix}-decision_number": "20/QĐ-LĐLĐ",
            f"{prefix}-decided_on": "2026-01-10",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.upper_result == "approved"
    assert item.decided_on == datetime.date(2026, 1, 10)


def test_a_rejection_without_reason_on_the_page_changes_nothing(client, people, batch):
    item = batch.items.get()
    prefix = f"n{item.nomination_id}"
    response = login(client, people.nganh_admin).post(
        reverse("forwarding:record_result", args=[batch.pk, item.nomination_id]),
        {f"{prefix}-approved": "0"},
        follow=True,
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.upper_result == "pending"


def test_the_viewer_reads_the_follow_page_and_the_batch_but_cannot_act(client, people, batch):
    item = batch.items.select_related("nomination").get()
    login(client, people.ldld)
    follow = client.get(reverse("forwarding:follow"), {"year": item.nomination.year})
    assert follow.status_code == 200
    assert item.nomination.nominee_name in follow.content.decode()
    detail = client.get(reverse("forwarding:batch_detail", args=[batch.pk]))
    assert detail.status_code == 200
    assert reverse("forwarding:record_result", args=[batch.pk, item.nomination_id]) not in (
        detail.content.decode()
    )
    download = client.get(reverse("forwarding:package_download", args=[batch.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == read_blob(batch.package_document.file)
    prefix = f"n{item.nomination_id}"
    response = client.post(
        reverse("forwarding:record_result", args=[batch.pk, item.nomination_id]),
        {f"{prefix}-approved": "0", f"{prefix}-reason": "x"},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.upper_result == "pending"


def test_the_follow_page_filters_by_award_type(client, people, batch, confederation_award):
    login(client, people.ldld)
    response = client.get(reverse("forwarding:follow"), {"award_type": confederation_award.pk})
    assert response.status_code == 200
    name = batch.items.get().nomination.nominee_name
    assert name not in response.content.decode()


def test_bvnhi_sees_nothing_of_another_units_batch(client, people, batch):
    login(client, people.bvnhi_thidua)
    follow = client.get(reverse("forwarding:follow"))
    assert batch.items.get().nomination.nominee_name not in follow.content.decode()
    assert client.get(reverse("forwarding:batch_detail", args=[batch.pk])).status_code == 404
    assert client.get(reverse("forwarding:package_download", args=[batch.pk])).status_code == 404


def test_the_import_page_receives_a_package_and_shows_the_nominees(
    client, people, batch, settings, tmp_path
):
    data = read_blob(batch.package_document.file)
    settings.MEDIA_ROOT = tmp_path / "upper"
    federation = make_org(OrgKind.FEDERATION, code="LDLD-Y", name="LĐLĐ tỉnh (cài đặt khác)")
    officer = user_with_role(Role.SECTOR_OFFICER, federation, username="ldld.y")
    login(client, officer)
    assert client.get(reverse("forwarding:incoming_list")).status_code == 200
    response = client.post(
        reverse("forwarding:incoming_list"),
        {"org": federation.pk, "file": SimpleUploadedFile("ho-so.zip", data)},
    )
    incoming = IncomingBatch.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("forwarding:incoming_detail", args=[incoming.pk]))
    assert batch.items.get().nomination.nominee_name in page.content.decode()
    # the sending sector's staff do not see the upper installation's records
    login(client, people.nganh_thidua)
    detail = client.get(reverse("forwarding:incoming_detail", args=[incoming.pk]))
    assert detail.status_code == 404


def test_a_broken_upload_on_the_import_page_saves_nothing(client, tree, people):
    login(client, people.nganh_thidua)
    response = client.post(
        reverse("forwarding:incoming_list"),
        {"org": tree.sector.pk, "file": SimpleUploadedFile("x.zip", b"PK\x03\x04broken")},
    )
    assert response.status_code == 200
    assert not IncomingBatch.objects.exists()


def test_the_menu_shows_the_follow_page_to_the_viewer(client, people):
    response = login(client, people.ldld).get(reverse("forwarding:follow"))
    assert reverse("forwarding:follow") in response.content.decode()
    assert reverse("forwarding:forward") not in response.content.decode()
