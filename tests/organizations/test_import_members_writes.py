"""How the member import writes new members (COPY on PostgreSQL, one INSERT elsewhere): the same
record as a member saved one by one, the word index and the unit counts kept, and a member added
meanwhile with a code of the file refused as a whole."""

import pytest
from django.db import connection
from django.utils import translation

from tests.factories import MemberFactory
from tests.organizations.test_import_members import three_members
from thidua.core.exceptions import InvalidInput
from thidua.organizations import imports as org_imports
from thidua.organizations.imports import import_members
from thidua.organizations.models import Member, MemberNameWord

pytestmark = pytest.mark.django_db

# Columns a saved member and an imported one may differ in.
OWN = {"id", "created_at", "updated_at"}


def record(member):
    return {
        field.attname: getattr(member, field.attname)
        for field in Member._meta.concrete_fields
        if field.attname not in OWN
    }


def test_an_imported_member_is_the_record_a_save_makes(people, tree):
    import_members(three_members(), by=people.bvdk_thidua)

    names = ["Phạm Thị Lan", "Phan Văn Tài", "Lý Thị Hoa"]
    for imported in Member.objects.filter(full_name__in=names):
        fields = {**record(imported), "code": ""}  # the code is unique in the unit
        saved = Member(**{k: v for k, v in fields.items() if k != "version"})
        saved.save()
        saved.refresh_from_db()
        assert record(imported) == {**record(saved), "code": imported.code}
        assert imported.version == 1 and imported.active
        assert imported.created_at == imported.updated_at
        saved.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the word index is PostgreSQL's")
def test_imported_members_are_in_the_word_index(people):
    import_members(three_members(), by=people.bvdk_thidua)

    words = set(MemberNameWord.objects.values_list("member__full_name", "word"))
    assert {("Phạm Thị Lan", "lan"), ("Phan Văn Tài", "tai"), ("Lý Thị Hoa", "hoa")} <= words


@pytest.mark.django_db(transaction=True)
def test_imported_members_are_counted_in_their_units_after_the_commit(people, tree):
    import_members(three_members(), by=people.bvdk_thidua)

    for unit in (tree.bvdk, tree.bvdk_group, tree.tld):
        unit.refresh_from_db()
        members = Member.objects.filter(org_path__startswith=unit.path, active=True)
        assert unit.member_count == members.count()
    assert Member.objects.filter(org_path__startswith=tree.bvdk_group.path).count() >= 1


def test_a_code_taken_while_the_file_was_checked_refuses_the_whole_file(people, tree, monkeypatch):
    match = org_imports._MemberImport._match

    def match_then_someone_adds_dv101(self, parsed):
        match(self, parsed)
        MemberFactory(org=tree.bvdk, code="DV101", full_name="Người Khác")

    monkeypatch.setattr(org_imports._MemberImport, "_match", match_then_someone_adds_dv101)
    count = Member.objects.count()

    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        import_members(three_members(), by=people.bvdk_thidua)

    assert caught.value.errors[0]["message"] == (
        "The members changed while the file was being imported; import it again."
    )
    assert Member.objects.count() == count + 1  # only the member added meanwhile
