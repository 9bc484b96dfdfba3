import pytest

from tests.documents import samples
from thidua.accounts.models import ApiToken
from thidua.documents import services
from thidua.documents.models import Document, StoredFile


def auth(user):
    _token, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def upload(client, user, data, name="ke-hoach.pdf", **fields):
    payload = {"title": "Kế hoạch thi đua", "doc_type": "KH", **fields}
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload["file"] = SimpleUploadedFile(name, data)
    return client.post("/api/v1/documents", payload, **auth(user))


def test_upload_answers_201_with_checksum_type_and_signature(client, people, tree, types):
    data = samples.pdf_bytes("Ke hoach")
    response = upload(client, people.bvdk_thidua, data)
    assert response.status_code == 201, response.content
    body = response.json()
    stored = StoredFile.objects.get()
    assert body["sha256"] == stored.sha256 and body["size"] == len(data)
    assert body["content_type"] == "application/pdf"
    assert body["org_id"] == tree.bvdk.pk  # the uploader's unit by default
    assert body["signature"] == {
        "signed": False,
        "intact": None,
        "trusted": None,
        "signer": None,
        "signed_at": None,
    }
    assert body["status"] == "draft" and body["doc_type"] == "KH" and isinstance(body["id"], int)


def test_upload_to_a_unit_in_reach_and_by_abbreviation(client, people, tree):
    response = upload(
        client, people.nganh_thidua, samples.pdf_bytes(), org_id=tree.bvnhi.pk, doc_type="QĐ"
    )
    assert response.status_code == 201
    assert response.json()["org_id"] == tree.bvnhi.pk and response.json()["doc_type"] == "QD"


def test_upload_to_a_unit_outside_reach_is_404(client, people, tree):
    response = upload(client, people.bvnhi_thidua, samples.pdf_bytes(), org_id=tree.bvdk.pk)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert not Document.objects.exists()


def test_member_may_not_upload(client, people, tree):
    response = upload(client, people.doanvien, samples.pdf_bytes(), org_id=tree.bvdk.pk)
    assert response.status_code == 403
    assert not StoredFile.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "fields", "status", "field"),
    [
        (b"", "a.pdf", {}, 422, "file"),
        (b"plain text", "a.pdf", {}, 422, "file"),
        (samples.docx_bytes("x"), "a.pdf", {}, 422, "file"),
        (samples.pdf_bytes(), "a.pdf", {"doc_type": "XYZ"}, 422, "doc_type"),
        (samples.pdf_bytes(), "a.pdf", {"title": "   "}, 422, "title"),
        (samples.pdf_bytes(), "a.pdf", {"org_id": "abc"}, 400, "org_id"),
    ],
)
def test_bad_uploads_are_problems_and_store_nothing(
    client, people, data, name, fields, status, field
):
    response = upload(client, people.bvdk_thidua, data, name, **fields)
    assert response.status_code == status, response.content
    body = response.json()
    assert body["status"] == status and body["detail"]
    assert field in [e["field"] for e in body["errors"]]
    assert not StoredFile.objects.exists() and not Document.objects.exists()


def test_oversized_upload_is_413(client, people, settings):
    settings.UPLOAD_MAX_BYTES = 500
    response = upload(client, people.bvdk_thidua, samples.pdf_bytes())
    assert response.status_code == 413
    assert not StoredFile.objects.exists()


def test_missing_file_is_a_problem(client, people):
    response = client.post(
        "/api/v1/documents", {"title": "x", "doc_type": "KH"}, **auth(people.bvdk_thidua)
    )
    # The house validation handler decides between 400 and 422 for a missing field.
    assert response.status_code in (400, 422)
    assert "file" in [e["field"] for e in response.json()["errors"]]
    assert not Document.objects.exists()


def test_get_and_download_follow_visibility(client, people):
    created = upload(client, people.bvdk_thidua, samples.pdf_bytes(), name="Báo cáo.pdf").json()
    url = f"/api/v1/documents/{created['id']}"
    assert client.get(url, **auth(people.bvdk_chutich)).json()["sha256"] == created["sha256"]
    download = client.get(f"{url}/file", **auth(people.nganh_admin))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "B%C3%A1o%20c%C3%A1o.pdf" in download["Content-Disposition"]
    for user in (people.bvnhi_thidua, people.doanvien):
        assert client.get(url, **auth(user)).status_code == 404
        assert client.get(f"{url}/file", **auth(user)).status_code == 404
    assert client.get("/api/v1/documents/999999", **auth(people.bvdk_thidua)).status_code == 404
    assert client.get(url).status_code == 401


def test_list_searches_without_diacritics_and_paginates(client, people, tree, make_document):
    make_document(title="Kế hoạch thi đua chào mừng Đại hội")
    make_document(title="Báo cáo sơ kết", doc_type="BC")
    make_document(org=tree.bvnhi, by=people.bvnhi_thidua, title="Kế hoạch BVNHI")
    response = client.get(
        "/api/v1/documents", {"q": "ke hoach dai hoi"}, **auth(people.bvdk_thidua)
    )
    body = response.json()
    assert response.status_code == 200
    assert (
        body["count"] == 1 and body["results"][0]["title"] == "Kế hoạch thi đua chào mừng Đại hội"
    )
    everything = client.get(
        "/api/v1/documents", {"page_size": 1}, **auth(people.nganh_admin)
    ).json()
    assert everything["count"] == 3 and len(everything["results"]) == 1 and everything["next"]
    mine = client.get("/api/v1/documents", **auth(people.bvnhi_thidua)).json()
    assert [d["title"] for d in mine["results"]] == ["Kế hoạch BVNHI"]
    typed = client.get("/api/v1/documents", {"doc_type": "BC"}, **auth(people.nganh_admin)).json()
    assert [d["title"] for d in typed["results"]] == ["Báo cáo sơ kết"]
    by_unit = client.get(
        "/api/v1/documents", {"org": tree.bvnhi.pk}, **auth(people.nganh_admin)
    ).json()
    assert by_unit["count"] == 1
    assert (
        client.get("/api/v1/documents", {"status": "nope"}, **auth(people.nganh_admin)).status_code
        == 422
    )
    assert (
        client.get("/api/v1/documents", {"year": "x"}, **auth(people.nganh_admin)).status_code
        == 400
    )


def test_issued_document_shows_its_number(client, people, make_document):
    document = services.issue_document(make_document(doc_type="QD"), by=people.bvdk_thidua)
    body = client.get(f"/api/v1/documents/{document.pk}", **auth(people.bvdk_thidua)).json()
    assert (
        body["number_symbol"] == "01/QĐ-BVDK" and body["status"] == "issued" and body["number"] == 1
    )


def test_openapi_documents_the_operations_and_their_problems(client, people):
    schema = client.get("/api/v1/openapi.json").json()
    upload_op = schema["paths"]["/api/v1/documents"]["post"]
    assert {"201", "400", "401", "403", "404", "413", "422"} <= set(upload_op["responses"])
    assert "multipart/form-data" in upload_op["requestBody"]["content"]
    assert "200" in schema["paths"]["/api/v1/documents/{document_id}/file"]["get"]["responses"]
    assert "get" in schema["paths"]["/api/v1/documents"]
