"""Two-factor authentication of one's own account: setup, session check, backup codes, turning off.

The QR code is an inline SVG element built on the server, so the page needs no script or data URI.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from thidua.accounts import services
from thidua.accounts.forms import CodeForm, apply_domain_error
from thidua.accounts.views.auth import code_error, safe_next, warn_about_backup_codes
from thidua.core.exceptions import DomainError

NEW_CODES_KEY = "accounts_new_backup_codes"


def qr_svg(text):
    """The QR code of ``text`` as an ``<svg>`` element (generated here, safe to embed)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    svg = svg.replace("<svg ", '<svg role="img" class="qr-code" aria-label="QR" ', 1)
    # Built from our own otpauth URL by the qrcode library: no user-supplied markup.
    return mark_safe(svg)


def formatted_secret(device):
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("code")
@never_cache
@login_required
def two_factor(request):
    """The two-factor page: setup (QR code and confirmation), session check, or status."""
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    context = {"next": next_url, "required": services.two_factor_required(user)}
    if services.has_two_factor(user):
        context.update(
            form=CodeForm(),
            verified=user.is_verified(),
            backup_left=_backup_left(user),
        )
        return render(request, "accounts/two_factor.html", context)
    device = services.pending_totp_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_two_factor(user, device, form.cleaned_data["code"])
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            otp_login(request, services.confirmed_totp_device(user))
            request.session[NEW_CODES_KEY] = {"codes": codes, "next": next_url}
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:two_factor_codes")
    context.update(
        form=form, setup=True, qr_svg=qr_svg(device.config_url), secret=formatted_secret(device)
    )
    return render(request, "accounts/two_factor.html", context)


def _backup_left(user):
    backup = services.backup_device(user)
    return backup.token_set.count() if backup else 0


@sensitive_post_parameters("code")
@require_POST
@login_required
def two_factor_verify(request):
    """Verify a session that was opened before two-factor was turned on (or is unverified)."""
    user = request.user
    next_url = request.POST.get("next", "")
    form = CodeForm(request.POST)
    if form.is_valid():
        device = services.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            warn_about_backup_codes(request, user, device)
            return redirect(safe_next(request, next_url))
        form.add_error("code", code_error(user))
    context = {
        "form": form,
        "next": next_url,
        "verified": False,
        "required": services.two_factor_required(user),
        "backup_left": _backup_left(user),
    }
    return render(request, "accounts/two_factor.html", context, status=200)


@never_cache
@login_required
def two_factor_codes(request):
    """The new backup codes, shown once right after they were made."""
    data = request.session.pop(NEW_CODES_KEY, None)
    if not data:
        return redirect("accounts:two_factor")
    next_url = data.get("next") or ""
    context = {"codes": data["codes"], "next": safe_next(request, next_url) if next_url else ""}
    return render(request, "accounts/two_factor_codes.html", context)


@sensitive_post_parameters("code")
@require_POST
@login_required
def two_factor_new_codes(request):
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            codes = services.regenerate_backup_codes(request.user, form.cleaned_data["code"])
        except DomainError as exc:
            messages.error(request, _first_message(exc))
        else:
            request.session[NEW_CODES_KEY] = {"codes": codes, "next": ""}
            return redirect("accounts:two_factor_codes")
    else:
        messages.error(request, _("Enter a code."))
    return redirect("accounts:two_factor")


@sensitive_post_parameters("code")
@require_POST
@login_required
def two_factor_disable(request):
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            services.disable_two_factor(request.user, form.cleaned_data["code"])
        except DomainError as exc:
            messages.error(request, _first_message(exc))
        else:
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            messages.success(request, _("Two-factor authentication is off."))
    else:
        messages.error(request, _("Enter a code."))
    return redirect("accounts:two_factor")


def _first_message(exc):
    return exc.errors[0]["message"] if exc.errors else str(exc.detail)
