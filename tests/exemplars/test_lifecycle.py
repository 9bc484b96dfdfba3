"""An exemplar's life: found → verified → honoured, with refusals from the wrong state."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.exemplars.conftest import STORY
from tests.factories import make_org
from thidua.core.audit import history
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition, StaleVersion
from thidua.core.workflow import transitions_of
from thidua.exemplars import services
from thidua.exemplars.models import ExemplarStatus
from thidua.organizations.models import OrgKind

pytestmark = pytest.mark.django_db


def test_a_found_exemplar_is_verified_then_honoured_with_its_timeline(found, people):
    exemplar = found(title="Nữ điều dưỡng tuyến đầu", achievements="300 ca bệnh nặng")
    assert exemplar.status == ExemplarStatus.FOUND
    assert exemplar.found_by == people.bvnhi_thidua

    services.verify_exemplar(exemplar, by=people.nganh_thidua)
    exemplar.refresh_from_db()
    assert exemplar.status == ExemplarStatus.VERIFIED
    assert exemplar.verified_by == people.nganh_thidua and exemplar.verified_at

    services.honor_exemplar(
        exemplar,
        by=people.nganh_admin,
        honored_on=datetime.date(2025, 11, 20),
        how="award",
        award_reference="Quyết định 12/QĐ-CĐN",
    )
    exemplar.refresh_from_db()
    assert exemplar.status == ExemplarStatus.HONORED
    assert exemplar.how == "award" and exemplar.award_reference == "Quyết định 12/QĐ-CĐN"
    steps = [(t.from_state, t.to_state) for t in transitions_of(exemplar)]
    assert steps == [("", "found"), ("found", "verified"), ("verified", "honored")]
    assert [e.action for e in history(exemplar)] == ["transition", "transition", "create"]


def test_wrong_states_are_refused_with_409(found, verified, honored, people):
    with pytest.raises(InvalidTransition):
        services.honor_exemplar(
            found(member=people.child_doctor),
            by=people.nganh_thidua,
            honored_on=datetime.date(2025, 1, 1),
            how="news",
        )
    with pytest.raises(InvalidTransition):
        services.verify_exemplar(honored, by=people.nganh_thidua)
    with pytest.raises(InvalidTransition):
        services.honor_exemplar(
            honored, by=people.nganh_thidua, honored_on=datetime.date(2025, 1, 1), how="news"
        )


def test_a_stale_version_is_refused(found, people):
    exemplar = found()
    with pytest.raises(StaleVersion):
        services.verify_exemplar(exemplar, by=people.nganh_thidua, version=exemplar.version + 1)
    exemplar.refresh_from_db()
    assert exemplar.status == ExemplarStatus.FOUND


def test_only_sector_roles_verify_and_honour(found, people):
    exemplar = found()
    for user in (people.bvnhi_chutich, people.bvnhi_thidua, people.kiemtra, people.hoidong):
        with pytest.raises(Forbidden):
            services.verify_exemplar(exemplar, by=user)
    exemplar.refresh_from_db()
    assert exemplar.status == ExemplarStatus.FOUND


def test_honour_needs_a_valid_past_date_and_a_known_way(verified, people):
    future = datetime.date.today() + datetime.timedelta(days=3)
    with pytest.raises(InvalidInput) as exc:
        services.honor_exemplar(verified, by=people.nganh_thidua, honored_on=future, how="party")
    assert {e["field"] for e in exc.value.errors} == {"honored_on", "how"}
    verified.refresh_from_db()
    assert verified.status == ExemplarStatus.VERIFIED


def test_create_requires_one_nominee_a_story_and_a_known_source(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.create_exemplar(
            by=people.bvdk_thidua,
            owner_org=tree.bvdk,
            member=people.nurse,
            org=tree.bvdk_group,
            source="rumour",
            story="  ",
        )
    assert {e["field"] for e in exc.value.errors} == {"member_id", "source", "story"}


def test_a_unit_records_only_exemplars_of_its_subtree(people, tree):
    with pytest.raises(Forbidden):
        services.create_exemplar(
            by=people.bvdk_thidua,
            owner_org=tree.bvnhi,
            member=people.child_doctor,
            source="field_visit",
            story=STORY,
        )
    with pytest.raises(InvalidInput):
        services.create_exemplar(
            by=people.nganh_thidua,
            owner_org=tree.bvdk,
            member=people.child_doctor,
            source="field_visit",
            story=STORY,
        )
    for user in (people.doanvien, people.ldld, people.hoidong):
        with pytest.raises(Forbidden):
            services.create_exemplar(
                by=user, owner_org=tree.bvdk, member=people.nurse, source="other", story=STORY
            )


def test_a_collective_exemplar_and_the_covid_frontline_source(people, tree):
    exemplar = services.create_exemplar(
        by=people.bvdk_chutich,
        owner_org=tree.bvdk,
        org=tree.bvdk_group,
        source="covid_frontline",
        story="Khoa Nội tiếp nhận bệnh nhân Covid-19 nặng trong đợt dịch thứ tư.",
    )
    assert exemplar.is_collective and exemplar.nominee_name == tree.bvdk_group.name
    with pytest.raises(InvalidInput):
        services.create_exemplar(
            by=people.nganh_admin, owner_org=tree.sector, org=tree.ldld, source="other", story="x"
        )


def test_an_inspection_that_found_the_exemplar_is_linked_generically(people, tree):
    inspection = make_org(OrgKind.UNION_GROUP, tree.bvnhi, code="INS-1")  # any saved record
    exemplar = services.create_exemplar(
        by=people.kiemtra,
        owner_org=tree.sector,
        member=people.child_doctor,
        source="inspection",
        story=STORY,
        inspection=inspection,
    )
    assert exemplar.inspection == inspection
    assert exemplar.inspection_type == ContentType.objects.get_for_model(inspection)
    with pytest.raises(InvalidInput):
        services.create_exemplar(
            by=people.kiemtra,
            owner_org=tree.sector,
            member=people.child_doctor,
            source="media",
            story=STORY,
            inspection=inspection,
        )
