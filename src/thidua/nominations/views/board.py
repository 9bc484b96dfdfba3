"""The appraisal board: every nomination of a year in reach, with filters (unit, award type,
direct worker, status), the score and the rank per award type, the quota use per unit and the
share of direct workers, in a handful of queries."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.nominations import quotas
from thidua.nominations.models import QUOTA_STATUSES, Quota
from thidua.nominations.views.common import current_year
from thidua.nominations.views.nominations import _filtered


def rank(nominations):
    """Rank per award type by score (ties share a rank), nominations taking a quota place."""
    by_type = {}
    for nomination in nominations:
        if nomination.status in QUOTA_STATUSES:
            by_type.setdefault(nomination.award_type_id, []).append(nomination)
    for items in by_type.values():
        items.sort(key=lambda n: -n.score)
        previous, position = None, 0
        for index, nomination in enumerate(items, start=1):
            if nomination.score != previous:
                position, previous = index, nomination.score
            nomination.rank = position


@login_required
def board(request):
    user = request.user
    params = request.GET.copy()
    if not params.get("year"):
        params["year"] = str(current_year())
    request.GET = params
    form, queryset = _filtered(request, user)
    nominations = list(queryset.order_by("award_type__order", "-score", "org_path", "id")[:2000])
    rank(nominations)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    year = year or current_year()
    quota_rows = list(
        Quota.objects.visible_to(user)
        .filter(year=year)
        .select_related("org", "award_type")
        .order_by("award_type__order", "org__path")
    )
    usages = quotas.usage_map(quota_rows)
    for quota in quota_rows:
        quota.usage = usages[quota.pk]
    individuals = [n for n in nominations if n.member_id and n.status in QUOTA_STATUSES]
    direct = sum(1 for n in individuals if n.member.is_direct_worker)
    context = {
        "form": form,
        "year": year,
        "nominations": nominations,
        "quotas": quota_rows,
        "direct": direct,
        "individuals": len(individuals),
        "share": direct / len(individuals) if individuals else 0,
    }
    return render(request, "nominations/board.html", context)
