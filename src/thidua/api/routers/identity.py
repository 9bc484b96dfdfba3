"""Tokens and the caller's identity: ``POST|DELETE /auth/token``, ``GET /me``."""

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from thidua.accounts.models import ApiToken
from thidua.api.problems import Problem, problem
from thidua.api.schemas.identity import MeOut, TokenIn, TokenOut
from thidua.core import ratelimit

router = Router(tags=["identity"])


def _locked_out(request):
    """Axes marks a refused attempt on ``request``; the answer is ours (problem details)."""
    if not getattr(request, "axes_locked_out", False):
        return False
    # AxesMiddleware would replace our response with its HTML lockout page.
    request.axes_locked_out = False
    return True


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 400: Problem, 401: Problem, 422: Problem, 429: Problem},
    summary="Issue a bearer token",
)
def issue_token(request, payload: TokenIn):
    """Exchange a username and password for a bearer token.

    Failed attempts count towards the login lockout (django-axes) shared with the web login; a
    locked-out account gets 429 until the cool-off ends. Requests beyond the rate limits (per
    client address and per username) get 429 with ``Retry-After`` before the password is checked.
    """
    wait = ratelimit.exceeded(
        ("RATE_LIMIT_TOKEN_PER_ADDRESS", ratelimit.client_address(request)),
        ("RATE_LIMIT_TOKEN_PER_ACCOUNT", payload.username),
    )
    if wait:
        response = problem(
            429,
            _("Too many requests"),
            _("Too many token requests; try again in %(seconds)d seconds.") % {"seconds": wait},
        )
        response["Retry-After"] = str(wait)
        return response
    user = authenticate(request=request, username=payload.username, password=payload.password)
    if _locked_out(request):
        response = problem(
            429,
            _("Too many failed logins"),
            _("This account is locked after too many failed logins. Try again later."),
        )
        cool_off = get_cool_off(request)
        if cool_off:
            response["Retry-After"] = str(int(cool_off.total_seconds()))
        return response
    if user is None or not user.is_active:
        return problem(401, _("Authentication failed"), _("The username or password is incorrect."))
    token, raw = ApiToken.issue(user, name="api")
    return 200, {"token": raw, "expires_at": token.expires_at}


@router.delete(
    "/auth/token",
    response={204: None, 401: Problem},
    summary="Revoke the token used for this call",
)
def revoke_token(request):
    token = request.api_token
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    return 204, None


@router.get("/me", response={200: MeOut, 401: Problem}, summary="The caller and their roles")
def me(request):
    user = request.auth
    member = getattr(user, "member", None)
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.get_full_name(),
        "email": user.email,
        "member_id": member.pk if member else None,
        "roles": [{"role": a.role, "org_id": a.org_id} for a in user.role_assignments],
    }
