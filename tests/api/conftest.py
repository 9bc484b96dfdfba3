"""Fixtures of the API tests: ``api_client(user)`` sends requests with a fresh bearer token."""

import pytest

from tests.api.helpers import ApiClient
from thidua.accounts.models import ApiToken


@pytest.fixture
def api_client(db):
    """``api_client(user)`` → an ``ApiClient`` holding a new token of ``user``.

    ``api_client(None)`` gives a client without a token. Extra keyword arguments go to the client
    (for example ``headers={"Accept-Language": "en"}``).
    """

    def make(user, **kwargs):
        if user is None:
            return ApiClient(**kwargs)
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw, **kwargs)

    return make
