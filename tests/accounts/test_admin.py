"""Django admin of users, role assignments and API tokens (superusers only; hashes read-only)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from thidua.accounts.models import ApiToken


@pytest.fixture
def root(client, db):
    user = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_admin_lists_users_roles_and_tokens(client, people, root):
    ApiToken.issue(people.bvdk_thidua, name="script")
    for name in ("user", "roleassignment", "apitoken"):
        response = client.get(reverse(f"admin:accounts_{name}_changelist"))
        assert response.status_code == 200, name
    response = client.get(reverse("admin:accounts_user_change", args=[people.bvdk_thidua.pk]))
    assert response.status_code == 200


def test_token_hash_is_read_only_and_tokens_are_not_added_here(client, people, root):
    token, _raw = ApiToken.issue(people.bvdk_thidua, name="script")
    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    assert 'name="key_hash"' not in page.content.decode()
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_admin_action_revokes_tokens_with_an_audit_entry(client, people, root):
    token, _raw = ApiToken.issue(people.bvdk_thidua, name="script")
    response = client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    assert not ApiToken.objects.usable().filter(pk=token.pk).exists()


def test_staff_of_the_union_do_not_reach_the_django_admin(client, people):
    client.force_login(people.bvdk_thidua)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
