"""The demo movements: the six of the seed plan, launched with the right audiences and a mix of
plan states, and one draft for the demo journey."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from thidua.core.exceptions import RuleViolation
from thidua.movements import indicators, services
from thidua.movements.models import Movement, MovementStatus, PlanStatus, UnitPlan
from thidua.organizations.models import OrgKind, OrgUnit


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_movements(demo):
    movements = {m.title: m for m in Movement.objects.all()}
    assert len(movements) == 6
    sector = OrgUnit.objects.get(code="CDN-YT")
    grassroots = OrgUnit.objects.filter(
        kind=OrgKind.GRASSROOTS_UNION, active=True, path__startswith=sector.path
    )

    everyone = movements["Đổi mới, sáng tạo, hiệu quả trong hoạt động công đoàn"]
    assert everyone.plans.count() == grassroots.count() == 34
    assert everyone.status == MovementStatus.CLOSED and everyone.final_review_summary
    enterprise = movements["Lao động giỏi, Lao động sáng tạo"]
    assert set(enterprise.plans.values_list("org__employer_type", flat=True)) <= {
        "state_enterprise",
        "private_enterprise",
        "fdi_enterprise",
    }
    public = movements["Tham mưu giỏi, phục vụ tốt"]
    assert public.plans.get(org__code="BVDK").status == PlanStatus.ACCEPTED
    assert public.plans.get(org__code="BVNHI").status == PlanStatus.RETURNED
    assert movements["Xanh - Sạch - Đẹp"].status == MovementStatus.DRAFT
    launched = [m for m in movements.values() if m.launch_document_id]
    assert len(launched) == 5
    numbers = {m.launch_document.number_symbol for m in launched}
    assert len(numbers) == 5
    assert all(re.fullmatch(r"\d{2,}/KH-CĐN", number) for number in numbers)
    statuses = set(UnitPlan.objects.values_list("status", flat=True))
    assert statuses == {"pending", "submitted", "accepted", "returned"}

    year = 2026
    plans = indicators.plans_submitted(year, sector)
    assert 0 < plans["done"] < plans["total"]
    reviewed = indicators.movements_reviewed(year, sector)
    assert reviewed["done"] == 1 and reviewed["total"] >= 3


def test_the_demo_draft_can_be_launched_with_a_confirmation(demo):
    from thidua.accounts.models import User

    draft = Movement.objects.get(status=MovementStatus.DRAFT)
    admin = User.objects.get(username="nganh.admin")
    warnings = services.movement_warnings(draft)
    if warnings["confirmation_required"]:
        with pytest.raises(RuleViolation):
            services.launch_movement(draft, by=admin)
    movement = services.launch_movement(draft, by=admin, confirm=True)
    assert movement.plans.count() == 34
