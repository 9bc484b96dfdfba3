"""The union tree: the units in reach, a unit's page, and creating, editing, moving and
deactivating units. Reading starts from ``OrgUnit.objects.visible_to``; writes go through
services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError, Forbidden, StaleVersion
from thidua.core.pagination import CappedPaginator
from thidua.core.text import search_key
from thidua.organizations import services
from thidua.organizations.forms import OrgForm, OrgMoveForm, TreeFilterForm, apply_errors
from thidua.organizations.imports import may_import_units
from thidua.organizations.models import ALLOWED_PARENT_KINDS, OrgKind, OrgUnit

# Children shown per load in the tree, and per page on a unit's page.
TREE_CHILDREN_PAGE = 100
DETAIL_CHILDREN_PAGE = 50
SEARCH_PAGE = 50


def pk_or_404(value):
    """An id from the query string; anything but a positive integer is a 404."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if pk <= 0:
        raise Http404
    return pk


def visible_unit_or_404(user, pk):
    return get_object_or_404(OrgUnit.objects.visible_to(user), pk=pk)


def unit_path(user, org):
    """``[(unit, visible)]`` from the root down to ``org``; units above the reach show no link."""
    chain = [*OrgUnit.objects.get_ancestors(org), org]
    visible = set(
        OrgUnit.objects.visible_to(user)
        .filter(pk__in=[u.pk for u in chain])
        .values_list("pk", flat=True)
    )
    return [(unit, unit.pk in visible) for unit in chain]


def tree_roots(user):
    """The top units of the user's reach (the tree's roots for a superuser)."""
    units = OrgUnit.objects.visible_to(user)
    if user.is_superuser:
        return list(units.filter(depth=1))
    return list(units.filter(path__in=user.reach_paths()))


def annotate_units(units):
    """Attach ``officer`` to each unit (``member_count`` is stored on the unit).

    One query whatever the number of units.
    """
    units = list(units)
    grassroots = [u for u in units if u.kind == OrgKind.GRASSROOTS_UNION]
    officers = services.current_officers(grassroots) if grassroots else {}
    for unit in units:
        unit.officer = officers.get(unit.pk)
    return units


def _children_page(parent, *, show_inactive, page_number, per_page):
    children = OrgUnit.objects.filter(parent=parent)
    if not show_inactive:
        children = children.filter(active=True)
    page = CappedPaginator(children, per_page).get_page(page_number)
    page.object_list = annotate_units(page.object_list)
    return page


def _show_inactive(request):
    return request.GET.get("inactive") in {"1", "on", "true"}


@login_required
def org_tree(request):
    """The units in reach as a tree (deeper levels load on demand), or a flat search result."""
    user = request.user
    form = TreeFilterForm(request.GET)
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "") if valid else ""
    show_inactive = bool(form.cleaned_data.get("inactive")) if valid else False
    searching = bool(search_key(query))
    context = {
        "form": form,
        "show_inactive": show_inactive,
        "q": query,
        "searching": searching,
        "can_import": may_import_units(user),
        "can_export": user.has_perm("organizations.export_members"),
    }
    if searching:
        results = (
            OrgUnit.objects.visible_to(user)
            .filter(search_key__contains=search_key(query))
            .select_related("parent")
        )
        if not show_inactive:
            results = results.filter(active=True)
        page = CappedPaginator(results, SEARCH_PAGE).get_page(request.GET.get("page"))
        page.object_list = annotate_units(page.object_list)
        params = request.GET.copy()
        params.pop("page", None)
        context.update(page=page, query=params.urlencode())
        if request.htmx:
            return render(request, "organizations/_org_search_results.html", context)
        return render(request, "organizations/org_tree.html", context)
    roots = annotate_units(tree_roots(user))
    for root in roots:
        root.children_page = _children_page(
            root, show_inactive=show_inactive, page_number=1, per_page=TREE_CHILDREN_PAGE
        )
    context.update(roots=roots, can_create_root=user.is_superuser)
    if request.htmx:
        return render(request, "organizations/_org_tree_roots.html", context)
    return render(request, "organizations/org_tree.html", context)


