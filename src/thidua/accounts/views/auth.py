"""Login (password, then the second factor for users who have one), logout and passwords."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from thidua.accounts import services
from thidua.accounts.forms import CodeForm, PasswordResetForm
from thidua.accounts.roles import Role
from thidua.core import ratelimit

PENDING_KEY = "accounts_second_factor"
# The password step stays valid this long while the user looks for their code.
PENDING_SECONDS = 5 * 60


def safe_next(request, url, default=None):
    """``url`` when it points into this site, else ``default`` (the home page)."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default or reverse_lazy(settings.LOGIN_REDIRECT_URL)


def refuse_too_many(view, request, message, wait, form):
    """Show ``form`` again with ``message`` as 429 Too Many Requests, with ``Retry-After``."""
    messages.error(request, message)
    response = view.render_to_response(view.get_context_data(form=form))
    response.status_code = 429
    response["Retry-After"] = str(wait)
    return response


def demo_logins():
    """The demo accounts for the login page: username, full name, role label, unit code."""
    from thidua.demo.logins import DEMO_LOGINS, DEMO_PASSWORD

    rows = [
        {"username": u, "full_name": n, "role": Role(r).label, "unit": c}
        for u, n, r, c in DEMO_LOGINS
    ]
    return rows, DEMO_PASSWORD


class LoginView(auth_views.LoginView):
    """The password step. Users with a two-factor device continue to ``login_verify``."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO_MODE:
            context["demo_logins"], context["demo_password"] = demo_logins()
        return context

    def post(self, request, *args, **kwargs):
        """Refuse attempts beyond the rate limits before checking the password (besides the
        lockout of django-axes, which counts failures of one username from one address)."""
        username = request.POST.get("username", "")
        wait = ratelimit.exceeded(
            ("RATE_LIMIT_LOGIN_PER_ADDRESS", ratelimit.client_address(request)),
            ("RATE_LIMIT_LOGIN_PER_ACCOUNT", username),
        )
        if wait:
            form = self.get_form_class()(request, initial={"username": username[:150]})
            minutes = ratelimit.wait_minutes(wait)
            message = ngettext(
                "Too many login attempts. Try again in %(minutes)d minute.",
                "Too many login attempts. Try again in %(minutes)d minutes.",
                minutes,
            ) % {"minutes": minutes}
            return refuse_too_many(self, request, message, wait, form)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if services.has_two_factor(user):
            self.request.session[PENDING_KEY] = {
                "user_id": user.pk,
                "backend": user.backend,
                "next": str(self.get_success_url()),
                "at": time.time(),
            }
            return redirect("accounts:login_verify")
        return super().form_valid(form)


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()
    return user, pending


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_verify(request):
    """The second step of the login: a code of the authenticator app or a backup code."""
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_KEY, None)
        messages.warning(request, _("Your login has expired. Enter your password again."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING_KEY]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            warn_about_backup_codes(request, user, device)
            return redirect(safe_next(request, pending.get("next")))
        form.add_error("code", code_error(user))
    return render(request, "accounts/login_verify.html", {"form": form, "pending_user": user})


def code_error(user):
    """The message for a refused code, with the wait when the device is throttled."""
    waits = [
        services.throttled_until(device)
        for device in (services.confirmed_totp_device(user), services.backup_device(user))
    ]
    locked_until = max((w for w in waits if w is not None), default=None)
    if locked_until is not None:
        seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1)
        return _("Too many wrong codes. Wait %(seconds)d seconds and try again.") % {
            "seconds": seconds
        }
    return _("The code is wrong or has expired.")


def warn_about_backup_codes(request, user, device):
    """After a backup code was used, say how many remain."""
    backup = services.backup_device(user)
    if backup is None or device.persistent_id != backup.persistent_id:
        return
    left = backup.token_set.count()
    messages.warning(
        request,
        _(
            "You used a backup code; %(left)d remain. Generate new ones on the two-factor page "
            "if you are running out."
        )
        % {"left": left},
    )


class LogoutView(auth_views.LogoutView):
    """Logout by POST (the menu's button); also drops a half-finished two-step login."""

    def post(self, request, *args, **kwargs):
        request.session.pop(PENDING_KEY, None)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.note_password_changed(self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"site_name": settings.SITE_NAME}

    def form_valid(self, form):
        """Send the link unless the address or the email asked too often; the answer never
        tells whether an account has this email."""
        email = form.cleaned_data["email"]
        wait = ratelimit.exceeded(
            ("RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS", ratelimit.client_address(self.request)),
            ("RATE_LIMIT_PASSWORD_RESET_PER_EMAIL", email),
        )
        if wait:
            minutes = ratelimit.wait_minutes(wait)
            message = ngettext(
                "Too many password reset requests. No email was sent; try again in "
                "%(minutes)d minute.",
                "Too many password reset requests. No email was sent; try again in "
                "%(minutes)d minutes.",
                minutes,
            ) % {"minutes": minutes}
            return refuse_too_many(self, self.request, message, wait, form)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    title = gettext_lazy("Choose a new password")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
