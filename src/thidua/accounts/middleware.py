"""Two-factor enforcement: nothing but the login, two-factor and password-reset pages until the
session is verified, for users whose role requires two-factor (outside demo mode) and for every user
who has turned it on."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from thidua.accounts.services import has_two_factor, two_factor_required

# Paths outside the session's reach: static files, the language switch, the bearer-token API and
# the public certificate verification page.
EXEMPT_PREFIXES = ("/static/", "/i18n/", "/api/", "/verify/")
# Pages a user must reach to log in, verify, set up two-factor or leave.
EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "login_verify",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "two_factor",
        "two_factor_verify",
        "two_factor_codes",
    }
)


def is_exempt(path):
    if path.startswith(EXEMPT_PREFIXES):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace == "accounts" and match.url_name in EXEMPT_URL_NAMES


class TwoFactorEnforcementMiddleware:
    """Send a user who must verify a second factor to the two-factor page.

    That is a user whose role is in ``TWO_FACTOR_REQUIRED_ROLES`` (outside demo mode), and any user
    with a confirmed device whose session has not been verified with it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not is_exempt(request.path_info)
            and (two_factor_required(user) or has_two_factor(user))
        ):
            query = urlencode({"next": request.get_full_path()})
            url = f"{reverse('accounts:two_factor')}?{query}"
            if request.headers.get("HX-Request"):
                return HttpResponse(status=204, headers={"HX-Redirect": url})
            return redirect(url)
        return self.get_response(request)
