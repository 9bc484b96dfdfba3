"""Helpers of the API tests: a bearer-token client and the problem-details assertion."""

import json

from django.test import Client

API = "/api/v1"


class ApiClient(Client):
    """A test client that authenticates with a bearer token and sends JSON bodies by default.

    ``post``/``put``/``patch`` encode a dict as JSON unless ``content_type`` says otherwise (pass
    ``django.test.client.MULTIPART_CONTENT`` for uploads). ``user`` and ``token`` are the caller's.
    """

    def __init__(self, user=None, token=None, **kwargs):
        headers = kwargs.pop("headers", {}) or {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        super().__init__(headers=headers, **kwargs)
        self.user = user
        self.token = token

    def _json(self, method, path, data=None, content_type="application/json", **extra):
        if content_type == "application/json" and not isinstance(data, str | bytes):
            data = json.dumps(data if data is not None else {})
        return getattr(super(), method)(path, data, content_type=content_type, **extra)

    def post(self, path, data=None, content_type="application/json", **extra):
        return self._json("post", path, data, content_type, **extra)

    def patch(self, path, data=None, content_type="application/json", **extra):
        return self._json("patch", path, data, content_type, **extra)

    def put(self, path, data=None, content_type="application/json", **extra):
        return self._json("put", path, data, content_type, **extra)


def assert_problem(response, status, *, field=None):
    """``response`` is a problem of ``status``; with ``field``, one of its errors is on it."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["type"].startswith("/api/v1/problems/")
    if field is not None:
        assert field in {e["field"] for e in body["errors"]}, body
    return body
