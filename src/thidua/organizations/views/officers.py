"""Emulation officers: the board of grassroots unions with (or without) their designated officer,
and designating one. The designation rules live in ``services.designate_officer``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.exceptions import DomainError, Forbidden
from thidua.core.pagination import CappedPaginator, capped_count
from thidua.core.text import search_key
from thidua.organizations import services
from thidua.organizations.forms import EndOfficerForm, OfficerForm, apply_errors
from thidua.organizations.models import Member, OfficerDesignation, OrgKind, OrgUnit
from thidua.organizations.views.units import unit_path, visible_unit_or_404

PAGE_SIZE = 50
# Members offered in the officer picker at once; a name search narrows a large union.
MEMBER_CHOICES_LIMIT = 200


@login_required
def officer_board(request):
    """Every active grassroots union in reach with its current officer, or a clear gap."""
    user = request.user
    if not user.has_perm("organizations.view_officers"):
        raise PermissionDenied
    current = OfficerDesignation.objects.filter(org=OuterRef("pk"), until__isnull=True)
    unions = (
        OrgUnit.objects.visible_to(user)
        .grassroots()
        .filter(active=True)
        .annotate(has_officer=Exists(current))
    )
    totals = unions.aggregate(
        total=Count("pk"), with_officer=Count("pk", filter=Q(has_officer=True))
    )
    totals["without_officer"] = totals["total"] - totals["with_officer"]
    missing = request.GET.get("missing") == "1"
    query = request.GET.get("q", "").strip()[:100]
    shown = unions.filter(has_officer=False) if missing else unions
    if search_key(query):
        shown = shown.filter(search_key__contains=search_key(query))
    page = CappedPaginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    officers = services.current_officers(page.object_list)
    for unit in page.object_list:
        unit.officer = officers.get(unit.pk)
        unit.can_designate = user.has_perm("organizations.designate_officer", unit)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "totals": totals,
        "missing": missing,
        "q": query,
        "query": params.urlencode(),
    }
    return render(request, "organizations/officer_board.html", context)


def _member_choices(org, query="", selected=None):
    """Active members of the union, by Vietnamese name, narrowed by ``query``, at most a page."""
    members = Member.objects.in_subtree(org).filter(active=True).select_related("org")
    if search_key(query):
        members = members.search(query)
    members = members.in_vietnamese_order()
    ids = list(members.values_list("pk", flat=True)[:MEMBER_CHOICES_LIMIT])
    if selected:
        ids.append(selected)
    return Member.objects.filter(pk__in=ids).select_related("org").in_vietnamese_order()


@login_required
def officer_designate(request, pk):
    """Designate the emulation officer of a grassroots union (the current one's term ends)."""
    user = request.user
    org = visible_unit_or_404(user, pk)
    if not user.has_perm("organizations.designate_officer", org):
        raise PermissionDenied
    if org.kind != OrgKind.GRASSROOTS_UNION:
        messages.error(request, _("Emulation officers are designated in grassroots unions."))
        return redirect("organizations:org_detail", pk=org.pk)
    all_members = Member.objects.in_subtree(org).filter(active=True).select_related("org")
    query = request.GET.get("q", "").strip()[:100]
    form = OfficerForm(members=all_members)
    end_form = EndOfficerForm()
    if request.method == "POST":
        action = request.POST.get("action", "designate")
        try:
            if action == "end":
                end_form = EndOfficerForm(request.POST)
                if end_form.is_valid():
                    services.end_officer_designation(
                        org, until=end_form.cleaned_data["until"], by=user
                    )
                    messages.success(request, _("The designation was ended."))
                    return redirect("organizations:officer_designate", pk=org.pk)
            else:
                form = OfficerForm(request.POST, members=all_members)
                if form.is_valid():
                    term = services.designate_officer(org, by=user, **form.cleaned_data)
                    messages.success(
                        request,
                        _("%(name)s is now the emulation officer of %(unit)s.")
                        % {"name": term.member.full_name, "unit": org.name},
                    )
                    return redirect("organizations:officer_designate", pk=org.pk)
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            apply_errors(end_form if action == "end" else form, exc)
    selected = form["member"].value() if form.is_bound else None
    selected = int(selected) if selected and str(selected).isdigit() else None
    form.fields["member"].queryset = _member_choices(org, query, selected)
    history = OfficerDesignation.objects.filter(org=org).select_related("member", "designated_by")
    current = next((t for t in history if t.until is None), None)
    context = {
        "org": org,
        "path": unit_path(user, org)[:-1],
        "form": form,
        "end_form": end_form,
        "history": history,
        "current": current,
        "q": query,
        "member_total": capped_count(all_members),
        "limit": MEMBER_CHOICES_LIMIT,
    }
    return render(request, "organizations/officer_designate.html", context)
