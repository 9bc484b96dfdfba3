import pytest

from tests.documents.samples import Pki
from thidua.documents.models import DocumentType


@pytest.fixture
def types(db):
    """The seeded document types by code."""
    return {t.code: t for t in DocumentType.objects.all()}


@pytest.fixture(scope="session")
def pki():
    return Pki()


@pytest.fixture
def make_document(people, types):
    """Create a draft through the service (as bvdk.thidua at BVDK unless told otherwise)."""
    from thidua.documents import services

    def make(org=None, by=None, doc_type="KH", title="Kế hoạch thi đua", **fields):
        return services.create_document(
            org=org or people.bvdk_thidua.home_org,
            by=by or people.bvdk_thidua,
            doc_type=doc_type,
            title=title,
            **fields,
        )

    return make


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    """The sector admin's mandatory two-factor is tested in accounts; pages here skip it."""
    settings.TWO_FACTOR_REQUIRED_ROLES = []
