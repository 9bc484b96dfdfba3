"""Submitting a nomination: each check refuses with its code and message, in order."""

import pytest

from tests.nominations.conftest import YEAR, discipline, make_member
from thidua.core.exceptions import Conflict, InvalidTransition, RuleViolation
from thidua.nominations import quotas, services
from thidua.nominations.models import Nomination


def test_submit_with_everything_in_order_takes_a_quota_place(nominate, bvdk_quota, people):
    nomination = services.submit_nomination(nominate(), by=people.bvdk_chutich)
    assert nomination.status == "submitted"
    assert nomination.eligibility == {"eligible": True, "reasons": []}
    assert quotas.usage_of(bvdk_quota).used == 1
    assert quotas.usage_of(bvdk_quota).remaining == 2


def test_duplicate_anywhere_in_the_tree_is_refused_409_naming_the_unit(
    nominate, bvdk_quota, sector_quota, people, tree
):
    member = make_member(tree.bvdk)
    services.submit_nomination(nominate(member), by=people.bvdk_chutich)
    second = nominate(member, org=tree.sector, by=people.nganh_admin)
    with pytest.raises(Conflict) as exc:
        services.submit_nomination(second, by=people.nganh_admin)
    assert tree.bvdk.name in str(exc.value.detail)
    assert Nomination.objects.get(pk=second.pk).status == "draft"


def test_ineligible_nominee_is_refused_422_with_the_reasons(nominate, bvdk_quota, people, tree):
    member = make_member(tree.bvdk)
    discipline(member)
    nomination = nominate(member)
    with pytest.raises(RuleViolation) as exc:
        services.submit_nomination(nomination, by=people.bvdk_chutich)
    assert exc.value.status == 422 and exc.value.reasons
    assert Nomination.objects.get(pk=nomination.pk).status == "draft"


def test_score_below_the_minimum_is_refused_422(nominate, bvdk_quota, people):
    nomination = nominate(self_scores={"TC1": 10, "TC2": 10})
    with pytest.raises(RuleViolation) as exc:
        services.submit_nomination(nomination, by=people.bvdk_chutich)
    assert any("60" in reason for reason in exc.value.reasons)


def test_required_criterion_at_zero_is_refused(nominate, bvdk_quota, people):
    nomination = nominate(self_scores={"TC1": 60, "TC2": 0})
    with pytest.raises(RuleViolation) as exc:
        services.submit_nomination(nomination, by=people.bvdk_chutich)
    assert any("TC2" in reason for reason in exc.value.reasons)


def test_missing_dossier_part_is_refused_422_listing_it(nominate, bvdk_quota, people):
    nomination = nominate(with_dossier=False)
    with pytest.raises(RuleViolation) as exc:
        services.submit_nomination(nomination, by=people.bvdk_chutich)
    assert len(exc.value.reasons) == 2
    assert "Submission (TTr)" in str(exc.value.detail) or "Tờ trình" in str(exc.value.detail)


def test_without_any_quota_it_is_refused_422(nominate, people):
    with pytest.raises(RuleViolation) as exc:
        services.submit_nomination(nominate(), by=people.bvdk_chutich)
    assert exc.value.reasons


def test_beyond_the_quota_is_refused_with_the_numbers(nominate, bvdk_quota, people):
    for _ in range(3):
        services.submit_nomination(nominate(), by=people.bvdk_chutich)
    fourth = nominate()
    with pytest.raises(RuleViolation) as exc:
        services.submit_nomination(fourth, by=people.bvdk_chutich)
    detail = str(exc.value.detail)
    assert "3" in detail and "0" in detail
    assert Nomination.objects.get(pk=fourth.pk).status == "draft"


def test_a_unit_without_its_own_quota_draws_on_the_sector_minus_reserved_places(
    nominate, bvdk_quota, people, tree
):
    # the sector holds 10, BVDK's 3 are reserved: BVNHI may take 7.
    for _ in range(7):
        services.submit_nomination(
            nominate(org=tree.bvnhi, by=people.bvnhi_thidua), by=people.bvnhi_chutich
        )
    with pytest.raises(RuleViolation):
        services.submit_nomination(
            nominate(org=tree.bvnhi, by=people.bvnhi_thidua), by=people.bvnhi_chutich
        )
    services.submit_nomination(nominate(), by=people.bvdk_chutich)


def test_an_award_without_quota_needs_none(free_award, nominate, people):
    nomination = nominate(award_type=free_award, self_scores={})
    assert services.submit_nomination(nomination, by=people.bvdk_chutich).status == "submitted"


def test_a_submitted_nomination_cannot_be_submitted_again(nominate, bvdk_quota, people):
    nomination = services.submit_nomination(nominate(), by=people.bvdk_chutich)
    with pytest.raises(InvalidTransition):
        services.submit_nomination(nomination, by=people.bvdk_chutich)


def test_year_of_the_fixture_is_the_quota_year(bvdk_quota):
    assert bvdk_quota.year == YEAR
