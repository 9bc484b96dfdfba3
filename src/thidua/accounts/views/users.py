"""User and role management for the sector admin: users in reach, roles, member links.

Every page needs ``accounts.manage_users`` (403 without it); a user outside the admin's reach
answers 404. The writes go through ``accounts.services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from thidua.accounts import services
from thidua.accounts.forms import (
    GrantRoleForm,
    LinkMemberForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
    apply_domain_error,
)
from thidua.accounts.models import RoleAssignment
from thidua.accounts.queries import (
    admin_paths,
    is_fully_in_reach,
    linkable_members,
    manageable_users,
)
from thidua.core.audit import history
from thidua.core.exceptions import DomainError, NotFound
from thidua.core.pagination import CappedPaginator
from thidua.core.text import search_key
from thidua.organizations.models import Member

PAGE_SIZE = 25
MEMBER_RESULTS = 20


def _require_manager(request):
    if not request.user.has_perm("accounts.manage_users"):
        raise PermissionDenied


def _in_reach(by, path):
    return by.is_superuser or any(path.startswith(p) for p in admin_paths(by))


def _split_roles(by, user):
    """The user's role assignments in ``by``'s reach, and how many lie elsewhere."""
    assignments = sorted(user.roles.all(), key=lambda a: (a.org.path, a.role))
    visible = [a for a in assignments if _in_reach(by, a.org.path)]
    return visible, len(assignments) - len(visible)


def _get_user(request, pk):
    return get_object_or_404(manageable_users(request.user), pk=pk)


@login_required
def user_list(request):
    _require_manager(request)
    by = request.user
    users = manageable_users(by).prefetch_related(
        Prefetch("roles", queryset=RoleAssignment.objects.select_related("org"))
    )
    filters = UserFilterForm(request.GET or None)
    if filters.is_valid():
        key = search_key(filters.cleaned_data["q"] or "")
        if key:
            users = users.filter(search_key__contains=key)
        if filters.cleaned_data["role"]:
            users = users.filter(
                Exists(
                    RoleAssignment.objects.filter(
                        user=OuterRef("pk"), role=filters.cleaned_data["role"]
                    )
                )
            )
        if filters.cleaned_data["status"] == "active":
            users = users.filter(is_active=True)
        elif filters.cleaned_data["status"] == "inactive":
            users = users.filter(is_active=False)
    page = CappedPaginator(users.order_by("username"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for user in page:
        visible, elsewhere = _split_roles(by, user)
        rows.append({"user": user, "roles": visible, "elsewhere": elsewhere})
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {"filters": filters, "page": page, "rows": rows, "query": query.urlencode()},
    )


@sensitive_post_parameters("password")
@login_required
def user_create(request):
    _require_manager(request)
    by = request.user
    form = UserCreateForm(request.POST or None, by=by)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_user(
                by=by,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                role=data["role"],
                org=data["org"],
                password="" if data["send_invitation"] else data["password"],
                send_invitation=data["send_invitation"],
                member=data["member"],
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            if data["send_invitation"]:
                messages.success(
                    request,
                    _("The user has been created and an email to choose a password was sent."),
                )
            else:
                messages.success(request, _("The user has been created."))
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


def _detail_context(request, user, **extra):
    by = request.user
    visible, elsewhere = _split_roles(by, user)
    member = Member.objects.filter(user=user).select_related("org").first()
    context = {
        "account": user,
        "roles": visible,
        "roles_elsewhere": elsewhere,
        "member": member,
        "member_in_reach": member is not None and _in_reach(by, member.org_path),
        "fully_in_reach": is_fully_in_reach(by, user),
        "two_factor_on": services.has_two_factor(user),
        "grant_form": GrantRoleForm(by=by),
        "link_form": LinkMemberForm(by=by),
        "entries": history(user)[:20],
        "is_self": user.pk == by.pk,
    }
    context.update(extra)
    return context


@login_required
def user_detail(request, pk):
    _require_manager(request)
    user = _get_user(request, pk)
    return render(request, "accounts/user_detail.html", _detail_context(request, user))


@login_required
def user_edit(request, pk):
    _require_manager(request)
    user = _get_user(request, pk)
    initial = {"full_name": user.full_name, "email": user.email}
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_user(user, by=request.user, **form.cleaned_data)
        except NotFound as exc:
            raise Http404 from exc
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("accounts:user_detail", pk=user.pk)
    context = {"form": form, "account": user, "creating": False}
    return render(request, "accounts/user_form.html", context)


def _run(request, action, success):
    """Run a service ``action``; a refusal becomes an error message, 404 stays 404."""
    try:
        action()
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.errors[0]["message"] if exc.errors else str(exc.detail))
        return False
    messages.success(request, success)
    return True


@require_POST
@login_required
def user_set_active(request, pk):
    _require_manager(request)
    user = _get_user(request, pk)
    active = request.POST.get("active") == "1"
    success = _("The user has been reactivated.") if active else _("The user has been deactivated.")
    _run(request, lambda: services.set_user_active(user, active, by=request.user), success)
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@login_required
def user_send_password_email(request, pk):
    _require_manager(request)
    user = _get_user(request, pk)
    _run(
        request,
        lambda: services.send_set_password_email(user, by=request.user),
        _("An email to choose a password was sent to %(email)s.") % {"email": user.email},
    )
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@login_required
def user_reset_two_factor(request, pk):
    _require_manager(request)
    user = _get_user(request, pk)
    _run(
        request,
        lambda: services.reset_two_factor(user, by=request.user),
        _("Two-factor authentication was reset; the user sets it up again at the next login."),
    )
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@login_required
def role_grant(request, pk):
    _require_manager(request)
    user = _get_user(request, pk)
    form = GrantRoleForm(request.POST, by=request.user)
    if form.is_valid():
        try:
            services.grant_role(
                user, role=form.cleaned_data["role"], org=form.cleaned_data["org"], by=request.user
            )
        except NotFound as exc:
            raise Http404 from exc
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("The role has been granted."))
            return redirect("accounts:user_detail", pk=user.pk)
    context = _detail_context(request, user, grant_form=form)
    return render(request, "accounts/user_detail.html", context)


@require_POST
@login_required
def role_revoke(request, pk, assignment_pk):
    _require_manager(request)
    user = _get_user(request, pk)
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("org", "user"), pk=assignment_pk, user=user
    )
    if not _in_reach(request.user, assignment.org.path):
        raise Http404
    _run(
        request,
        lambda: services.revoke_role(assignment, by=request.user),
        _("The role has been removed."),
    )
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@login_required
def member_link(request, pk):
    _require_manager(request)
    user = _get_user(request, pk)
    form = LinkMemberForm(request.POST, by=request.user)
    if form.is_valid():
        try:
            services.link_member(user, form.cleaned_data["member"], by=request.user)
        except NotFound as exc:
            raise Http404 from exc
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, _("The user is now linked to the member record."))
            return redirect("accounts:user_detail", pk=user.pk)
    context = _detail_context(request, user, link_form=form)
    return render(request, "accounts/user_detail.html", context)


@require_POST
@login_required
def member_unlink(request, pk):
    _require_manager(request)
    user = _get_user(request, pk)
    _run(
        request,
        lambda: services.unlink_member(user, by=request.user),
        _("The link to the member record has been removed."),
    )
    return redirect("accounts:user_detail", pk=user.pk)


@login_required
def member_search(request):
    """Members without an account in the admin's reach, matching ``member_q`` (htmx fragment)."""
    _require_manager(request)
    key = search_key(request.GET.get("member_q", "")[:100])
    members = []
    if key:
        members = list(
            linkable_members(request.user)
            .filter(search_key__contains=key)
            .order_by("sort_key", "id")[:MEMBER_RESULTS]
        )
    context = {"members": members, "searched": bool(key), "limit": MEMBER_RESULTS}
    return render(request, "accounts/_member_choices.html", context)
