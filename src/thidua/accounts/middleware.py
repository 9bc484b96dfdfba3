"""Two-factor enforcement: users of the roles in TWO_FACTOR_REQUIRED_ROLES must verify a device."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/api/", "/verify/")


class TwoFactorEnforcementMiddleware:
    """Send a user whose role requires two-factor to set it up or verify it, outside demo mode."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            not settings.DEMO_MODE
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and user.has_role(*settings.TWO_FACTOR_REQUIRED_ROLES)
            and not user.is_verified()
        ):
            return redirect(reverse("accounts:two_factor") + f"?next={request.path}")
        return self.get_response(request)
