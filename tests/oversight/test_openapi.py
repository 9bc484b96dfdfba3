"""The oversight operations are documented accurately (as ``tests/api/test_openapi.py`` checks
for the whole API): each answers with a documented status and body, and documents its errors."""

import pytest

from tests.api.helpers import API, ApiClient
from tests.api.test_openapi import call, check_against_document, fill, operations
from thidua.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

PREFIXES = ("/api/v1/inspections", "/api/v1/officers", "/api/v1/trainings")


@pytest.fixture
def spec(db):
    response = ApiClient().get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def ours(spec):
    return [op for op in operations(spec) if op[0].startswith(PREFIXES)]


def test_the_contract_operations_are_documented(spec):
    documented = {(method, path) for path, method, _ in ours(spec)}
    assert documented >= {
        ("get", "/api/v1/inspections"),
        ("post", "/api/v1/inspections"),
        ("get", "/api/v1/inspections/{inspection_id}"),
        ("post", "/api/v1/inspections/{inspection_id}/findings"),
        ("post", "/api/v1/inspections/{inspection_id}/close"),
        ("get", "/api/v1/officers"),
        ("get", "/api/v1/trainings"),
        ("post", "/api/v1/trainings"),
        ("get", "/api/v1/trainings/{course_id}"),
        ("post", "/api/v1/trainings/{course_id}/attendance"),
    }


def test_every_operation_documents_its_errors(spec):
    for path, method, operation in ours(spec):
        codes = set(operation["responses"])
        where = f"{method.upper()} {path}"
        assert "401" in codes, where
        if "{" in path:
            assert "404" in codes, where
        if operation.get("parameters") or operation.get("requestBody"):
            assert {"400", "422"} <= codes, where


def test_every_operation_answers_as_documented(spec, with_findings, course, people):
    ids = {
        "inspection_id": with_findings.pk,
        "recommendation_id": with_findings.recommendations.first().pk,
        "course_id": course.pk,
    }
    for path, method, operation in ours(spec):
        for user in (people.nganh_admin, people.bvdk_chutich):
            _token, raw = ApiToken.issue(user)
            response = call(ApiClient(token=raw), method, fill(path, ids), operation, {})
            check_against_document(spec, operation, response, f"{method.upper()} {path}")
            assert response.status_code < 500
