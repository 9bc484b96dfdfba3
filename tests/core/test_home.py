"""The start page tells each user what they must do now."""

import pytest
from django.urls import reverse

from tests.factories import verified_login
from tests.movements.conftest import movement_fields
from thidua.movements import services as movements

pytestmark = pytest.mark.django_db


@pytest.fixture
def launched(people, tree):
    movement = movements.create_movement(
        org=tree.sector,
        by=people.nganh_admin,
        **movement_fields(title="Tham mưu giỏi, phục vụ tốt"),
    )
    return movements.launch_movement(movement, by=people.nganh_admin)


def test_grassroots_officer_sees_the_plan_to_send(client, people, launched):
    verified_login(client, people.bvdk_thidua)
    response = client.get(reverse("core:home"))
    plan = launched.plans.get(org__code="BVDK")
    assert reverse("movements:plan_detail", args=[plan.pk]) in response.content.decode()


def test_other_union_never_sees_bvdk_plan_on_its_start_page(client, people, launched):
    verified_login(client, people.bvnhi_thidua)
    page = client.get(reverse("core:home")).content.decode()
    bvdk_plan = launched.plans.get(org__code="BVDK")
    assert reverse("movements:plan_detail", args=[bvdk_plan.pk]) not in page


def test_sector_officer_sees_plans_awaiting_review(client, people, launched):
    plan = launched.plans.get(org__code="BVDK")
    movements.submit_plan(plan, by=people.bvdk_thidua, summary="Kế hoạch hưởng ứng của BVDK")
    verified_login(client, people.nganh_thidua)
    response = client.get(reverse("core:home"))
    assert reverse("movements:movement_detail", args=[launched.pk]) in response.content.decode()
    assert response.context["panels"][0].items[0].label == launched.title


def test_member_has_no_work_panels(client, people, launched):
    verified_login(client, people.doanvien)
    assert client.get(reverse("core:home")).context["panels"] == []
