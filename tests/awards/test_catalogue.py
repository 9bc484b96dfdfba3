"""The seeded catalogue, base salaries and amounts."""

import datetime
from decimal import Decimal

from thidua.awards.models import AwardType, BaseSalary, base_salary_on

CODES = {
    "LDTT", "CSTDCS", "TTLDTT", "TTLDXS", "DVXS", "CDCS-VM", "TCD-VM", "GK-CDCS", "GK-CDN",
    "BK-LDLD", "CO-LDLD", "BK-TLD", "CO-TLD", "BLDST", "KNC-CD", "BK-TTG",
    "GK-CDCS-TT", "GK-CDN-TT", "BK-LDLD-TT", "BK-TLD-TT", "BK-TTG-TT",
}  # fmt: skip


def test_catalogue_is_seeded_with_the_codes_of_the_domain():
    assert set(AwardType.objects.values_list("code", flat=True)) == CODES


def test_collective_twins_pay_twice_the_individual_coefficient():
    pairs = {"GK-CDCS", "GK-CDN", "BK-LDLD", "BK-TLD", "BK-TTG"}
    for code in pairs:
        single, twin = AwardType.objects.get(code=code), AwardType.objects.get(code=f"{code}-TT")
        assert single.subject == "individual" and twin.subject == "collective"
        assert twin.amount_coefficient == single.amount_coefficient * 2


def test_base_salaries_are_seeded_with_their_dates():
    rows = list(
        BaseSalary.objects.order_by("effective_from").values_list("amount", "effective_from")
    )
    assert rows == [
        (1_490_000, datetime.date(2019, 7, 1)),
        (1_800_000, datetime.date(2023, 7, 1)),
        (2_340_000, datetime.date(2024, 7, 1)),
    ]
    assert base_salary_on(datetime.date(2024, 6, 30)) == 1_800_000
    assert base_salary_on(datetime.date(2024, 7, 1)) == 2_340_000
    assert base_salary_on(datetime.date(2019, 1, 1)) is None


def test_amount_uses_the_base_salary_on_the_decision_date_rounded_up():
    ldtt = AwardType.objects.get(code="LDTT")
    # 0.3 x 2,340,000 = 702,000 → 710,000
    assert ldtt.amount_on(datetime.date(2025, 1, 15)) == 710_000
    # 0.3 x 1,800,000 = 540,000 exactly
    assert ldtt.amount_on(datetime.date(2024, 1, 15)) == 540_000
    # 0.3 x 1,490,000 = 447,000 → 450,000
    assert ldtt.amount_on(datetime.date(2020, 1, 15)) == 450_000
    assert ldtt.amount_on(datetime.date(2018, 1, 1)) == 0


def test_rounding_direction_is_a_setting(settings):
    ldtt = AwardType.objects.get(code="LDTT")
    settings.AWARD_AMOUNT_ROUNDING = "down"
    assert ldtt.amount_on(datetime.date(2025, 1, 15)) == 700_000
    settings.AWARD_AMOUNT_ROUNDING = "nearest"
    assert ldtt.amount_on(datetime.date(2025, 1, 15)) == 700_000


def test_amount_reads_in_vietnamese_words():
    from thidua.core.text import amount_in_words

    amount = AwardType.objects.get(code="LDTT").amount_on(datetime.date(2025, 1, 15))
    assert amount_in_words(amount) == "Bảy trăm mười nghìn đồng"


def test_grassroots_titles_vote_at_seventy_percent_of_present_with_quorum():
    ldtt = AwardType.objects.get(code="LDTT")
    assert ldtt.vote_threshold == Decimal("0.70") and ldtt.vote_base == "present"
    assert ldtt.quorum == Decimal("0.6667") and not ldtt.secret_ballot
    upper = AwardType.objects.get(code="BK-TTG")
    assert upper.vote_threshold == Decimal("0.90") and upper.vote_base == "all"
    assert upper.secret_ballot and upper.quota_limited


def test_dossier_parts_follow_the_law():
    cstdcs = AwardType.objects.get(code="CSTDCS")
    assert "initiative_certificate" in cstdcs.required_dossier_parts
    assert AwardType.objects.get(code="LDTT").simplified_parts == ["submission", "summary"]
    assert cstdcs.share_cap == Decimal("0.15") and cstdcs.share_cap_base == "award:LDTT"


def test_cdcs_rubric_has_one_hundred_points_after_hd_1294():
    cdcs = AwardType.objects.get(code="CDCS-VM")
    assert [c.max_points for c in cdcs.criteria_for()] == [40, 40, 15, 5]
    assert cdcs.max_score == 100


def test_direct_workers_get_their_own_rubric(people):
    ldtt = AwardType.objects.get(code="LDTT")
    people.nurse.is_direct_worker = True
    assert {c.audience for c in ldtt.criteria_for(people.nurse)} == {"direct_worker"}
    people.nurse.is_direct_worker, people.nurse.is_manager = False, True
    assert {c.audience for c in ldtt.criteria_for(people.nurse)} == {"all"}
    # No non-leader rubric for LĐTT: a staff member without a post gets the general one.
    people.nurse.is_manager = False
    assert {c.audience for c in ldtt.criteria_for(people.nurse)} == {"all"}
