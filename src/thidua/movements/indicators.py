"""The movement indicators of the plan (DOMAIN.md), for a year and a unit's subtree.

Each returns ``{"done", "total", "rate"}`` (rate 0..1, 0 when there is nothing to count) from one
aggregate query.
"""

from django.db.models import Count, Q

from thidua.movements.models import PLAN_DONE_STATES, Movement, MovementStatus, UnitPlan


def _ratio(done, total):
    done, total = done or 0, total or 0
    return {"done": done, "total": total, "rate": round(done / total, 4) if total else 0}


def _path(org):
    return org if isinstance(org, str) else org.path


def plans_submitted(year, org):
    """Plan slots of movements launched in ``year`` for units in ``org``'s subtree; done when
    the plan was submitted or accepted (target 100%, plan II.1)."""
    counts = UnitPlan.objects.filter(
        movement__launched_on__year=year, org__path__startswith=_path(org)
    ).aggregate(total=Count("pk"), done=Count("pk", filter=Q(status__in=PLAN_DONE_STATES)))
    return _ratio(counts["done"], counts["total"])


def movements_reviewed(year, org):
    """Movements launched by units in ``org``'s subtree whose final review is due in ``year``;
    done when closed with a final review (target 100%, plan II.2)."""
    counts = (
        Movement.objects.filter(org__path__startswith=_path(org), final_review_due_on__year=year)
        .exclude(status=MovementStatus.DRAFT)
        .aggregate(
            total=Count("pk"),
            done=Count(
                "pk",
                filter=Q(status=MovementStatus.CLOSED) & ~Q(final_review_summary=""),
            ),
        )
    )
    return _ratio(counts["done"], counts["total"])


def movement_plan_counts(movement):
    """``{"done", "total", "rate"}`` of one movement's plan slots."""
    counts = movement.plans.aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status__in=PLAN_DONE_STATES))
    )
    return _ratio(counts["done"], counts["total"])
