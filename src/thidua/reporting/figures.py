"""The structured figures of a report: what every unit counts, and a movement's targets.

``figures`` is a JSON object. Every report may carry the counts of ``COUNTS`` (whole numbers, zero
or more; a missing count is zero). A movement round's report also carries ``targets``: the result
the unit reached against each target of the movement, ``[{"name", "result"}]``; the target value
and its unit of measure are copied from the movement so that the report keeps what was asked.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.exceptions import InvalidInput

COUNTS = {
    "members_participating": gettext_lazy("Members taking part"),
    "initiatives": gettext_lazy("Initiatives"),
    "exemplars_found": gettext_lazy("Exemplars found"),
    "awards_proposed": gettext_lazy("Awards proposed"),
}
# The largest count or result accepted (beyond it a typing mistake is far likelier than a fact).
MAX_VALUE = 10**12


def movement_targets(round_):
    """The movement's targets as ``[{"name", "target_value", "unit"}]`` (none without one)."""
    movement = round_.movement
    if movement is None:
        return []
    return [target.as_dict() for target in movement.targets.all()]


def _number(value, *, whole):
    """``value`` as a non-negative int (or a number, when not ``whole``), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if whole and not (isinstance(value, int) or float(value).is_integer()):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number > MAX_VALUE:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def clean_figures(figures, round_):
    """Validate ``figures`` for a report of ``round_``; returns the cleaned object.

    Raises ``InvalidInput`` listing each wrong key or value (``figures.<key>``).
    """
    if figures is None:
        figures = {}
    if not isinstance(figures, dict):
        raise InvalidInput(
            _("Some fields are invalid."),
            errors=[{"field": "figures", "message": _("The figures must be an object.")}],
        )
    errors = []
    cleaned = {}
    targets = movement_targets(round_) if round_.is_movement_round else []
    allowed = set(COUNTS) | ({"targets"} if round_.is_movement_round else set())
    for key in figures:
        if key not in allowed:
            errors.append(
                {
                    "field": f"figures.{key}",
                    "message": _("Unknown figure “%(key)s”; the figures are: %(keys)s.")
                    % {"key": key, "keys": ", ".join(sorted(allowed))},
                }
            )
    for key in COUNTS:
        value = _number(figures.get(key, 0), whole=True)
        if value is None:
            errors.append(
                {"field": f"figures.{key}", "message": _("Enter a whole number, zero or more.")}
            )
        else:
            cleaned[key] = value
    if round_.is_movement_round:
        cleaned["targets"] = _clean_targets(figures.get("targets", []), targets, errors)
    if errors:
        raise InvalidInput(_("Some figures are invalid."), errors=errors)
    return cleaned


def _clean_targets(given, targets, errors):
    if not isinstance(given, list) or not all(isinstance(item, dict) for item in given):
        errors.append(
            {
                "field": "figures.targets",
                "message": _("The targets must be a list of objects with “name” and “result”."),
            }
        )
        return []
    by_name = {target["name"]: target for target in targets}
    results = {}
    for index, item in enumerate(given):
        name = str(item.get("name", "")).strip()
        if name not in by_name:
            errors.append(
                {
                    "field": f"figures.targets.{index}.name",
                    "message": _("“%(name)s” is not a target of this movement.") % {"name": name},
                }
            )
            continue
        if name in results:
            errors.append(
                {
                    "field": f"figures.targets.{index}.name",
                    "message": _("The target “%(name)s” is given twice.") % {"name": name},
                }
            )
            continue
        result = _number(item.get("result"), whole=False)
        if result is None:
            errors.append(
                {
                    "field": f"figures.targets.{index}.result",
                    "message": _("Enter the result as a number, zero or more."),
                }
            )
            continue
        results[name] = result
    return [
        {**target, "result": results[target["name"]]}
        for target in targets
        if target["name"] in results
    ]


def count_rows(figures):
    """``[(label, value)]`` of the counts, in the order of ``COUNTS``, for pages."""
    figures = figures or {}
    return [(label, figures.get(key, 0)) for key, label in COUNTS.items()]


def sum_figures(reports):
    """The counts summed over ``reports`` and, per movement target, the results reported.

    Returns ``(counts, targets)``: ``counts`` maps each key of ``COUNTS`` to its total;
    ``targets`` is ``[{"name", "target_value", "unit", "units", "result"}]`` where ``result`` is
    the total of the units' results, or their average when the target is a percentage.
    """
    counts = dict.fromkeys(COUNTS, 0)
    per_target = {}
    for report in reports:
        figures = report.figures or {}
        for key in COUNTS:
            value = figures.get(key, 0)
            if isinstance(value, int) and not isinstance(value, bool):
                counts[key] += value
        for item in figures.get("targets", []) or []:
            entry = per_target.setdefault(
                item["name"],
                {
                    "name": item["name"],
                    "target_value": item.get("target_value"),
                    "unit": item.get("unit", ""),
                    "values": [],
                },
            )
            entry["values"].append(Decimal(str(item.get("result", 0))))
    targets = []
    for entry in per_target.values():
        values = entry.pop("values")
        total = sum(values, Decimal(0))
        if entry["unit"].strip() == "%" and values:
            total = total / len(values)
        total = total.quantize(Decimal("0.01"))
        entry["result"] = int(total) if total == total.to_integral_value() else float(total)
        entry["units"] = len(values)
        targets.append(entry)
    return counts, targets
