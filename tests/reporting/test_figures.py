"""The figures of a movement review: results against the movement's own targets."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from thidua.core.exceptions import InvalidInput
from thidua.reporting.figures import clean_figures, sum_figures


class _Target(SimpleNamespace):
    def as_dict(self):
        return {"name": self.name, "target_value": self.target_value, "unit": self.unit}


def _round(movement_round=True):
    targets = [
        _Target(name="Công đoàn cơ sở xây dựng kế hoạch", target_value=100, unit="%"),
        _Target(name="Sáng kiến được công nhận", target_value=Decimal(20), unit="sáng kiến"),
    ]
    movement = SimpleNamespace(targets=SimpleNamespace(all=lambda: targets))
    return SimpleNamespace(is_movement_round=movement_round, movement=movement)


def test_results_are_kept_with_the_movements_target_values():
    cleaned = clean_figures(
        {"targets": [{"name": "Sáng kiến được công nhận", "result": 12}]}, _round()
    )
    assert cleaned["targets"] == [
        {"name": "Sáng kiến được công nhận", "target_value": 20, "unit": "sáng kiến", "result": 12}
    ]


def test_unknown_duplicate_and_negative_targets_are_refused():
    with pytest.raises(InvalidInput) as caught:
        clean_figures(
            {
                "targets": [
                    {"name": "Không có", "result": 1},
                    {"name": "Sáng kiến được công nhận", "result": -1},
                ]
            },
            _round(),
        )
    assert {e["field"] for e in caught.value.errors} == {
        "figures.targets.0.name",
        "figures.targets.1.result",
    }


def test_targets_belong_to_movement_rounds_only():
    with pytest.raises(InvalidInput) as caught:
        clean_figures({"targets": []}, _round(movement_round=False))
    assert caught.value.errors[0]["field"] == "figures.targets"


def test_percentages_are_averaged_and_counts_summed():
    reports = [
        SimpleNamespace(
            figures={
                "initiatives": n,
                "targets": [
                    {"name": "KH", "target_value": 100, "unit": "%", "result": pct},
                    {"name": "SK", "target_value": 20, "unit": "sáng kiến", "result": n},
                ],
            }
        )
        for n, pct in ((3, 100), (5, 80))
    ]
    counts, targets = sum_figures(reports)
    assert counts["initiatives"] == 8
    assert {t["name"]: t["result"] for t in targets} == {"KH": 90, "SK": 8}
