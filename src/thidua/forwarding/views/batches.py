"""Pages of the forwarding unit: choose approved nominations and forward them, the batches, a
batch (TTr, package, the upper level's result per nomination) and the package download.

Reading starts from ``visible_to`` (outside reach: 404); writes go through ``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards.models import UPPER_LEVELS
from thidua.core.exceptions import DomainError
from thidua.core.pagination import CappedPaginator
from thidua.forwarding import services
from thidua.forwarding.forms import UpperResultForm
from thidua.forwarding.models import ForwardingBatch
from thidua.forwarding.views.common import (
    current_year,
    int_param,
    may,
    package_response,
    report_error,
    visible_batch_or_404,
)
from thidua.nominations import quotas
from thidua.nominations.models import Nomination, NominationStatus, Quota


def _quota_rows(user, nominations, year):
    """Use of the quotas of the award types on the page, for the quotas the user sees."""
    type_ids = {n.award_type_id for n in nominations}
    rows = list(
        Quota.objects.visible_to(user)
        .filter(year=year, award_type_id__in=type_ids, parent__isnull=True)
        .select_related("org", "award_type", "granted_by_org")
    )
    usage = quotas.usage_map(rows)
    return [{"quota": q, "usage": usage[q.pk]} for q in rows]


@login_required
def forward(request):
    """Approved nominations of upper-level awards in reach; forward a selection as one batch."""
    user = request.user
    if not may(user, "forwarding.forward"):
        raise PermissionDenied
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("nominations") if v.isdigit() and len(v) < 19]
        chosen = list(Nomination.objects.visible_to(user).filter(pk__in=ids).select_related("org"))
        if not chosen:
            messages.error(request, _("Choose at least one nomination."))
        else:
            try:
                batch = services.forward_nominations(
                    by=user,
                    org=services.forwarding_unit_for(chosen[0]),
                    nominations=chosen,
                    upper_body=request.POST.get("upper_body", ""),
                )
            except DomainError as exc:
                report_error(request, exc)
            else:
                messages.success(request, _("The nominations were forwarded."))
                return redirect("forwarding:batch_detail", batch.pk)
    year = int_param(request, "year") or current_year()
    nominations = list(
        Nomination.objects.visible_to(user)
        .filter(
            status=NominationStatus.APPROVED,
            award_type__issuing_level__in=UPPER_LEVELS,
            year=year,
        )
        .select_related("award_type", "org", "member", "member__org", "nominee_org")
        .order_by("award_type__issuing_level", "award_type__code", "org_path", "id")
    )
    context = {
        "nominations": nominations,
        "year": year,
        "quota_rows": _quota_rows(user, nominations, year),
    }
    return render(request, "forwarding/forward.html", context)


@login_required
def batch_list(request):
    batches = (
        ForwardingBatch.objects.visible_to(request.user)
        .select_related("org", "upper_org", "submission_document", "package_document")
        .order_by("-created_at", "-id")
    )
    year = int_param(request, "year")
    if year:
        batches = batches.filter(year=year)
    page = CappedPaginator(batches, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "forwarding/batch_list.html",
        {"page": page, "query": query.urlencode(), "year": year or ""},
    )


@login_required
def batch_detail(request, pk):
    user = request.user
    batch = visible_batch_or_404(user, pk)
    items = list(
        batch.items.select_related(
            "nomination",
            "nomination__award_type",
            "nomination__member",
            "nomination__member__org",
            "nomination__nominee_org",
            "award_record",
        )
    )
    can_record = user.is_superuser or user.has_perm("forwarding.record_upper_result", batch)
    for item in items:
        item.form = UpperResultForm(prefix=f"n{item.nomination_id}")
    context = {"batch": batch, "items": items, "can_record": can_record}
    return render(request, "forwarding/batch_detail.html", context)


@require_POST
@login_required
def record_result(request, pk, nomination_pk):
    user = request.user
    batch = visible_batch_or_404(user, pk)
    item = get_object_or_404(
        batch.items.select_related("nomination", "nomination__award_type"),
        nomination_id=nomination_pk,
    )
    form = UpperResultForm(request.POST, prefix=f"n{nomination_pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("forwarding:batch_detail", batch.pk)
    data = form.cleaned_data
    try:
        services.record_upper_result(
            item.nomination,
            by=user,
            approved=data["approved"],
            decision_number=data["decision_number"],
            decided_on=data["decided_on"],
            reason=data["reason"],
        )
    except DomainError as exc:
        report_error(request, exc)
    else:
        messages.success(request, _("The upper level's result was recorded."))
    return redirect("forwarding:batch_detail", batch.pk)


@login_required
def package_download(request, pk):
    batch = visible_batch_or_404(request.user, pk)
    if batch.package_document is None or batch.package_document.file is None:
        raise PermissionDenied
    return package_response(batch.package_document)
