"""Drafting and editing a movement; amending it after the launch with a recorded reason."""

import pytest

from tests.movements.conftest import days
from thidua.core import audit
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition, StaleVersion
from thidua.core.models import AuditEntry, Notification
from thidua.movements import services
from thidua.movements.models import MovementAmendment


def test_create_records_targets_audience_and_audit(draft, people):
    movement = draft(audience_employer_types=["public_service", "public_service"])

    assert movement.audience == {"employer_types": ["public_service"]}
    assert [t.as_dict() for t in movement.targets.all()] == [
        {"name": "CĐCS xây dựng kế hoạch hưởng ứng", "target_value": 100, "unit": "%"}
    ]
    entry = audit.history(movement).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == people.nganh_admin


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"ends_on": days(-20)}, "ends_on"),
        ({"plan_due_on": days(300)}, "plan_due_on"),
        ({"midterm_review_due_on": days(-30)}, "midterm_review_due_on"),
        ({"final_review_due_on": days(-30)}, "final_review_due_on"),
        ({"audience_employer_types": ["hospital"]}, "audience.employer_types"),
        ({"targets": [{"name": "", "target_value": 1, "unit": ""}]}, "targets.0.name"),
        (
            {"targets": [{"name": "A", "target_value": "nhiều", "unit": ""}]},
            "targets.0.target_value",
        ),
        ({"targets": [{"name": "A", "target_value": -1, "unit": ""}]}, "targets.0.target_value"),
        ({"kind": "yearly"}, "kind"),
    ],
)
def test_invalid_drafts_are_refused_with_the_field(draft, fields, field):
    with pytest.raises(InvalidInput) as caught:
        draft(**fields)
    assert field in {e["field"] for e in caught.value.errors}


def test_a_grassroots_officer_cannot_draft_for_the_sector(draft, people):
    with pytest.raises(Forbidden):
        draft(by=people.bvdk_thidua)


def test_a_draft_is_edited_with_its_version(draft, people):
    movement = draft()
    movement = services.update_movement(
        movement,
        by=people.nganh_thidua,
        version=movement.version,
        title="Giỏi việc nước, Đảm việc nhà năm 2026",
        targets=[{"name": "Nữ đoàn viên đăng ký", "target_value": "95,5", "unit": "%"}],
    )
    assert movement.title == "Giỏi việc nước, Đảm việc nhà năm 2026"
    assert movement.version == 2
    assert movement.targets.get().value == 95.5
    with pytest.raises(StaleVersion):
        services.update_movement(movement, by=people.nganh_admin, version=1, title="Cũ")


def test_a_launched_movement_is_not_edited(launched, people):
    with pytest.raises(InvalidTransition):
        services.update_movement(launched, by=people.nganh_admin, title="Đổi tên")


def test_amending_a_launched_movement_records_what_changed_and_why(launched, people):
    new_end = days(230)
    movement = services.amend_movement(
        launched,
        by=people.nganh_thidua,
        reason="Kéo dài theo chỉ đạo của LĐLĐ tỉnh",
        ends_on=new_end,
        final_review_due_on=days(240),
    )

    amendment = MovementAmendment.objects.get(movement=movement)
    assert amendment.by == people.nganh_thidua
    assert amendment.reason == "Kéo dài theo chỉ đạo của LĐLĐ tỉnh"
    assert amendment.after == {
        "ends_on": new_end.isoformat(),
        "final_review_due_on": days(240).isoformat(),
    }
    assert set(amendment.before) == {"ends_on", "final_review_due_on"}
    assert movement.ends_on == new_end
    assert Notification.objects.filter(key=f"movement-amend-{amendment.pk}").count() == 4


def test_an_amendment_needs_a_reason_and_a_change_and_keeps_the_audience(launched, people):
    with pytest.raises(InvalidInput) as caught:
        services.amend_movement(launched, by=people.nganh_admin, reason="", title="Mới")
    assert {e["field"] for e in caught.value.errors} == {"reason"}
    with pytest.raises(InvalidInput):
        services.amend_movement(launched, by=people.nganh_admin, reason="Không đổi gì")
    with pytest.raises(InvalidInput) as caught:
        services.amend_movement(
            launched, by=people.nganh_admin, reason="Mở rộng", audience_employer_types=[]
        )
    assert "audience" in {e["field"] for e in caught.value.errors}
    assert not MovementAmendment.objects.exists()


def test_a_draft_is_not_amended(draft, people):
    with pytest.raises(InvalidTransition):
        services.amend_movement(draft(), by=people.nganh_admin, reason="x", title="y")