@login_required
def org_children(request, pk):
    """The children of a unit as tree rows (htmx), a page at a time."""
    org = visible_unit_or_404(request.user, pk)
    if not request.htmx:
        return redirect("organizations:org_detail", pk=org.pk)
    show_inactive = _show_inactive(request)
    page = _children_page(
        org,
        show_inactive=show_inactive,
        page_number=request.GET.get("page"),
        per_page=TREE_CHILDREN_PAGE,
    )
    context = {"parent": org, "page": page, "show_inactive": show_inactive}
    return render(request, "organizations/_org_children.html", context)


@login_required
def org_detail(request, pk):
    user = request.user
    org = visible_unit_or_404(user, pk)
    children = CappedPaginator(OrgUnit.objects.filter(parent=org), DETAIL_CHILDREN_PAGE).get_page(
        request.GET.get("page")
    )
    children.object_list = annotate_units(children.object_list)
    is_grassroots = org.kind == OrgKind.GRASSROOTS_UNION
    officer = services.current_officers([org]).get(org.pk) if is_grassroots else None
    holds_members = org.kind in services.MEMBER_HOLDING_KINDS
    context = {
        "org": org,
        "path": unit_path(user, org)[:-1],
        "children": children,
        "stats": services.member_stats(org),
        "officer": officer,
        "is_grassroots": is_grassroots,
        "holds_members": holds_members,
        "can_change": user.has_perm("organizations.change_orgunit", org),
        "can_add_child": org.active
        and bool(services.allowed_child_kinds(org))
        and user.has_perm("organizations.add_orgunit", org),
        "can_list_members": user.has_perm("organizations.view_member_list", org),
        "can_add_member": org.active
        and holds_members
        and user.has_perm("organizations.add_member", org),
        "can_designate": is_grassroots
        and org.active
        and user.has_perm("organizations.designate_officer", org),
        "can_move": bool(ALLOWED_PARENT_KINDS[org.kind]),
    }
    return render(request, "organizations/org_detail.html", context)


def _domain_error_to_form(form, exc):
    if isinstance(exc, Forbidden):
        raise PermissionDenied from exc
    apply_errors(form, exc)


@login_required
def org_create(request):
    user = request.user
    raw_parent = request.POST.get("parent") or request.GET.get("parent")
    parent = visible_unit_or_404(user, pk_or_404(raw_parent)) if raw_parent else None
    if parent is None and not user.is_superuser:
        messages.info(request, _("Open the parent unit and choose “Add a sub-unit”."))
        return redirect("organizations:org_tree")
    if parent is not None and not user.has_perm("organizations.add_orgunit", parent):
        raise PermissionDenied
    if parent is not None and not parent.active:
        messages.error(request, _("The parent unit is inactive; reactivate it first."))
        return redirect("organizations:org_detail", pk=parent.pk)
    kinds = services.allowed_child_kinds(parent)
    form = OrgForm(request.POST or None, kinds=kinds)
    del form.fields["version"]
    if request.method == "POST" and form.is_valid():
        try:
            org = services.create_org(parent=parent, by=user, **form.cleaned_data)
        except DomainError as exc:
            _domain_error_to_form(form, exc)
        else:
            messages.success(request, _("The unit “%(name)s” was created.") % {"name": org.name})
            return redirect("organizations:org_detail", pk=org.pk)
    context = {
        "form": form,
        "parent": parent,
        "path": unit_path(user, parent) if parent else [],
    }
    return render(request, "organizations/org_form.html", context)


def _editable_unit(request, pk):
    """The unit if visible (else 404) and the user may change it (else 403)."""
    org = visible_unit_or_404(request.user, pk)
    if not request.user.has_perm("organizations.change_orgunit", org):
        raise PermissionDenied
    return org


