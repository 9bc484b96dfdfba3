"""Fixtures of the awards tests: the seeded catalogue, always present."""

import importlib

import pytest

from tests.api.conftest import api_client  # noqa: F401  (the API tests' client fixture)


@pytest.fixture(autouse=True)
def catalogue(db):
    """The catalogue, base salaries and rules of the data migration (re-seeded after a flush)."""
    from django.apps import apps

    from thidua.awards.models import AwardType

    if not AwardType.objects.filter(code="LDTT").exists():
        importlib.import_module("thidua.awards.migrations.0002_seed_catalogue").seed(apps, None)
    return {award.code: award for award in AwardType.objects.all()}
