"""RFC 9457 problem details for every API error (``application/problem+json``)."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from thidua.core.exceptions import DomainError

logger = logging.getLogger(__name__)

PROBLEM_TYPES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    409: "conflict",
    413: "too-large",
    422: "unprocessable",
    429: "too-many-requests",
    500: "server-error",
}


class FieldError(Schema):
    field: str
    message: str
    row: int | None = None


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []
    reasons: list[str] = []


def problem(status, title, detail="", *, errors=None, reasons=None):
    body = {
        "type": f"/api/v1/problems/{PROBLEM_TYPES.get(status, 'error')}",
        "title": str(title),
        "status": status,
        "detail": str(detail or title),
        "errors": errors or [],
        "reasons": [str(r) for r in reasons or []],
    }
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


def _field_name(loc):
    """``("body", "payload", "full_name")`` → ``"full_name"``."""
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form", "file")]
    return ".".join(parts) or "__all__"


def install(api):
    """Register the problem-details handlers on ``api``."""

    @api.exception_handler(DomainError)
    def domain_error(request, exc):
        errors = [
            {"field": str(e.get("field", "")), "message": str(e.get("message", "")), **(
                {"row": e["row"]} if "row" in e else {}
            )}
            for e in exc.errors
        ]
        return problem(exc.status, exc.title, exc.detail, errors=errors, reasons=exc.reasons)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        errors = [
            {"field": _field_name(e.get("loc", ())), "message": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        return problem(400, _("Malformed request"), _("Some values have the wrong type."), errors=errors)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        response = problem(401, _("Authentication required"), _("Send a valid bearer token."))
        response["WWW-Authenticate"] = 'Bearer realm="thidua"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        status = exc.status_code
        if status == 400:
            return problem(400, _("Malformed request"), _("The request body is not valid JSON."))
        return problem(status, PROBLEM_TYPES.get(status, "error"), str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(404, _("Not found"), _("No such record, or it is not visible to you."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return problem(403, _("Forbidden"), _("You are not allowed to do this."))

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("Unhandled API error", exc_info=exc)
        return problem(500, _("Server error"), _("The request failed; nothing was changed."))
