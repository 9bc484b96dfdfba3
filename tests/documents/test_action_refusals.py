"""A user who sees a document but may not act on it is refused (403), not sent back with a note."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.documents import samples
from thidua.documents.models import DocumentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_document):
    return make_document(title="Kế hoạch BVDK")


def test_the_sector_officer_may_not_issue_a_unit_document(client, people, draft):
    client.force_login(people.nganh_thidua)
    response = client.post(
        reverse("documents:document_issue", args=[draft.pk]), {"issued_on": "01/02/2026"}
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT
    assert draft.number is None


@pytest.mark.parametrize("username", ["hoidong", "kiemtra", "ldld"])
def test_readers_may_not_cancel_or_attach(client, people, draft, username):
    client.force_login(getattr(people, username))
    cancel = client.post(
        reverse("documents:document_cancel", args=[draft.pk]), {"reason": "Ban hành nhầm"}
    )
    attach = client.post(
        reverse("documents:document_attach", args=[draft.pk]),
        {"file": SimpleUploadedFile("ban-chinh.pdf", samples.pdf_bytes("A"), "application/pdf")},
    )
    assert (cancel.status_code, attach.status_code) == (403, 403)
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT
    assert draft.file is None
