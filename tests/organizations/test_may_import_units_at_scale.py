"""Who may use the unit import, decided with a few one-row queries, not a check per visible unit
(a viewer of the Confederation sees 300,000 units: see bench/README.md, National scale)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_org, user_with_role
from thidua.accounts.models import User
from thidua.accounts.roles import Role
from thidua.organizations.imports import may_import_units
from thidua.organizations.models import OrgKind

pytestmark = pytest.mark.django_db


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_roles_that_add_units_somewhere_may_import(tree, people):
    assert may_import_units(fresh(people.nganh_admin))
    assert may_import_units(fresh(people.bvdk_chutich))


def test_roles_that_add_units_nowhere_may_not(tree, people):
    viewer = user_with_role(Role.VIEWER, tree.tld, username="tld.viewer")
    for user in (viewer, people.nganh_thidua, people.bvdk_thidua, people.hoidong):
        assert not may_import_units(fresh(user))


def test_a_chair_whose_union_is_inactive_may_not(tree, people):
    tree.bvdk.active = False
    tree.bvdk.save()

    assert not may_import_units(fresh(people.bvdk_chutich))


def test_only_one_row_queries_whatever_the_number_of_units(tree):
    for number in range(30):
        make_org(OrgKind.GRASSROOTS_UNION, tree.sector, code=f"CS{number:03d}")
    viewer = fresh(user_with_role(Role.VIEWER, tree.tld, username="tld.viewer"))

    with CaptureQueriesContext(connection) as queries:
        assert not may_import_units(viewer)

    unit_reads = [q["sql"] for q in queries if 'FROM "organizations_orgunit"' in q["sql"]]
    assert unit_reads
    assert all("LIMIT 1" in sql for sql in unit_reads)
