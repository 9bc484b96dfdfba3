"""The figures of the annual report for a year and a unit's subtree, measured in the database.

Each function runs aggregate queries (counts and sums grouped by the database); Python only
labels the few grouped rows. ``measure(year, org)`` gathers them in one ``Figures``.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from thidua.dashboard.fairness import fairness_warnings
from thidua.dashboard.overdue import AWAITED_PLANS
from thidua.dashboard.statistics import (
    award_breakdown,
    awards_by_year,
    awards_in,
    nomination_counts,
)
from thidua.exemplars.models import Exemplar, ExemplarStatus
from thidua.movements.models import (
    PLAN_DONE_STATES,
    Movement,
    MovementKind,
    MovementStatus,
    UnitPlan,
)
from thidua.oversight.models import Inspection
from thidua.reporting.kpis import indicators
from thidua.reporting.models import AWAITED_STATES, Report

TREND_YEARS = 5


@dataclass(frozen=True)
class Figures:
    """Everything the report states, as plain numbers and rows (see ``measure``)."""

    year: int
    movements: dict
    plans: dict
    awards: dict
    by_level: list
    by_award_type: list
    by_worker: list
    by_gender: list
    trend: list
    nominations: dict
    kpis: dict
    exemplars: dict
    inspections: dict
    overdue: dict
    warnings: list


def movement_counts(year, org):
    """Movements launched in ``year`` by units of the subtree, and how many of them are
    thematic; drafts never count."""
    return (
        Movement.objects.filter(org__path__startswith=org.path, launched_on__year=year)
        .exclude(status=MovementStatus.DRAFT)
        .aggregate(
            launched=Count("pk"),
            thematic=Count("pk", filter=Q(kind=MovementKind.THEMATIC)),
            closed=Count("pk", filter=Q(status=MovementStatus.CLOSED)),
        )
    )


def plan_counts(year, org):
    """Plan slots of the movements launched in ``year`` for units of the subtree: ``total``,
    ``done`` (submitted or accepted), ``timely`` and ``late`` among them, ``awaited``."""
    return UnitPlan.objects.filter(
        movement__launched_on__year=year, org__path__startswith=org.path
    ).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status__in=PLAN_DONE_STATES)),
        timely=Count("pk", filter=Q(status__in=PLAN_DONE_STATES, on_time=True)),
        late=Count("pk", filter=Q(status__in=PLAN_DONE_STATES, on_time=False)),
        awaited=Count("pk", filter=Q(status__in=AWAITED_PLANS)),
    )


def award_counts(year, org):
    """Effective awards of ``year`` in the subtree: ``total``, ``individual``, ``collective``."""
    return awards_in(year, org).aggregate(
        total=Count("pk"),
        individual=Count("pk", filter=Q(member__isnull=False)),
        collective=Count("pk", filter=Q(member__isnull=True)),
    )


def exemplar_counts(year, org):
    """Exemplars recorded in the subtree in ``year`` (``found``) and honoured in ``year``."""
    return Exemplar.objects.filter(owner_path__startswith=org.path).aggregate(
        found=Count("pk", filter=Q(created_at__year=year)),
        honored=Count("pk", filter=Q(status=ExemplarStatus.HONORED, honored_on__year=year)),
    )


def inspection_counts(year, org):
    """Inspections of units of the subtree planned in ``year`` and those held in ``year``."""
    return Inspection.objects.filter(org__path__startswith=org.path).aggregate(
        planned=Count("pk", filter=Q(planned_on__year=year)),
        held=Count("pk", filter=Q(held_on__year=year)),
    )


def overdue_counts(year, org, today=None):
    """Plans and reports of ``year`` still awaited after their due date (as of ``today``)."""
    today = today or timezone.localdate()
    plans = UnitPlan.objects.filter(
        org__path__startswith=org.path,
        movement__launched_on__year=year,
        status__in=AWAITED_PLANS,
        movement__plan_due_on__lt=today,
    ).aggregate(count=Count("pk"))["count"]
    reports = Report.objects.filter(
        org__path__startswith=org.path,
        round__due_on__year=year,
        round__due_on__lt=today,
        status__in=AWAITED_STATES,
    ).aggregate(count=Count("pk"))["count"]
    return {"plans": plans, "reports": reports}


def measure(year, org, today=None):
    """The ``Figures`` of ``year`` for ``org``'s subtree.

    Fairness warnings are worded in the active language: call inside
    ``translation.override("vi")`` for the document.
    """
    today = today or timezone.localdate()
    return Figures(
        year=year,
        movements=movement_counts(year, org),
        plans=plan_counts(year, org),
        awards=award_counts(year, org),
        by_level=award_breakdown(year, org, "level"),
        by_award_type=award_breakdown(year, org, "award_type"),
        by_worker=award_breakdown(year, org, "worker"),
        by_gender=award_breakdown(year, org, "gender"),
        trend=awards_by_year(org, year - TREND_YEARS + 1, year),
        nominations=nomination_counts(year, org),
        kpis=indicators(year, org),
        exemplars=exemplar_counts(year, org),
        inspections=inspection_counts(year, org),
        overdue=overdue_counts(year, org, today),
        warnings=fairness_warnings(year, org),
    )
