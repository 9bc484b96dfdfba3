"""Reads shared by the pages and the API: the officers board, overdue follow-ups."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.scoping import subtree_q
from thidua.organizations.models import OfficerDesignation, OrgUnit
from thidua.oversight.indicators import (
    designations_in_force,
    reference_date,
    trained_member,
    training_of,
)
from thidua.oversight.models import Recommendation


def grassroots_in_reach(user):
    """Active grassroots unions that the user's staff roles reach."""
    units = OrgUnit.objects.grassroots().filter(active=True)
    if user.is_superuser:
        return units
    return units.filter(subtree_q("path", user.reach_paths(STAFF_ROLES)))


def with_officer_status(unions, year):
    """Annotate ``has_officer`` and ``officer_trained`` (for ``year``) on grassroots unions."""
    terms = designations_in_force(reference_date(year)).filter(org=OuterRef("pk"))
    return unions.annotate(
        has_officer=Exists(terms), officer_trained=Exists(terms.filter(trained_member(year)))
    )


def board_totals(unions):
    """Counts at the top of the officers board, one aggregate query."""
    totals = unions.aggregate(
        units=Count("pk"),
        with_officer=Count("pk", filter=Q(has_officer=True)),
        trained=Count("pk", filter=Q(officer_trained=True)),
    )
    totals["without_officer"] = totals["units"] - totals["with_officer"]
    totals["untrained"] = totals["with_officer"] - totals["trained"]
    return totals


@dataclass
class OfficerRow:
    unit: OrgUnit
    term: OfficerDesignation | None
    course: object = None
    history: list = field(default_factory=list)


def officer_rows(units, year, *, history=False):
    """One row per unit: its officer in force for ``year``, the counting course attended, and
    (with ``history``) every designation of the unit, newest first."""
    units = list(units)
    terms = {
        t.org_id: t
        for t in designations_in_force(reference_date(year))
        .filter(org__in=units)
        .select_related("member")
    }
    courses = training_of(year, [t.member_id for t in terms.values()])
    past = {}
    if history:
        for term in OfficerDesignation.objects.filter(org__in=units).select_related("member"):
            past.setdefault(term.org_id, []).append(term)
    rows = []
    for unit in units:
        term = terms.get(unit.pk)
        rows.append(
            OfficerRow(
                unit=unit,
                term=term,
                course=courses.get(term.member_id) if term else None,
                history=past.get(unit.pk, []),
            )
        )
    return rows


def overdue_recommendations(user, today=None):
    """Unanswered recommendations past their follow-up date, of units the user sees."""
    return (
        Recommendation.objects.visible_to(user)
        .overdue(today)
        .select_related("inspection", "inspection__org", "inspection__inspecting_org")
        .order_by("follow_up_due_on", "inspection__org__path", "id")
    )
