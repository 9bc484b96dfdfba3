"""Revoking an award: the record leaves the effective history, the decision's status follows,
the trail is kept, and bad input changes nothing."""

import datetime

import pytest

from thidua.awards.models import AwardRecord
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput
from thidua.core.models import AuditEntry
from thidua.decisions import services
from thidua.decisions.models import DecisionStatus, Revocation

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def decision(issue, sector_nominations):
    return issue(sector_nominations)


def revoke(item, by, **overrides):
    values = {
        "reason": "false_declaration",
        "detail": "",
        "revocation_number": "09/QĐ-CĐN",
        "revoked_on": TODAY,
        "amount_recovered": item.amount,
    }
    values.update(overrides)
    return services.revoke_award(item, by=by, **values)


def test_revocation_revokes_the_record_and_marks_the_decision(decision, people):
    first, second = decision.items.all()
    revocation = revoke(first, people.nganh_admin)
    assert revocation.amount_recovered == first.amount
    first.award_record.refresh_from_db()
    assert first.award_record.revoked
    assert not AwardRecord.objects.effective().filter(pk=first.award_record_id).exists()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PARTIALLY_REVOKED
    revoke(second, people.nganh_admin, reason="other", detail="Kỷ luật sau khen thưởng")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.REVOKED


def test_revocation_is_in_the_audit_trail(decision, people):
    item = decision.items.first()
    revoke(item, people.nganh_admin)
    entry = AuditEntry.objects.filter(
        object_id=str(decision.pk), content_type__model="decision", comment="09/QĐ-CĐN"
    ).get()
    assert entry.actor == people.nganh_admin
    assert entry.after["revocation"]["reason"] == "false_declaration"
    assert (
        AuditEntry.objects.filter(
            object_id=str(item.award_record_id), content_type__model="awardrecord"
        ).count()
        == 2
    )  # created, then revoked


def test_an_award_is_revoked_once(decision, people):
    item = decision.items.first()
    revoke(item, people.nganh_admin)
    with pytest.raises(Conflict):
        revoke(item, people.nganh_admin)
    assert Revocation.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"reason": "whim"}, "reason"),
        ({"reason": "other", "detail": ""}, "detail"),
        ({"revocation_number": "  "}, "revocation_number"),
        ({"revoked_on": TODAY + datetime.timedelta(days=1)}, "revoked_on"),
        ({"revoked_on": datetime.date(2020, 1, 1)}, "revoked_on"),
        ({"amount_recovered": 10**9}, "amount_recovered"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(decision, people, overrides, field):
    item = decision.items.first()
    with pytest.raises(InvalidInput) as caught:
        revoke(item, people.nganh_admin, **overrides)
    assert field in {error["field"] for error in caught.value.errors}
    assert not Revocation.objects.exists()
    item.award_record.refresh_from_db()
    assert not item.award_record.revoked


@pytest.mark.parametrize("username", ["nganh.thidua", "bvdk.chutich", "doanvien", "ldld"])
def test_only_the_sector_admin_revokes(decision, people, username):
    with pytest.raises(Forbidden):
        revoke(decision.items.first(), people.users[username])
    assert not Revocation.objects.exists()
