"""The follow-up page: forwarded nominations of the units in reach, with the upper level's result,
and the batches with their packages. For the sector's staff and an upper level's viewer alike."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.core.pagination import CappedPaginator
from thidua.forwarding.forms import FollowFilterForm
from thidua.forwarding.models import ForwardedNomination, ForwardingBatch
from thidua.forwarding.views.common import award_type_choices, may


def filtered_forwarded(user, query):
    """``(form, forwarded nominations)`` of the follow-up page for its GET parameters ``query``
    (the page and its export)."""
    form = FollowFilterForm(query or None, award_types=award_type_choices())
    items = ForwardedNomination.objects.visible_to(user).select_related(
        "batch",
        "batch__org",
        "nomination",
        "nomination__award_type",
        "nomination__org",
        "nomination__member",
        "nomination__nominee_org",
    )
    if form.is_valid():
        year = form.cleaned_data["year"]
        award_type = form.cleaned_data["award_type"]
        if year:
            items = items.filter(nomination__year=year)
        if award_type:
            items = items.filter(nomination__award_type=award_type)
    return form, items.order_by("-batch__created_at", "nomination__org_path", "id")


@login_required
def follow(request):
    user = request.user
    form, items = filtered_forwarded(user, request.GET)
    batches = ForwardingBatch.objects.visible_to(user).select_related(
        "org", "submission_document", "package_document"
    )
    if form.is_valid():
        year = form.cleaned_data["year"]
        award_type = form.cleaned_data["award_type"]
        if year:
            batches = batches.filter(year=year)
        if award_type:
            batches = batches.filter(items__nomination__award_type=award_type).distinct()
    page = CappedPaginator(items, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "batches": batches.order_by("-created_at", "-id")[:20],
        "can_forward": may(user, "forwarding.forward"),
    }
    return render(request, "forwarding/follow.html", context)
