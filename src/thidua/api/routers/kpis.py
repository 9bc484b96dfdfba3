"""``GET /kpis``: the plan's indicators for a year and a unit's subtree (DOMAIN.md, Indicators)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from thidua.api.problems import Problem, not_found, problem
from thidua.organizations.models import OrgUnit
from thidua.reporting.kpis import (
    BAD_ORG,
    BAD_ORG_FIELD,
    BAD_YEAR,
    BAD_YEAR_FIELD,
    MAX_YEAR,
    MIN_YEAR,
    indicators,
)

router = Router(tags=["indicators"])


class Ratio(Schema):
    done: int
    total: int
    rate: float = Field(..., description="done / total, 0..1 (0 when total is 0).")


class Nominations(Schema):
    proposed: int
    quota: int
    share: float = Field(..., description="Direct-worker share of the nominations, 0..1.")


class KpisOut(Schema):
    plans_submitted: Ratio
    movements_reviewed: Ratio
    direct_worker_nominations: Nominations
    officers_trained: Ratio
    reports_on_time: Ratio


class KpiQuery(Schema):
    year: str | None = Field(None, description="YYYY; default: the current year.")
    org: str | None = Field(None, description="A unit id; default: the caller's home unit.")


@router.get(
    "",
    response={200: KpisOut, 400: Problem, 401: Problem, 404: Problem, 422: Problem},
    summary="Indicators of a year for a unit's subtree",
)
def kpis(request, query: Query[KpiQuery]):
    """The five indicators for ``year`` and the visible unit ``org`` with its sub-units.

    A year that is not a number from 2000 to 2100 is 400; a unit that does not exist or that the
    caller does not see is 404.
    """
    user = request.auth
    year = timezone.localdate().year
    if query.year not in (None, ""):
        raw = query.year.strip()
        if not raw.isascii() or not raw.isdigit() or not MIN_YEAR <= int(raw) <= MAX_YEAR:
            return problem(
                400,
                _("Malformed request"),
                str(BAD_YEAR) % {"min": MIN_YEAR, "max": MAX_YEAR},
                errors=[{"field": "year", "message": str(BAD_YEAR_FIELD)}],
            )
        year = int(raw)
    visible = OrgUnit.objects.visible_to(user)
    if query.org not in (None, ""):
        raw = query.org.strip()
        if not raw.isascii() or not raw.isdigit():
            return problem(
                400,
                _("Malformed request"),
                str(BAD_ORG),
                errors=[{"field": "org", "message": str(BAD_ORG_FIELD)}],
            )
        org = visible.filter(pk=int(raw)).first() if len(raw) < 19 else None
    else:
        home = user.home_org
        org = visible.filter(pk=home.pk).first() if home is not None else None
    if org is None:
        return not_found()
    return 200, indicators(year, org)
