"""Workplace awards: the weekly, monthly and quarterly awards a unit gives from its own budget,
listed and entered on one page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.exceptions import DomainError
from thidua.core.pagination import CappedPaginator
from thidua.core.scoping import subtree_q
from thidua.nominations import services
from thidua.nominations.forms import WorkplaceAwardForm, apply_errors
from thidua.nominations.models import WorkplaceAward
from thidua.nominations.rules import UNIT_ROLES
from thidua.organizations.models import Member, OrgKind, OrgUnit


@login_required
def workplace_award_list(request):
    user = request.user
    units = OrgUnit.objects.filter(active=True, kind=OrgKind.GRASSROOTS_UNION)
    if not user.is_superuser:
        units = units.filter(subtree_q("path", user.reach_paths(UNIT_ROLES)))
    members = (
        Member.objects.filter(active=True)
        .filter(subtree_q("org_path", [u.path for u in units]))
        .in_vietnamese_order()
    )
    form = None
    if units.exists():
        form = WorkplaceAwardForm(
            request.POST or None, units=units, members=members, initial={"org": units.first()}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.record_workplace_award(by=user, **form.cleaned_data)
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The award was recorded."))
                return redirect("nominations:workplace_award_list")
    awards = WorkplaceAward.objects.visible_to(user).select_related("org", "member")
    page = CappedPaginator(awards, 50).get_page(request.GET.get("page"))
    return render(request, "nominations/workplace_awards.html", {"form": form, "page": page})
