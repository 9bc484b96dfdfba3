"""Members: the searchable list, a member's page, adding, editing and recording a departure.

Reading starts from ``Member.objects.visible_to`` (a member outside reach is a 404 for every role);
a ``member``-role user has no list and is sent to their own page. Writes go through services.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.roles import MEMBER_EDITOR_ROLES
from thidua.core.exceptions import DomainError, Forbidden, StaleVersion
from thidua.core.pagination import CappedPaginator
from thidua.core.scoping import subtree_q
from thidua.organizations import services
from thidua.organizations.filters import MemberFilter
from thidua.organizations.forms import MemberDeactivateForm, MemberForm, apply_errors
from thidua.organizations.models import Member, OfficerDesignation, OrgUnit
from thidua.organizations.views.units import pk_or_404, tree_roots, unit_path, visible_unit_or_404
from thidua.privacy import access_log

PAGE_SIZE = 50
# A name search counts at most this many matches ("more than 1,000"): enough to tell the user
# to type more, and cheap among millions of members.
SEARCH_COUNT_CAP = 1000
# Levels of the tree offered in the unit picker below the user's top units, and a hard cap.
PICKER_LEVELS = 2
PICKER_LIMIT = 2000


def _base_depth(user):
    return min((u.depth for u in tree_roots(user)), default=1)


def unit_choices(user, selected=None):
    """Units for the list's unit picker: the top units in reach and two levels below them, plus
    the selected unit when it lies deeper. One query."""
    base = _base_depth(user)
    units = OrgUnit.objects.visible_to(user).filter(depth__lte=base + PICKER_LEVELS, active=True)
    if selected:
        units = OrgUnit.objects.visible_to(user).filter(
            Q(pk__in=units.values("pk")) | Q(pk=selected)
        )
    choices = [("", gettext_lazy("All units in reach"))]
    for unit in units.only("pk", "name", "depth", "path")[:PICKER_LIMIT]:
        indent = "\u2003" * max(unit.depth - base, 0)
        choices.append((unit.pk, f"{indent}{unit.name}"))
    return choices


def member_units(user):
    """Active units where the user may put members (an editor role at the unit or above)."""
    units = OrgUnit.objects.visible_to(user).filter(
        active=True, kind__in=services.MEMBER_HOLDING_KINDS
    )
    if not user.is_superuser:
        units = units.filter(subtree_q("path", user.reach_paths(MEMBER_EDITOR_ROLES)))
    return units


def _label_empty_choices(form):
    """Say "any" rather than "---------"/"Unknown" in the filter selects."""
    any_label = gettext_lazy("Any")
    for name in ("is_direct_worker", "is_manager", "active"):
        form.fields[name].widget.choices = [
            ("unknown", any_label),
            ("true", gettext_lazy("Yes")),
            ("false", gettext_lazy("No")),
        ]
    for name, label in (("gender", any_label), ("ordering", gettext_lazy("Name (default)"))):
        field = form.fields[name]
        field.empty_label = label
        # Reassigning rebuilds the options; the field adds the empty one with the new label.
        field.choices = [choice for choice in field.choices if choice[0] != ""]


def _limit_unit_options(form):
    """Render at most ``PICKER_LIMIT`` unit options (the chosen one always among them); the field
    still validates against every unit the user may use."""
    field = form.fields["org"]
    chosen = form["org"].value()
    chosen = int(chosen) if str(chosen or "").isdigit() else None
    ids = list(field.queryset.values_list("pk", flat=True)[:PICKER_LIMIT])
    field.queryset = OrgUnit.objects.filter(Q(pk__in=ids) | Q(pk=chosen))


def _own_member_or_403(user):
    own = Member.objects.filter(user=user).only("pk").first()
    if own is None:
        raise PermissionDenied
    return redirect("organizations:member_detail", pk=own.pk)


@login_required
def member_list(request):
    """The members in reach, filtered and searched (htmx live search returns the results)."""
    user = request.user
    if not user.has_perm("organizations.view_member_list"):
        return _own_member_or_403(user)
    data = request.GET.copy()
    if "active" not in data:
        data["active"] = "true"
    members = Member.objects.visible_to(user).select_related("org")
    filterset = MemberFilter(data, queryset=members)
    raw_org = data.get("org")
    selected = int(raw_org) if raw_org and raw_org.isdigit() else None
    results_only = request.htmx and not request.htmx.boosted
    if results_only:
        # The live search re-renders the results, not the form: no unit picker to build (the
        # filter itself refuses a unit outside the user's reach).
        filterset.form.fields["org"] = forms.IntegerField(required=False)
    else:
        filterset.form.fields["org"] = forms.TypedChoiceField(
            label=gettext_lazy("Unit (with its sub-units)"),
            choices=unit_choices(user, selected),
            coerce=int,
            required=False,
            empty_value=None,
        )
        _label_empty_choices(filterset.form)
    cap = SEARCH_COUNT_CAP if data.get("q", "").strip() else None
    page = CappedPaginator(filterset.qs, PAGE_SIZE, cap=cap).get_page(request.GET.get("page"))
    params = data.copy()
    params.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": params.urlencode(),
        "can_add": user.has_perm("organizations.add_member"),
        "can_import": user.has_perm("organizations.import_members"),
        "can_export": user.has_perm("organizations.export_members"),
    }
    if results_only:
        return render(request, "organizations/_member_results.html", context)
    return render(request, "organizations/member_list.html", context)


def visible_member_or_404(user, pk):
    return get_object_or_404(Member.objects.visible_to(user).select_related("org", "user"), pk=pk)


@login_required
def member_detail(request, pk):
    user = request.user
    member = visible_member_or_404(user, pk)
    terms = OfficerDesignation.objects.filter(member=member).select_related("org")
    roles = []
    if member.user_id and user.has_perm("organizations.view_member_list", member.org):
        roles = list(member.user.roles.select_related("org").order_by("org__path", "role"))
    can_change = user.has_perm("organizations.change_member", member)
    access_log.log_member_view(user, member)
    context = {
        "member": member,
        "path": unit_path(user, member.org),
        "terms": terms,
        "roles": roles,
        "can_change": can_change,
        "deactivate_form": MemberDeactivateForm(initial={"version": member.version}),
        "is_self": member.user_id == user.pk,
    }
    return render(request, "organizations/member_detail.html", context)


def _service_error(form, exc):
    if isinstance(exc, Forbidden):
        raise PermissionDenied from exc
    apply_errors(form, exc)


@login_required
def member_create(request):
    user = request.user
    if not user.has_perm("organizations.add_member"):
        raise PermissionDenied
    initial = {}
    raw_org = request.GET.get("org")
    if raw_org:
        org = visible_unit_or_404(user, pk_or_404(raw_org))
        if not user.has_perm("organizations.add_member", org):
            raise PermissionDenied
        initial["org"] = org.pk
    form = MemberForm(
        request.POST or None,
        units=member_units(user),
        base_depth=_base_depth(user),
        initial=initial,
    )
    del form.fields["version"]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        org = data.pop("org")
        try:
            member = services.create_member(org=org, by=user, **data)
        except DomainError as exc:
            _service_error(form, exc)
        else:
            messages.success(
                request, _("The member “%(name)s” was added.") % {"name": member.full_name}
            )
            if "add_another" in request.POST:
                return redirect(reverse("organizations:member_create") + f"?org={org.pk}")
            return redirect("organizations:member_detail", pk=member.pk)
    _limit_unit_options(form)
    return render(request, "organizations/member_form.html", {"form": form, "member": None})


def _editable_member(request, pk):
    member = visible_member_or_404(request.user, pk)
    if not request.user.has_perm("organizations.change_member", member):
        raise PermissionDenied
    return member


def _member_edit_form(user, member, data=None):
    units = OrgUnit.objects.filter(Q(pk__in=member_units(user).values("pk")) | Q(pk=member.org_id))
    form = MemberForm(
        data,
        instance=Member.objects.get(pk=member.pk),
        units=units,
        base_depth=_base_depth(user),
        with_status=not member.active,
    )
    form.fields["version"].required = True
    form.initial.setdefault("version", member.version)
    return form


@login_required
def member_edit(request, pk):
    user = request.user
    member = _editable_member(request, pk)
    form = _member_edit_form(user, member, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            member = services.update_member(member, by=user, version=version, **data)
        except StaleVersion:
            member.refresh_from_db()
            form = _member_edit_form(user, member)
            form.stale = True
            status = 409
        except DomainError as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The member was saved."))
            return redirect("organizations:member_detail", pk=member.pk)
    _limit_unit_options(form)
    context = {"form": form, "member": member}
    return render(request, "organizations/member_form.html", context, status=status)


@login_required
def member_deactivate(request, pk):
    """Record that a member left the union (GET shows the form, POST records it)."""
    user = request.user
    member = _editable_member(request, pk)
    if not member.active:
        messages.info(request, _("The member has already left the union."))
        return redirect("organizations:member_detail", pk=member.pk)
    form = MemberDeactivateForm(request.POST or None, initial={"version": member.version})
    form.fields["version"].required = True
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.deactivate_member(
                member,
                by=user,
                left_on=form.cleaned_data["left_on"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion:
            member.refresh_from_db()
            form = MemberDeactivateForm(initial={"version": member.version})
            form.stale = True
            status = 409
        except DomainError as exc:
            _service_error(form, exc)
        else:
            messages.success(
                request,
                _("“%(name)s” is recorded as having left the union.") % {"name": member.full_name},
            )
            return redirect("organizations:member_detail", pk=member.pk)
    context = {"form": form, "member": member}
    return render(request, "organizations/member_deactivate.html", context, status=status)
