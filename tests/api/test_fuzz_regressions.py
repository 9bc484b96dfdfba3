"""What the API fuzzer (``test_fuzz.py``) found, pinned down one request at a time."""

from django.utils import timezone

from tests.api.helpers import API, assert_problem
from tests.documents import samples
from thidua.awards.models import AwardType
from thidua.council import services as council
from thidua.documents import services as documents
from thidua.nominations.models import Nomination, NominationStatus


def spec(client):
    return client.get(f"{API}/openapi.json").json()


def test_a_downloaded_file_has_a_documented_media_type(people, api_client):
    document = documents.create_document(
        org=people.bvdk_thidua.home_org,
        by=people.bvdk_thidua,
        doc_type="KH",
        title="Kế hoạch thi đua",
        data=samples.pdf_bytes("Kế hoạch"),
        file_name="ke-hoach.pdf",
    )
    client = api_client(people.bvdk_thidua)

    response = client.get(f"{API}/documents/{document.pk}/file")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    operation = spec(client)["paths"]["/api/v1/documents/{document_id}/file"]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]


def test_council_minutes_are_documented_as_docx(people, tree, api_client):
    nomination = Nomination.objects.create(
        award_type=AwardType.objects.get(code="GK-CDN"),
        year=timezone.localdate().year,
        org=tree.bvdk,
        member=people.nurse,
        status=NominationStatus.APPRAISED,
        achievements="Hoàn thành xuất sắc nhiệm vụ",
    )
    session = council.create_session(
        by=people.nganh_admin,
        org=tree.sector,
        held_on=timezone.localdate(),
        nominations=[nomination],
        members_present=2,
    )
    client = api_client(people.nganh_admin)

    response = client.get(f"{API}/council-sessions/{session.pk}/minutes.docx")

    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    operation = spec(client)["paths"]["/api/v1/council-sessions/{session_id}/minutes.docx"]["get"]
    assert list(operation["responses"]["200"]["content"]) == [response["Content-Type"]]


def test_a_method_a_path_lacks_is_a_405_problem(people, api_client):
    response = api_client(people.nganh_admin).delete(f"{API}/orgs")

    body = assert_problem(response, 405)
    assert body["title"] == "Phương thức không được hỗ trợ"
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
