"""``/statistics``: award statistics with breakdowns, nominations by stage and fairness, for a
year and a visible unit's subtree (default: the caller's home unit; 404 outside reach)."""

from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from thidua.api.problems import Problem, not_found, problem
from thidua.dashboard.fairness import fairness
from thidua.dashboard.statistics import award_breakdown, nomination_counts
from thidua.dashboard.views import may_use
from thidua.organizations.models import OrgUnit
from thidua.reporting.kpis import (
    BAD_ORG,
    BAD_ORG_FIELD,
    BAD_YEAR,
    BAD_YEAR_FIELD,
    MAX_YEAR,
    MIN_YEAR,
)

router = Router(tags=["statistics"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}


class ScopeQuery(Schema):
    year: str | None = Field(None, description="YYYY; default: the current year.")
    org: str | None = Field(None, description="A unit id; default: the caller's home unit.")


class AwardQuery(ScopeQuery):
    by: Literal["unit", "employer_type", "award_type", "level", "gender", "worker", "age_band"] = (
        Field("unit", description="How the awards are grouped.")
    )


class AwardRow(Schema):
    key: str | int
    label: str
    count: int
    amount: int = Field(..., description="VND.")


class AwardsOut(Schema):
    year: int
    org_id: int
    by: str
    rows: list[AwardRow]


class NominationsOut(Schema):
    year: int
    org_id: int
    proposed: int
    approved: int
    forwarded: int
    upper_approved: int


class UnitFairness(Schema):
    org_id: int
    name: str
    members: int
    managers: int
    direct_workers: int
    women: int
    awards: int
    awards_managers: int
    awards_direct_workers: int
    awards_women: int
    nominations: int
    nominations_per_100: float
    manager_member_share: float
    manager_award_share: float
    direct_worker_member_share: float
    direct_worker_award_share: float
    women_member_share: float
    women_award_share: float


class Concentration(Schema):
    years: int
    repeated: int
    awarded: int
    share: float


class Warning(Schema):
    code: str
    org_id: int | None
    org_name: str
    message: str
    figures: dict


class FairnessOut(Schema):
    year: int
    org_id: int
    units: list[UnitFairness]
    median_nominations_per_100: float
    concentration: Concentration
    warnings: list[Warning]


def _scope(request, query):
    """``(org, year, None)`` or ``(None, None, problem response)``; a member without a staff
    role is refused (403), as on the dashboard."""
    if not may_use(request.auth):
        return None, None, problem(403, _("Forbidden"), _("Statistics are for union officers."))
    year = timezone.localdate().year
    if query.year not in (None, ""):
        raw = query.year.strip()
        if not raw.isascii() or not raw.isdigit() or not MIN_YEAR <= int(raw) <= MAX_YEAR:
            return (
                None,
                None,
                problem(
                    400,
                    _("Malformed request"),
                    str(BAD_YEAR) % {"min": MIN_YEAR, "max": MAX_YEAR},
                    errors=[{"field": "year", "message": str(BAD_YEAR_FIELD)}],
                ),
            )
        year = int(raw)
    visible = OrgUnit.objects.visible_to(request.auth)
    if query.org not in (None, ""):
        raw = query.org.strip()
        if not raw.isascii() or not raw.isdigit():
            return (
                None,
                None,
                problem(
                    400,
                    _("Malformed request"),
                    str(BAD_ORG),
                    errors=[{"field": "org", "message": str(BAD_ORG_FIELD)}],
                ),
            )
        org = visible.filter(pk=int(raw)).first() if len(raw) < 19 else None
    else:
        home = request.auth.home_org
        org = visible.filter(pk=home.pk).first() if home is not None else None
    if org is None:
        return None, None, not_found()
    return org, year, None


@router.get("/awards", response={200: AwardsOut, **ERRORS}, summary="Awards by a breakdown")
def awards(request, query: Query[AwardQuery]):
    """Effective (not revoked) awards of ``year`` held in the unit's subtree, grouped ``by``.

    ``gender``, ``worker`` and ``age_band`` count awards to individuals only.
    """
    org, year, error = _scope(request, query)
    if error is not None:
        return error
    rows = award_breakdown(year, org, query.by)
    return 200, {"year": year, "org_id": org.pk, "by": query.by, "rows": rows}


@router.get(
    "/nominations", response={200: NominationsOut, **ERRORS}, summary="Nominations by stage"
)
def nominations(request, query: Query[ScopeQuery]):
    """Nominations of ``year`` proposed in the unit's subtree: proposed (reached submission),
    approved by the council, forwarded to the upper level, approved by the upper level."""
    org, year, error = _scope(request, query)
    if error is not None:
        return error
    return 200, {"year": year, "org_id": org.pk, **nomination_counts(year, org)}


@router.get("/fairness", response={200: FairnessOut, **ERRORS}, summary="Fairness of the awards")
def fairness_view(request, query: Query[ScopeQuery]):
    """Per sub-unit shares of awards (managers, direct workers, women) against their shares of
    members, nominations per 100 members against the median, concentration, and the warnings."""
    org, year, error = _scope(request, query)
    if error is not None:
        return error
    return 200, {"year": year, "org_id": org.pk, **fairness(year, org)}
