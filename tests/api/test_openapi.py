"""The OpenAPI document is accurate: every operation answers as documented (codes and bodies)."""

import json
import re

import pytest
from django.test.client import MULTIPART_CONTENT
from jsonschema import Draft202012Validator

from tests.api.helpers import API, ApiClient
from thidua.accounts.models import ApiToken

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def spec(db):
    response = ApiClient().get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(spec):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def valid_bodies(tree, people):
    """A valid body for the operations whose empty body would only show the error answers."""
    return {
        ("post", "/api/v1/auth/token"): {"username": "nganh.admin", "password": "ThiDua@2026"},
        ("post", "/api/v1/orgs"): {
            "code": "BVDL",
            "name": "Công đoàn cơ sở Bệnh viện Da liễu",
            "kind": "grassroots_union",
            "parent_id": tree.sector.pk,
            "employer_type": "public_service",
        },
        ("patch", "/api/v1/orgs/{org_id}"): {"name": "Công đoàn Bệnh viện Nhi", "version": 1},
        ("post", "/api/v1/members"): {
            "org_id": tree.bvdk.pk,
            "full_name": "Đặng Thị Thu",
            "gender": "female",
            "birth_date": "1990-04-05",
        },
        ("patch", "/api/v1/members/{member_id}"): {"job_title": "Hộ sinh", "version": 1},
    }


def path_ids(tree, people):
    return {"org_id": tree.bvnhi.pk, "member_id": people.child_doctor.pk}


def fill(path, ids):
    return re.sub(r"{(\w+)}", lambda m: str(ids.get(m.group(1), 1)), path)


def call(client, method, url, operation, body):
    request_body = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in request_body:
        return client.post(url, {}, content_type=MULTIPART_CONTENT)
    if "application/json" in request_body:
        return getattr(client, method)(url, json.dumps(body if body is not None else {}))
    return getattr(client, method)(url)


def check_against_document(spec, operation, response, where):
    status = str(response.status_code)
    documented = operation["responses"]
    assert status in documented, f"{where}: {status} not documented: {response.content[:300]}"
    content = documented[status].get("content")
    if not content:
        assert not response.content, f"{where}: undocumented body"
        return
    media_type = response["Content-Type"].split(";")[0]
    assert media_type in content, f"{where}: {media_type} not in {list(content)}"
    schema = {**content[media_type]["schema"], "components": spec["components"]}
    errors = sorted(Draft202012Validator(schema).iter_errors(response.json()), key=lambda e: e.path)
    assert not errors, f"{where}: {[e.message for e in errors]}"


def test_every_operation_answers_as_documented(spec, people, tree):
    bodies = valid_bodies(tree, people)
    ids = path_ids(tree, people)
    seen = 0
    for path, method, operation in operations(spec):
        for body in ({}, bodies.get((method, path))):
            if body is None:
                continue
            _token, raw = ApiToken.issue(people.nganh_admin)
            client = ApiClient(token=raw)
            response = call(client, method, fill(path, ids), operation, body)
            check_against_document(spec, operation, response, f"{method.upper()} {path}")
            assert response.status_code < 500
            seen += 1
    assert seen >= 16


def test_every_operation_documents_its_errors(spec):
    for path, method, operation in operations(spec):
        codes = set(operation["responses"])
        where = f"{method.upper()} {path}"
        if operation.get("security"):
            assert "401" in codes, where
        if "{" in path:
            assert "404" in codes, where
        if operation.get("parameters") or operation.get("requestBody"):
            assert {"400", "422"} <= codes, where
        for code, response in operation["responses"].items():
            if int(code) >= 400:
                content = response["content"]
                assert list(content) == ["application/problem+json"], where
                assert content["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"
                }


def test_the_document_declares_the_bearer_scheme(spec):
    schemes = spec["components"]["securitySchemes"]

    assert {"type": "http", "scheme": "bearer"}.items() <= next(iter(schemes.values())).items()
    token = spec["paths"]["/api/v1/auth/token"]["post"]
    assert not token.get("security")
    assert spec["paths"]["/api/v1/me"]["get"]["security"]


def test_every_contract_endpoint_is_documented(spec):
    documented = {(method, path) for path, method, _ in operations(spec)}

    assert documented >= {
        ("post", "/api/v1/auth/token"),
        ("delete", "/api/v1/auth/token"),
        ("get", "/api/v1/me"),
        ("get", "/api/v1/orgs"),
        ("post", "/api/v1/orgs"),
        ("get", "/api/v1/orgs/{org_id}"),
        ("patch", "/api/v1/orgs/{org_id}"),
        ("get", "/api/v1/members"),
        ("post", "/api/v1/members"),
        ("get", "/api/v1/members/{member_id}"),
        ("patch", "/api/v1/members/{member_id}"),
        ("get", "/api/v1/members/{member_id}/awards"),
        ("post", "/api/v1/members/import"),
    }


def test_docs_page_uses_no_cdn(db):
    response = ApiClient().get(f"{API}/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