def _org_edit_form(org, data=None):
    kinds = services.allowed_child_kinds(org.parent)
    if org.kind not in kinds:
        kinds.append(org.kind)
    form = OrgForm(data, instance=OrgUnit.objects.get(pk=org.pk), kinds=kinds)
    form.fields["version"].required = True
    form.initial.setdefault("version", org.version)
    return form


@login_required
def org_edit(request, pk):
    user = request.user
    org = _editable_unit(request, pk)
    form = _org_edit_form(org, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            org = services.update_org(org, by=user, version=version, **data)
        except StaleVersion:
            org.refresh_from_db()
            form = _org_edit_form(org)
            form.stale = True
            status = 409
        except DomainError as exc:
            _domain_error_to_form(form, exc)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("organizations:org_detail", pk=org.pk)
    context = {"form": form, "org": org, "path": unit_path(user, org)[:-1]}
    return render(request, "organizations/org_form.html", context, status=status)


def move_targets(user, org):
    """Units ``org`` may move under: visible, active, of a kind that may hold it, outside its
    subtree, where the user may add units. A union group stays inside its grassroots union."""
    candidates = (
        OrgUnit.objects.visible_to(user)
        .filter(active=True, kind__in=ALLOWED_PARENT_KINDS[org.kind])
        .exclude(path__startswith=org.path)
        .exclude(pk=org.parent_id)
    )
    if org.kind == OrgKind.UNION_GROUP:
        union = OrgUnit.objects.get_ancestors(org).filter(kind=OrgKind.GRASSROOTS_UNION).last()
        if union is not None:
            candidates = candidates.filter(path__startswith=union.path)
    allowed = [u.pk for u in candidates if user.has_perm("organizations.add_orgunit", u)]
    return OrgUnit.objects.filter(pk__in=allowed)


@login_required
def org_move(request, pk):
    user = request.user
    org = _editable_unit(request, pk)
    targets = move_targets(user, org)
    base_depth = min((u.depth for u in targets), default=1)
    form = OrgMoveForm(
        request.POST or None,
        parents=targets,
        base_depth=base_depth,
        initial={"version": org.version},
    )
    form.fields["version"].required = True
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.move_org(
                org,
                new_parent=form.cleaned_data["new_parent"],
                by=user,
                version=form.cleaned_data["version"],
            )
        except StaleVersion:
            org.refresh_from_db()
            form = OrgMoveForm(
                parents=targets, base_depth=base_depth, initial={"version": org.version}
            )
            form.stale = True
            status = 409
        except DomainError as exc:
            _domain_error_to_form(form, exc)
        else:
            messages.success(request, _("The unit was moved with its sub-units and members."))
            return redirect("organizations:org_detail", pk=org.pk)
    context = {
        "form": form,
        "org": org,
        "path": unit_path(user, org)[:-1],
        "has_targets": targets.exists(),
    }
    return render(request, "organizations/org_move.html", context, status=status)


@login_required
@require_POST
def org_set_active(request, pk):
    user = request.user
    org = _editable_unit(request, pk)
    detail = reverse("organizations:org_detail", args=[org.pk])
    wanted = request.POST.get("active")
    if wanted not in {"0", "1"}:
        messages.error(request, _("Choose whether to deactivate or reactivate the unit."))
        return redirect(detail)
    active = wanted == "1"
    version = request.POST.get("version")
    if version is not None and not version.isdigit():
        messages.error(request, _("The form was damaged; reload the page and try again."))
        return redirect(detail)
    try:
        services.set_org_active(org, active, by=user, version=version)
    except Forbidden as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        reasons = [str(e["message"]) for e in exc.errors] or [str(exc.detail)]
        messages.error(request, " ".join(reasons))
        return redirect(detail)
    if active:
        messages.success(request, _("The unit was reactivated."))
    else:
        messages.success(request, _("The unit and all its sub-units were deactivated."))
    return redirect(detail)
