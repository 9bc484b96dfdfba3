"""RFC 9457 problem details for every API error (``application/problem+json``).

Status codes follow ``API.md``: 400 malformed JSON or wrong types, 401 no or bad token, 403
visible but not allowed, 404 missing or not visible, 409 conflicts, 422 well-formed input that
breaks a rule.
Titles and details are translated (Vietnamese by default, English with ``Accept-Language: en``).
"""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from thidua.core import faults
from thidua.core.exceptions import DomainError, Forbidden

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"

PROBLEM_TYPES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    422: "unprocessable",
    429: "too-many-requests",
    500: "server-error",
    503: "service-unavailable",
}

STATUS_TITLES = {
    400: gettext_lazy("Malformed request"),
    401: gettext_lazy("Authentication required"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    409: gettext_lazy("Conflict"),
    413: gettext_lazy("Request too large"),
    422: gettext_lazy("Invalid data"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Server error"),
}

# pydantic error types that mean "wrong type or unparseable value" (400); the other validation
# errors (a missing field, a value outside the allowed set or range) are well-formed input that
# breaks a rule (422).
_TYPE_ERROR_SUFFIXES = ("_type", "_parsing", "json_invalid")


class FieldError(Schema):
    field: str
    message: str
    row: int | None = None


class Problem(Schema):
    """An RFC 9457 problem: ``errors`` for invalid fields, ``reasons`` for broken rules."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []
    reasons: list[str] = []


def problem(status, title=None, detail="", *, errors=None, reasons=None):
    """The ``application/problem+json`` response for ``status``."""
    title = title or STATUS_TITLES.get(status, "")
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
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def not_found():
    return problem(404, _("Not found"), _("No such record, or it is not visible to you."))


def require_list_access(allowed):
    """Refuse (403) a list that the caller's roles may not use at all, as its page does (a
    ``member`` without a staff role); a staff role whose reach holds no record gets an empty
    list instead."""
    if not allowed:
        raise Forbidden(_("This list is for union officers."))


def _field_name(loc):
    """``("body", "payload", "full_name")`` → ``"full_name"``; ``("query", "q")`` → ``"q"``."""
    parts = list(loc)
    if parts[:1] == ["body"]:
        parts = parts[2:]  # "body" and the name of the handler's body parameter
    elif parts[:1] and parts[0] in ("query", "path", "form", "file", "header", "cookie"):
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or "__all__"


def _is_type_error(error):
    kind = str(error.get("type", ""))
    if kind.endswith(_TYPE_ERROR_SUFFIXES):
        return True
    # The whole body missing or not an object is malformed, not a rule.
    loc = error.get("loc", ())
    return kind == "missing" and len(loc) <= 2 and bool(loc) and loc[0] == "body"


# Messages of pydantic's error types, in the request's language (``ctx`` fills the numbers).
_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_short": gettext_lazy("Enter at least %(min_length)s characters."),
    "string_too_long": gettext_lazy("Enter at most %(max_length)s characters."),
    "string_pattern_mismatch": gettext_lazy("The value does not have the expected form."),
    "too_short": gettext_lazy("Give at least %(min_length)s items."),
    "too_long": gettext_lazy("Give at most %(max_length)s items."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_type": gettext_lazy("Enter a number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "datetime_type": gettext_lazy("Enter a date and time in ISO 8601."),
    "datetime_parsing": gettext_lazy("Enter a date and time in ISO 8601."),
    "datetime_from_date_parsing": gettext_lazy("Enter a date and time in ISO 8601."),
    "greater_than": gettext_lazy("Enter a value greater than %(gt)s."),
    "greater_than_equal": gettext_lazy("Enter a value of at least %(ge)s."),
    "less_than": gettext_lazy("Enter a value less than %(lt)s."),
    "less_than_equal": gettext_lazy("Enter a value of at most %(le)s."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "list_type": gettext_lazy("Give a list."),
    "dict_type": gettext_lazy("Give a JSON object."),
    "model_type": gettext_lazy("Give a JSON object."),
    "model_attributes_type": gettext_lazy("Give a JSON object."),
    "json_invalid": gettext_lazy("The body is not valid JSON."),
    "extra_forbidden": gettext_lazy("This field is not accepted."),
}


def _error_message(error):
    """The message of one validation error: thidua's own validators raise translated text
    (``Value error, ...``); pydantic's error types are translated from ``_MESSAGES``."""
    kind = str(error.get("type", ""))
    if kind == "value_error" or kind not in _MESSAGES:
        return str(error.get("msg", "")).removeprefix("Value error, ")
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return str(_MESSAGES[kind]) % context
    except (KeyError, ValueError, TypeError):
        return str(error.get("msg", ""))


def validation_problem(errors):
    """400 or 422 for ninja's validation ``errors`` (see ``_TYPE_ERROR_SUFFIXES``)."""
    fields = [
        {"field": _field_name(e.get("loc", ())), "message": _error_message(e)} for e in errors
    ]
    if any(_is_type_error(e) for e in errors):
        return problem(
            400, _("Malformed request"), _("Some values have the wrong type."), errors=fields
        )
    return problem(422, _("Invalid data"), _("Some fields are invalid."), errors=fields)


def install(api):
    """Register the problem-details handlers on ``api``."""

    @api.exception_handler(DomainError)
    def domain_error(request, exc):
        errors = []
        for error in exc.errors:
            item = {"field": str(error.get("field", "")), "message": str(error.get("message", ""))}
            if error.get("row") is not None:
                item["row"] = error["row"]
            errors.append(item)
        return problem(exc.status, exc.title, exc.detail, errors=errors, reasons=exc.reasons)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        return validation_problem(exc.errors)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        response = problem(401, _("Authentication required"), _("Send a valid bearer token."))
        response["WWW-Authenticate"] = 'Bearer realm="thidua"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        status = exc.status_code
        if status == 400:
            return problem(
                400, _("Malformed request"), _("The request body is not a valid JSON object.")
            )
        return problem(status, STATUS_TITLES.get(status), str(exc))

    @api.exception_handler(Http404)
    def http_404(request, exc):
        return not_found()

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return problem(403, _("Forbidden"), _("You are not allowed to do this."))

    @api.exception_handler(MultiPartParserError)
    def unreadable_upload(request, exc):
        return problem(400, _("Malformed request"), _("The uploaded form data cannot be read."))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return problem(413, _("Request too large"), _("The request body is too large."))

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):
        return problem(400, _("Malformed request"), _("The request cannot be processed."))

    @api.exception_handler(DataError)
    def data_error(request, exc):
        # A value the database cannot store (out of range, bad encoding); nothing was written.
        logger.info("API request refused by the database: %s", exc)
        return problem(400, _("Malformed request"), _("A value is out of range."))

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def database_unavailable(request, exc):
        # The connection is lost; the service's transaction wrote nothing (core.faults).
        logger.error("Database unavailable for an API request", exc_info=exc)
        return faults.unavailable_problem()

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("Unhandled API error", exc_info=exc)
        return problem(500, _("Server error"), _("The request failed; nothing was changed."))
