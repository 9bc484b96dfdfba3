"""Initiatives: registration, recognition by the unit's council, reward brackets."""

import datetime

import pytest

from thidua.awards import services
from thidua.awards.models import InitiativeRewardBracket
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput

D = datetime.date


def _create(people, tree, **fields):
    data = {
        "org": tree.bvdk,
        "by": people.bvdk_thidua,
        "title": "Quy trình sàng lọc",
        "author_ids": [people.hong.pk, people.nurse.pk],
        "benefit_value": 150_000_000,
        "applied_from": D(2025, 9, 1),
    }
    return services.create_initiative(**{**data, **fields})


def test_registering_and_recognising_an_initiative(people, tree):
    initiative = _create(people, tree)
    assert sorted(a.pk for a in initiative.authors.all()) == sorted(
        [people.hong.pk, people.nurse.pk]
    )
    services.recognize_initiative(initiative, by=people.bvdk_chutich, recognized_on=D(2026, 3, 20))
    initiative.refresh_from_db()
    assert initiative.recognised and initiative.recognized_by == people.bvdk_chutich
    with pytest.raises(Conflict):
        services.recognize_initiative(
            initiative, by=people.bvdk_chutich, recognized_on=D(2026, 3, 21)
        )


def test_recognition_is_for_the_council_of_the_unit_or_above(people, tree):
    initiative = _create(people, tree)
    for user in (people.bvdk_thidua, people.bvnhi_chutich, people.doanvien, people.ldld):
        with pytest.raises(Forbidden):
            services.recognize_initiative(initiative, by=user, recognized_on=D(2026, 1, 5))
    services.recognize_initiative(initiative, by=people.nganh_thidua, recognized_on=D(2026, 1, 5))


def test_recognition_before_application_is_refused(people, tree):
    initiative = _create(people, tree)
    with pytest.raises(InvalidInput):
        services.recognize_initiative(
            initiative, by=people.bvdk_chutich, recognized_on=D(2025, 1, 1)
        )


def test_authors_must_belong_to_the_unit(people, tree):
    with pytest.raises(InvalidInput) as caught:
        _create(people, tree, author_ids=[people.child_doctor.pk])
    assert caught.value.errors[0]["field"] == "author_ids"
    with pytest.raises(InvalidInput):
        _create(people, tree, author_ids=[], title="")
    with pytest.raises(Forbidden):
        _create(people, tree, by=people.bvnhi_thidua)


def test_reward_follows_the_brackets_and_the_base_salary(people, tree):
    initiative = _create(people, tree)
    services.recognize_initiative(initiative, by=people.bvdk_chutich, recognized_on=D(2026, 3, 20))
    initiative.refresh_from_db()
    # 150,000,000 đ falls in the 100-500 million bracket: 2.0 x 2,340,000.
    assert initiative.reward_amount == 4_680_000
    small = _create(people, tree, benefit_value=20_000_000)
    assert small.reward_amount == 1_000_000
    assert InitiativeRewardBracket.for_benefit(600_000_000).reward_coefficient == 3
    assert _create(people, tree, benefit_value=None).reward_amount is None
