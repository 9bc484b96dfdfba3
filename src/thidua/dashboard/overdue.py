"""What is overdue now in a unit's subtree, each with a link to the records behind it.

Plans and reports are always counted; the inspection follow-ups and the unresolved objections
come from the oversight and council apps when they are installed (imported at call time).
"""

from urllib.parse import urlencode

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.movements.models import PlanStatus, UnitPlan
from thidua.reporting.models import AWAITED_STATES, Report

AWAITED_PLANS = (PlanStatus.PENDING, PlanStatus.RETURNED)


def overdue_items(user, org, today=None):
    """``[{"key", "label", "count", "url"}]``: plans past their due date without a submission,
    reports still awaited past their due date, inspection follow-ups past due, objections not
    yet resolved."""
    today = today or timezone.localdate()
    items = [
        {
            "key": "plans",
            "label": _("Plans past their due date"),
            "count": UnitPlan.objects.filter(
                org__path__startswith=org.path,
                status__in=AWAITED_PLANS,
                movement__plan_due_on__lt=today,
            ).count(),
            "url": f"{reverse('movements:movement_list')}?{urlencode({'org': org.pk})}",
        },
        {
            "key": "reports",
            "label": _("Reports not received by their due date"),
            "count": Report.objects.in_subtree(org)
            .filter(status__in=AWAITED_STATES, round__due_on__lt=today)
            .count(),
            "url": reverse("reporting:round_list"),
        },
    ]
    if apps.is_installed("thidua.oversight"):
        from thidua.oversight.queries import overdue_recommendations

        items.append(
            {
                "key": "follow_ups",
                "label": _("Inspection follow-ups overdue"),
                "count": overdue_recommendations(user, today)
                .filter(inspection__org__path__startswith=org.path)
                .count(),
                "url": reverse("oversight:board"),
            }
        )
    if apps.is_installed("thidua.council"):
        from thidua.council.models import Feedback

        items.append(
            {
                "key": "objections",
                "label": _("Objections not yet resolved"),
                "count": Feedback.objects.visible_to(user)
                .unresolved()
                .filter(nomination__org_path__startswith=org.path)
                .count(),
                "url": reverse("council:feedback_list"),
            }
        )
    return items
