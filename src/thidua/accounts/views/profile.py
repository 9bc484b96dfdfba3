"""The user's own account page: name and email, roles, two-factor status and API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thidua.accounts import services
from thidua.accounts.forms import ProfileForm, TokenForm, apply_domain_error
from thidua.core.exceptions import DomainError

NEW_TOKEN_KEY = "accounts_new_api_token"


def _context(request, **extra):
    user = request.user
    context = {
        "form": ProfileForm(initial={"full_name": user.full_name, "email": user.email}),
        "token_form": TokenForm(),
        "assignments": sorted(user.role_assignments, key=lambda a: (a.org.path, a.role)),
        "member": getattr(user, "member", None),
        "two_factor_on": services.has_two_factor(user),
        "two_factor_required": services.two_factor_required(user),
        "tokens": user.api_tokens.all(),
        "new_token": request.session.pop(NEW_TOKEN_KEY, None),
    }
    context.update(extra)
    return context


@never_cache
@login_required
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.update_profile(request.user, **form.cleaned_data)
            except DomainError as exc:
                apply_domain_error(form, exc)
            else:
                messages.success(request, _("Your details have been saved."))
                return redirect("accounts:profile")
        return render(request, "accounts/profile.html", _context(request, form=form))
    return render(request, "accounts/profile.html", _context(request))


@require_POST
@login_required
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = services.issue_api_token(
                request.user, name=form.cleaned_data["name"], by=request.user
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            request.session[NEW_TOKEN_KEY] = {"raw": raw, "name": token.name}
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", _context(request, token_form=form))


@require_POST
@login_required
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.revoke_api_token(token, by=request.user)
    message = _("The token %(prefix)s… has been revoked.") % {"prefix": token.prefix}
    messages.success(request, message)
    return redirect("accounts:profile")
