"""Eligibility rules edited on the award type page: the sector admin only, params checked."""

import pytest

from tests.factories import verified_login
from thidua.awards.models import AwardType, EligibilityRule
from thidua.core.models import AuditEntry


@pytest.fixture
def ldtt():
    return AwardType.objects.get(code="LDTT")


def _rule(ldtt, kind):
    return EligibilityRule.objects.get(award_type=ldtt, kind=kind)


def test_sector_admin_adds_a_rule_with_its_fields(client, people, ldtt):
    verified_login(client, people.nganh_admin)
    page = client.get(f"/awards/types/{ldtt.pk}/rules/new/")
    assert page.status_code == 200
    assert 'data-kinds="employment_months membership_months"' in page.content.decode()
    response = client.post(
        f"/awards/types/{ldtt.pk}/rules/new/",
        {
            "kind": "membership_months",
            "months": "12",
            "max_days": "5",  # a field of another kind: ignored
            "message": "Cần %(months)d tháng sinh hoạt",
            "order": "7",
            "active": "on",
        },
    )
    assert response.status_code == 302
    rule = _rule(ldtt, "membership_months")
    assert rule.params == {"months": 12}
    assert rule.message == "Cần %(months)d tháng sinh hoạt" and rule.active
    assert AuditEntry.objects.filter(action="create", object_id=str(rule.pk)).exists()
    detail = client.get(f"/awards/types/{ldtt.pk}/").content.decode()
    assert f"/awards/types/{ldtt.pk}/rules/{rule.pk}/edit/" in detail


def test_sector_admin_edits_a_rule_in_percent_and_stops_applying_it(client, people):
    verified_login(client, people.nganh_admin)
    ttldtt = AwardType.objects.get(code="TTLDTT")
    rule = _rule(ttldtt, "collective_share")
    form = client.get(f"/awards/types/{ttldtt.pk}/rules/{rule.pk}/edit/").context["form"]
    assert form.initial["min_share"] == 50 and form.initial["award_code"] == "LDTT"
    response = client.post(
        f"/awards/types/{ttldtt.pk}/rules/{rule.pk}/edit/",
        {
            "award_code": "LDTT",
            "min_share": "60",
            "order": rule.order,
            "active": "on",
            "version": rule.version,
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.kind == "collective_share"
    assert rule.params == {"award_code": "LDTT", "min_share": "0.6"}
    response = client.post(
        f"/awards/types/{ttldtt.pk}/rules/{rule.pk}/deactivate/", {"version": rule.version}
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert not rule.active
    assert AuditEntry.objects.filter(action="update", object_id=str(rule.pk)).count() == 2


def test_missing_and_invalid_params_are_field_errors(client, people, ldtt):
    verified_login(client, people.nganh_admin)
    count = EligibilityRule.objects.count()
    response = client.post(
        f"/awards/types/{ldtt.pk}/rules/new/", {"kind": "max_absence_days", "max_days": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["max_days"]
    response = client.post(
        f"/awards/types/{ldtt.pk}/rules/new/",
        {"kind": "requires_award_consecutive_years", "award_code": "NOPE", "years": "-1"},
    )
    errors = response.context["form"].errors
    assert "award_code" in errors and "years" in errors
    # a collective kind is not offered for an individual award
    response = client.post(
        f"/awards/types/{ldtt.pk}/rules/new/", {"kind": "collective_share", "min_share": "50"}
    )
    assert "kind" in response.context["form"].errors
    # collective_share needs an award or a rating: the service's error lands on the field
    ttldtt = AwardType.objects.get(code="TTLDTT")
    response = client.post(
        f"/awards/types/{ttldtt.pk}/rules/new/", {"kind": "collective_share", "min_share": "50"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["award_code"]
    assert EligibilityRule.objects.count() == count


@pytest.mark.parametrize("username", ["nganh_thidua", "bvdk_thidua"])
def test_others_see_the_rules_read_only_and_get_403_on_edits(client, people, ldtt, username):
    verified_login(client, getattr(people, username))
    rule = _rule(ldtt, "max_absence_days")
    detail = client.get(f"/awards/types/{ldtt.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert 'data-testid="rules"' in html and "max_days = 39" in html
    assert "/rules/new/" not in html and f"/rules/{rule.pk}/edit/" not in html
    base = f"/awards/types/{ldtt.pk}/rules"
    assert client.get(f"{base}/new/").status_code == 403
    assert (
        client.post(f"{base}/new/", {"kind": "max_absence_days", "max_days": 1}).status_code == 403
    )
    assert client.get(f"{base}/{rule.pk}/edit/").status_code == 403
    assert client.post(f"{base}/{rule.pk}/edit/", {"max_days": 100}).status_code == 403
    assert client.post(f"{base}/{rule.pk}/deactivate/").status_code == 403
    rule.refresh_from_db()
    assert rule.params == {"max_days": 39} and rule.active


def test_a_rule_of_another_award_type_is_404(client, people, ldtt):
    verified_login(client, people.nganh_admin)
    other = EligibilityRule.objects.exclude(award_type=ldtt).first()
    assert client.get(f"/awards/types/{ldtt.pk}/rules/{other.pk}/edit/").status_code == 404
