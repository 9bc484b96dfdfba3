"""Quota pages: the quotas in reach with their use, recording an allocation from above or a
sub-allocation to a grassroots union (with the places left shown), and one quota's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from thidua.core.exceptions import DomainError
from thidua.nominations import quotas as quota_services
from thidua.nominations.forms import QuotaForm, apply_errors
from thidua.nominations.models import QUOTA_STATUSES, Nomination, Quota
from thidua.nominations.rules import SECTOR_ROLES
from thidua.nominations.views.common import award_types, current_year
from thidua.organizations.models import OrgKind, OrgUnit


def _with_usage(quotas):
    quotas = list(quotas)
    usages = quota_services.usage_map(quotas)
    for quota in quotas:
        quota.usage = usages[quota.pk]
    return quotas


@login_required
def quota_list(request):
    user = request.user
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else current_year()
    quotas = _with_usage(
        Quota.objects.visible_to(user)
        .filter(year=year)
        .select_related("org", "award_type", "granted_by_org", "parent")
        .order_by("award_type__order", "org__path")
    )
    context = {
        "quotas": quotas,
        "year": year,
        "can_create": user.is_superuser or user.has_role(*SECTOR_ROLES, "viewer"),
    }
    return render(request, "nominations/quota_list.html", context)


@login_required
def quota_create(request):
    user = request.user
    if not (user.is_superuser or user.has_role(*SECTOR_ROLES, "viewer")):
        raise PermissionDenied
    units = OrgUnit.objects.visible_to(user).filter(active=True).exclude(kind=OrgKind.UNION_GROUP)
    parents = Quota.objects.visible_to(user).select_related("org", "award_type")
    granting = OrgUnit.objects.filter(
        kind__in=[OrgKind.CONFEDERATION, OrgKind.FEDERATION, OrgKind.SECTOR_UNION]
    )
    parent_id = request.GET.get("parent", "")
    form = QuotaForm(
        request.POST or None,
        parents=parents,
        award_types=award_types().filter(quota_limited=True),
        units=units,
        granting=granting,
        initial={
            "year": current_year(),
            "parent": parent_id if parent_id.isdigit() else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            quota = quota_services.create_quota(
                by=user,
                year=data["year"],
                award_type=data["award_type"],
                org=data["org"],
                count=data["count"],
                granted_by_org=data["granted_by_org"],
                parent=data["parent"],
                min_direct_worker_share=data["min_direct_worker_share"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The quota was recorded."))
            return redirect("nominations:quota_detail", pk=quota.pk)
    parents_with_usage = _with_usage(parents.filter(year=current_year()))
    context = {"form": form, "parents": parents_with_usage}
    return render(request, "nominations/quota_form.html", context)


@login_required
def quota_detail(request, pk):
    user = request.user
    quota = get_object_or_404(
        Quota.objects.visible_to(user).select_related("org", "award_type", "granted_by_org"),
        pk=pk,
    )
    (quota,) = _with_usage([quota])
    children = _with_usage(quota.children.select_related("org").order_by("org__path"))
    nominations = (
        Nomination.objects.visible_to(user)
        .filter(
            year=quota.year,
            award_type=quota.award_type,
            org_path__startswith=quota.org.path,
            status__in=QUOTA_STATUSES,
        )
        .select_related("org", "member", "nominee_org")
        .order_by("org_path", "id")
    )
    context = {
        "quota": quota,
        "children": children,
        "nominations": nominations,
        "can_sub_allocate": user.has_perm("nominations.sub_allocate_quota", quota),
    }
    return render(request, "nominations/quota_detail.html", context)
