"""Fixtures of the dashboard tests."""

import pytest


@pytest.fixture
def api_client(db):
    """``api_client(user)``: a client with a fresh bearer token of ``user`` (None: no token)."""
    from tests.api.helpers import ApiClient
    from thidua.accounts.models import ApiToken

    def make(user):
        if user is None:
            return ApiClient()
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw)

    return make
