"""Reading a member's personal data leaves an audit entry, at most one per user, member and kind
in the configured window."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.api.helpers import ApiClient
from tests.factories import verified_login
from thidua.accounts.models import ApiToken
from thidua.core.models import AuditEntry
from thidua.privacy import access_log

pytestmark = pytest.mark.django_db


def _accesses(**filters):
    return AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, **filters)


def _view(client, member):
    return client.get(reverse("organizations:member_detail", args=[member.pk]))


def test_viewing_a_member_page_is_logged_once_per_window(client, people, settings):
    settings.PRIVACY_ACCESS_LOG_WINDOW = 600
    verified_login(client, people.bvdk_thidua)
    assert _view(client, people.hong).status_code == 200
    _view(client, people.hong)
    entry = _accesses().get()
    assert entry.actor == people.bvdk_thidua
    assert entry.object_id == str(people.hong.pk)
    assert entry.after == {"access": access_log.VIEWED_MEMBER}
    assert entry.org_path == people.hong.org_path


def test_a_new_entry_after_the_window(client, people, settings):
    verified_login(client, people.bvdk_thidua)
    settings.PRIVACY_ACCESS_LOG_WINDOW = 600
    _view(client, people.hong)
    settings.PRIVACY_ACCESS_LOG_WINDOW = 0
    _view(client, people.hong)
    assert _accesses().count() == 2


def test_each_user_and_each_member_has_its_own_entry(client, people):
    verified_login(client, people.bvdk_thidua)
    _view(client, people.hong)
    _view(client, people.nurse)
    verified_login(client, people.nganh_admin)
    _view(client, people.hong)
    assert _accesses().count() == 3
    assert _accesses(actor=people.nganh_admin, object_id=str(people.hong.pk)).exists()


def test_member_reading_their_own_page_is_not_logged(client, people):
    verified_login(client, people.doanvien)
    assert _view(client, people.hong).status_code == 200
    assert not _accesses().exists()


def test_refused_page_is_not_logged(client, people):
    verified_login(client, people.bvnhi_thidua)
    assert _view(client, people.hong).status_code == 404
    assert not _accesses().exists()


def test_api_member_detail_is_logged_once_per_window(people):
    _token, raw = ApiToken.issue(people.nganh_thidua, name="test")
    client = ApiClient(user=people.nganh_thidua, token=raw)
    for _ in range(2):
        assert client.get(f"/api/v1/members/{people.hong.pk}").status_code == 200
    entry = _accesses().get()
    assert entry.actor == people.nganh_thidua
    assert entry.after["access"] == access_log.API_READ_MEMBER
    assert client.get(f"/api/v1/members/{people.child_doctor.pk}").status_code == 200
    assert _accesses().count() == 2


def test_member_list_export_is_logged_on_the_chosen_unit(client, people, tree):
    verified_login(client, people.bvdk_thidua)
    response = client.get(reverse("organizations:member_export") + f"?org={tree.bvdk.pk}&q=hong")
    assert response.status_code == 200
    entry = _accesses().get()
    assert entry.content_type.model == "orgunit"
    assert entry.object_id == str(tree.bvdk.pk)
    assert entry.after == {
        "access": access_log.EXPORTED_MEMBER_LIST,
        "filters": {"org": str(tree.bvdk.pk), "q": "hong"},
    }


def test_member_list_export_refused_is_not_logged(client, people):
    verified_login(client, people.doanvien)
    assert client.get(reverse("organizations:member_export")).status_code == 403
    assert not _accesses().exists()


def test_audit_page_lists_the_accesses_under_their_action(client, people):
    verified_login(client, people.bvdk_thidua)
    _view(client, people.hong)
    verified_login(client, people.nganh_admin)
    response = client.get(reverse("core:audit_list") + "?action=access")
    assert response.status_code == 200
    page = response.content.decode()
    assert people.hong.full_name in page
    assert escape(str(access_log.DESCRIPTIONS[access_log.VIEWED_MEMBER])) in page
