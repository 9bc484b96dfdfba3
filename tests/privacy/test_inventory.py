"""The inventory of personal data covers every model that points at a member or their user."""

import pytest
from django.apps import apps
from django.conf import settings

from tests.privacy.records import one_of_each
from thidua.organizations.models import Member
from thidua.privacy.inventory import DERIVED_COPIES, SOURCES, is_actor_stamp
from thidua.privacy.models import Anonymisation


def _relations_to(target):
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is target:
                yield model, field


def _declared():
    """``(model label, field)`` pairs the sources follow; the member record is exported whole."""
    pairs = {(source.model_label, source.lookup.split("__")[0]) for source in SOURCES}
    return pairs | {("organizations.Member", field.name) for field in Member._meta.get_fields()}


def test_every_model_with_a_relation_to_member_is_in_the_inventory():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in _relations_to(Member)
        if (model._meta.label, field.name) not in _declared()
        and model._meta.label not in DERIVED_COPIES
    ]
    assert not missing, f"add these to privacy/inventory.py SOURCES: {missing}"


def test_every_relation_to_a_user_is_in_the_inventory_or_an_actor_stamp():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in _relations_to(user_model)
        if (model._meta.label, field.name) not in _declared() and not is_actor_stamp(model, field)
    ]
    assert not missing, f"add these to privacy/inventory.py SOURCES: {missing}"


def test_keys_are_unique():
    keys = [source.key for source in SOURCES]
    assert len(keys) == len(set(keys))


def test_secrets_are_never_exported():
    for source in SOURCES:
        names = {field.name for field in source.exported_fields()}
        assert not names & {"password", "key", "key_hash", "search_key"}, source.key


@pytest.mark.django_db
def test_each_source_finds_the_members_rows_and_no_one_elses(tree, people):
    one_of_each(people.hong, tree=tree, people=people)
    Anonymisation.objects.create(member=people.hong, by=people.nganh_admin, reason="Kiểm thử")
    for source in SOURCES:
        hers = set(source.queryset(people.hong).values_list("pk", flat=True))
        others = set(source.queryset(people.child_doctor).values_list("pk", flat=True))
        assert hers, source.key
        assert not hers & others, source.key
