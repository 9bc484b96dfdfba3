"""Forwarding approved nominations to the upper level: the rules, the batch, quotas, rights."""

import pytest

from thidua.core.exceptions import Forbidden, InvalidTransition, RuleViolation
from thidua.core.models import Notification
from thidua.documents.models import Document
from thidua.forwarding import services
from thidua.forwarding.models import ForwardedNomination, ForwardingBatch, UpperResult
from thidua.nominations import quotas


def test_forwarding_creates_a_batch_with_an_issued_ttr_and_moves_the_nominations(
    tree, people, nominated
):
    first, second = nominated(), nominated()
    batch = services.forward_nominations(
        by=people.nganh_thidua, org=tree.sector, nominations=[first, second]
    )
    assert batch.org == tree.sector
    assert batch.upper_org == tree.ldld
    assert batch.level == "federation"
    assert batch.upper_body == f"Ban Thường vụ {tree.ldld.name}"
    ttr = batch.submission_document
    assert ttr.doc_type.code == "TTR" and ttr.status == "issued" and ttr.number_symbol
    assert ttr.file.content_type == "application/pdf"
    assert batch.package_document.file.content_type == "application/zip"
    assert set(Document.objects.for_record(batch)) == {ttr, batch.package_document}
    for nomination in (first, second):
        nomination.refresh_from_db()
        assert nomination.status == "forwarded"
        assert nomination.forwarding.batch == batch
        assert nomination.forwarding.upper_result == UpperResult.PENDING


def test_forwarding_notifies_the_proposing_unit_and_the_upper_level(tree, people, nominated):
    batch = services.forward_nominations(
        by=people.nganh_admin, org=tree.sector, nominations=[nominated()]
    )
    assert Notification.objects.filter(user=people.bvdk_thidua, url__contains=str(batch.pk))
    assert Notification.objects.filter(user=people.ldld).exists()
    assert not Notification.objects.filter(user=people.bvnhi_thidua).exists()


def test_a_nomination_not_yet_approved_is_refused_with_its_reason_and_nothing_changes(
    tree, people, nominated
):
    good, appraised = nominated(), nominated("appraised")
    with pytest.raises(RuleViolation) as caught:
        services.forward_nominations(
            by=people.nganh_thidua, org=tree.sector, nominations=[good, appraised]
        )
    assert any(appraised.nominee_name in str(r) for r in caught.value.reasons)
    good.refresh_from_db()
    assert good.status == "approved"
    assert not ForwardingBatch.objects.exists()
    assert not Document.objects.filter(doc_type__code="TTR", org=tree.sector).exists()


def test_an_award_of_the_sector_itself_is_not_forwarded(tree, people, nominated, sector_award):
    nomination = nominated(award=sector_award)
    with pytest.raises(RuleViolation) as caught:
        services.forward_nominations(
            by=people.nganh_thidua, org=tree.sector, nominations=[nomination]
        )
    assert caught.value.status == 422
    assert "Giấy khen" in str(caught.value.reasons[0])


def test_awards_of_two_upper_levels_go_in_separate_batches(
    tree, people, nominated, confederation_award
):
    with pytest.raises(RuleViolation):
        services.forward_nominations(
            by=people.nganh_thidua,
            org=tree.sector,
            nominations=[nominated(), nominated(award=confederation_award)],
        )


def test_a_confederation_award_goes_to_the_confederation(
    tree, people, nominated, confederation_award
):
    batch = services.forward_nominations(
        by=people.nganh_thidua,
        org=tree.sector,
        nominations=[nominated(award=confederation_award)],
    )
    assert batch.upper_org == tree.tld and batch.level == "confederation"


def test_forwarding_one_nomination_twice_is_a_conflict(people, nominated):
    nomination = nominated()
    services.forward_nomination(nomination, by=people.nganh_thidua)
    nomination.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.forward_nomination(nomination, by=people.nganh_thidua)
    assert ForwardedNomination.objects.count() == 1


@pytest.mark.parametrize("username", ["ldld", "bvdk.thidua", "bvdk.chutich", "hoidong.1"])
def test_only_the_sector_forwards(tree, people, nominated, username):
    nomination = nominated()
    with pytest.raises(Forbidden):
        services.forward_nominations(
            by=people.users[username], org=tree.sector, nominations=[nomination]
        )
    nomination.refresh_from_db()
    assert nomination.status == "approved"


def test_forwarding_does_not_count_twice_against_the_quota(tree, people, nominated, quota):
    first, second = nominated(), nominated()
    before = quotas.usage_of(quota)
    assert before.used == 2
    services.forward_nominations(
        by=people.nganh_thidua, org=tree.sector, nominations=[first, second]
    )
    after = quotas.usage_of(quota)
    assert (after.used, after.remaining) == (before.used, before.remaining) == (2, 3)


def test_an_upper_approval_keeps_the_place_and_an_upper_rejection_frees_it(
    tree, people, nominated, quota
):
    """The rule of ``nominations.models.QUOTA_STATUSES``: upper_approved takes a place,
    upper_rejected (a rejection at any level) frees it."""
    import datetime

    kept, refused = nominated(), nominated()
    services.forward_nominations(
        by=people.nganh_thidua, org=tree.sector, nominations=[kept, refused]
    )
    services.record_upper_result(
        kept,
        by=people.nganh_thidua,
        approved=True,
        decision_number="15/QĐ-LĐLĐ",
        decided_on=datetime.date(2026, 1, 5),
    )
    assert quotas.usage_of(quota).used == 2
    refused.refresh_from_db()
    services.record_upper_result(
        refused, by=people.nganh_thidua, approved=False, reason="Chưa đủ tiêu chuẩn"
    )
    assert quotas.usage_of(quota).used == 1
