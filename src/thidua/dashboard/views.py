"""The dashboard (the plan's four targets, what is overdue, charts, fairness) and the statistics
page with its .xlsx exports, for a visible unit (``?org=``) and a year (``?year=``).

Staff roles only: a member (self-service) gets 403; a unit outside the user's reach is 404.
"""

import tempfile
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.accounts.roles import STAFF_ROLES, Role
from thidua.core.jobs import create_job
from thidua.core.list_exports import export_background_rows
from thidua.core.xlsx import XLSX_CONTENT_TYPE
from thidua.dashboard import exports, tasks
from thidua.dashboard.annual_report.rules import PERMISSION as ANNUAL_REPORT_PERMISSION
from thidua.dashboard.charts import bar_chart
from thidua.dashboard.fairness import fairness
from thidua.dashboard.overdue import overdue_items
from thidua.dashboard.statistics import (
    BREAKDOWNS,
    NOMINATION_STAGES,
    award_breakdown,
    awards_by_year,
    awards_in,
    nomination_counts,
    nominations_by_year,
)
from thidua.organizations.models import OrgUnit
from thidua.reporting.kpis import MAX_YEAR, MIN_YEAR, indicators

TREND_YEARS = 5
# Roles that see the fairness warnings (the sector's standing office, officer, council and the
# upper levels' viewers).
FAIRNESS_ROLES = (Role.SECTOR_ADMIN, Role.SECTOR_OFFICER, Role.COUNCIL_MEMBER, Role.VIEWER)
CHARTS = ("unit", "employer_type", "level", "gender", "worker")


def may_use(user):
    return user.is_superuser or user.has_role(*STAFF_ROLES)


def scope(request):
    """``(org, year)`` of the request: a visible unit (404 otherwise), the home unit by default;
    a year from 2000 to 2100, the current year by default (or when the parameter is unusable)."""
    user = request.user
    if not may_use(user):
        raise PermissionDenied(_("The dashboard is for union officers."))
    visible = OrgUnit.objects.visible_to(user)
    raw = (request.GET.get("org") or "").strip()
    if raw:
        if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
            raise Http404
        org = visible.filter(pk=int(raw)).first()
    else:
        home = user.home_org
        org = visible.filter(pk=home.pk).first() if home else visible.order_by("path").first()
    if org is None:
        raise Http404
    year = timezone.localdate().year
    raw = (request.GET.get("year") or "").strip()
    if raw.isascii() and raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        year = int(raw)
    return org, year


def _query(org, year, **extra):
    return urlencode({"org": org.pk, "year": year, **extra})


def _navigation(user, org, year):
    """Breadcrumbs up to the highest visible ancestor, and the visible sub-units to drill into."""
    visible = OrgUnit.objects.visible_to(user)
    paths = [org.path[:end] for end in range(org.steplen, len(org.path), org.steplen)]
    ancestors = list(visible.filter(path__in=paths).order_by("depth"))
    children = list(visible.filter(parent=org, active=True).order_by("path"))
    this_year = timezone.localdate().year
    return {
        "ancestors": ancestors,
        "children": children,
        "years": list(range(this_year + 1, this_year - 8, -1)),
    }


def _targets(org, year, kpis):
    movements = f"{reverse('movements:movement_list')}?{urlencode({'org': org.pk, 'year': year})}"
    nominations = f"{reverse('nominations:nomination_list')}?{urlencode({'year': year})}"
    nomination = kpis["direct_worker_nominations"]
    return [
        {
            "key": "plans_submitted",
            "label": _("Units that submitted their plan for the movements"),
            "target": _("100%"),
            "ratio": kpis["plans_submitted"],
            "url": movements,
        },
        {
            "key": "movements_reviewed",
            "label": _("Movements reviewed at their end"),
            "target": _("100%"),
            "ratio": kpis["movements_reviewed"],
            "url": movements,
        },
        {
            "key": "direct_worker_nominations",
            "label": _("Direct workers proposed for federation, Confederation or State awards"),
            "target": _("Within the quota"),
            "nominations": nomination,
            "url": nominations,
        },
        {
            "key": "officers_trained",
            "label": _("Emulation officers trained in counting"),
            "target": _("100%"),
            "ratio": kpis["officers_trained"],
            "url": f"{reverse('oversight:officers')}?{urlencode({'year': year})}",
        },
    ]


@login_required
@require_GET
def index(request):
    org, year = scope(request)
    kpis = indicators(year, org)
    trend = awards_by_year(org, year - TREND_YEARS + 1, year)
    charts = [bar_chart(_("Awards per year"), trend)]
    charts += [bar_chart(BREAKDOWNS[by], award_breakdown(year, org, by)) for by in CHARTS]
    sees_fairness = request.user.is_superuser or request.user.has_role(*FAIRNESS_ROLES)
    context = {
        "org": org,
        "year": year,
        "query": _query(org, year),
        "targets": _targets(org, year, kpis),
        "reports": kpis["reports_on_time"],
        "reports_url": reverse("reporting:round_list"),
        "overdue": overdue_items(request.user, org),
        "charts": charts,
        "awards_total": sum(row["count"] for row in trend if row["key"] == year),
        "nominations": nomination_counts(year, org),
        "stages": NOMINATION_STAGES,
        "warnings": fairness(year, org)["warnings"] if sees_fairness else None,
        "may_issue_annual_report": request.user.has_perm(ANNUAL_REPORT_PERMISSION, org),
        **_navigation(request.user, org, year),
    }
    return render(request, "dashboard/index.html", context)


@login_required
@require_GET
def statistics_page(request):
    org, year = scope(request)
    tables = [
        {"by": by, "title": title, "rows": award_breakdown(year, org, by)}
        for by, title in BREAKDOWNS.items()
    ]
    for table in tables:
        table["count"] = sum(r["count"] for r in table["rows"])
        table["amount"] = sum(r["amount"] for r in table["rows"])
    context = {
        "org": org,
        "year": year,
        "query": _query(org, year),
        "tables": tables,
        "nomination_rows": nominations_by_year(org, year - exports.NOMINATION_YEARS + 1, year),
        "stages": NOMINATION_STAGES,
        "fairness": fairness(year, org),
        **_navigation(request.user, org, year),
    }
    return render(request, "dashboard/statistics.html", context)


def _file(write, name):
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    write(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=name, content_type=XLSX_CONTENT_TYPE)


@login_required
@require_GET
def export_table(request, table):
    """One table of the statistics page as .xlsx (``table``: a breakdown or ``nominations``)."""
    org, year = scope(request)
    if table == "nominations":
        return _file(
            lambda out: exports.export_nominations(year, org, out),
            exports.file_name("de-nghi", org, year),
        )
    if table not in BREAKDOWNS:
        raise Http404
    return _file(
        lambda out: exports.export_breakdown(table, year, org, out),
        exports.file_name(f"thong-ke-{table.replace('_', '-')}", org, year),
    )


@login_required
@require_GET
def export_awards(request):
    """Every effective award of the year in the unit's subtree; a background job when large."""
    org, year = scope(request)
    count = awards_in(year, org).count()
    if count > export_background_rows():
        job = create_job(
            "award_export",
            _("Export of %(count)d awards") % {"count": count},
            by=request.user,
            org_path=org.path,
            total=count,
        )
        tasks.run_award_export.enqueue(job.pk, org.pk, year, get_language())
        return redirect("core:job_detail", job.pk)
    return _file(
        lambda out: exports.export_award_rows(year, org, out),
        exports.file_name("khen-thuong", org, year),
    )
