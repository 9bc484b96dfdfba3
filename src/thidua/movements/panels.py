"""Start-page panels of movements: plans a unit must send, plans the sector must review."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.panels import Panel, PanelItem
from thidua.core.scoping import subtree_q
from thidua.movements.models import MovementStatus, PlanStatus, UnitPlan
from thidua.movements.rules import MANAGER_ROLES, PLAN_SUBMITTER_ROLES

LIMIT = 8


def plans_to_send(user):
    """Plans of launched movements that the user's units have not sent (or must revise)."""
    paths = user.reach_paths(PLAN_SUBMITTER_ROLES)
    if not paths:
        return None
    plans = (
        UnitPlan.objects.filter(subtree_q("org__path", paths))
        .filter(
            status__in=(PlanStatus.PENDING, PlanStatus.RETURNED),
            movement__status=MovementStatus.LAUNCHED,
        )
        .select_related("movement", "org")
        .order_by("movement__plan_due_on", "id")[:LIMIT]
    )
    today = timezone.localdate()
    items = [
        PanelItem(
            label=plan.movement.title,
            url=reverse("movements:plan_detail", args=[plan.pk]),
            detail=plan.get_status_display(),
            due_on=plan.movement.plan_due_on,
            late=bool(plan.movement.plan_due_on and plan.movement.plan_due_on < today),
        )
        for plan in plans
    ]
    return Panel(
        title=gettext_lazy("Plans your unit must send"),
        items=items,
        empty=_("Every plan has been sent."),
        more_url=reverse("movements:movement_list"),
        more_label=_("All movements"),
    )


def plans_to_review(user):
    """Plans sent to movements that the user manages, awaiting acceptance."""
    paths = user.reach_paths(MANAGER_ROLES - PLAN_SUBMITTER_ROLES)
    if not paths:
        return None
    waiting = (
        UnitPlan.objects.filter(
            subtree_q("movement__org__path", paths), status=PlanStatus.SUBMITTED
        )
        .values("movement_id", "movement__title")
        .annotate(count=Count("id"))
        .order_by("movement__title")[:LIMIT]
    )
    items = [
        PanelItem(
            label=row["movement__title"],
            url=reverse("movements:movement_detail", args=[row["movement_id"]]),
            detail=_("%(count)s plans to review") % {"count": row["count"]},
        )
        for row in waiting
    ]
    return Panel(
        title=gettext_lazy("Plans awaiting your review"),
        items=items,
        empty=_("No plan is waiting."),
        more_url=reverse("movements:movement_list"),
        more_label=_("All movements"),
    )
