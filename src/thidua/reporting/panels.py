"""Start-page panels of periodic reporting: reports a unit owes, reports the sector must review."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.panels import Panel, PanelItem
from thidua.core.scoping import subtree_q
from thidua.reporting.models import AWAITED_STATES, Report, ReportStatus
from thidua.reporting.rules import REPORTER_ROLES, SECTOR_ROLES

LIMIT = 8


def reports_to_send(user):
    """Reports the user's units still owe (or must revise), the nearest due date first."""
    paths = user.reach_paths(REPORTER_ROLES)
    if not paths:
        return None
    reports = (
        Report.objects.filter(subtree_q("org__path", paths), status__in=AWAITED_STATES)
        .with_late()
        .select_related("round", "org")
        .order_by("round__due_on", "id")[:LIMIT]
    )
    items = [
        PanelItem(
            label=report.round.title,
            url=reverse("reporting:report_detail", args=[report.pk]),
            detail=report.get_status_display(),
            due_on=report.round.due_on,
            late=report.is_late,
        )
        for report in reports
    ]
    return Panel(
        title=gettext_lazy("Reports your unit must send"),
        items=items,
        empty=_("Every report has been sent."),
        more_url=reverse("reporting:my_reports"),
        more_label=_("My reports"),
    )


def reports_to_review(user):
    """Reports sent to rounds the user's unit asked, awaiting acceptance, per round."""
    paths = user.reach_paths(SECTOR_ROLES)
    if not paths:
        return None
    rounds = (
        Report.objects.filter(subtree_q("round__org__path", paths), status=ReportStatus.SUBMITTED)
        .values("round_id", "round__title", "round__due_on")
        .annotate(count=Count("id"))
        .order_by("round__due_on")[:LIMIT]
    )
    items = [
        PanelItem(
            label=row["round__title"],
            url=reverse("reporting:round_board", args=[row["round_id"]]),
            detail=_("%(count)s reports to review") % {"count": row["count"]},
            due_on=row["round__due_on"],
        )
        for row in rounds
    ]
    return Panel(
        title=gettext_lazy("Reports awaiting your review"),
        items=items,
        empty=_("No report is waiting."),
        more_url=reverse("reporting:round_list"),
        more_label=_("All reporting rounds"),
    )
