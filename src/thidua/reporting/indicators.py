"""The reporting indicator of the plan (DOMAIN.md), for a year and a unit's subtree."""

from django.db.models import Count

from thidua.reporting.models import Report


def _path(org):
    return org if isinstance(org, str) else org.path


def ratio(done, total):
    """``{"done", "total", "rate"}`` with the rate 0..1 (0 when there is nothing to count)."""
    done, total = done or 0, total or 0
    return {"done": done, "total": total, "rate": round(done / total, 4) if total else 0.0}


def reports_on_time(year, org):
    """Report slots due in ``year`` for units in ``org``'s subtree; done when the report was
    submitted on or before its due date (and is submitted or accepted, not returned)."""
    slots = Report.objects.filter(round__due_on__year=year, org__path__startswith=_path(org))
    total = slots.aggregate(total=Count("pk"))["total"]
    done = slots.on_time().aggregate(done=Count("pk"))["done"]
    return ratio(done, total)
