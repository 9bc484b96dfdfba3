"""The database going away mid-request: a clear 503 instead of a server error.

A lost connection (``OperationalError``, ``InterfaceError``) is not a bug of the request, so
pages answer with a Vietnamese "try again" page and ``/api/`` with a problem-details 503, both
with ``Retry-After``. Services write inside ``transaction.atomic()``, so the failed request has
written nothing. The page is rendered without the request context: the menu and the unread
count would need the database that is gone.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_unavailable(exc):
    return isinstance(exc, DATABASE_ERRORS)


def unavailable_detail():
    return _(
        "The system temporarily cannot reach its database. Nothing was saved; "
        "please try again in a few minutes."
    )


def unavailable_problem():
    """The API's problem-details 503."""
    from thidua.api.problems import problem

    response = problem(503, _("Service unavailable"), unavailable_detail())
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def unavailable_page():
    response = HttpResponse(
        render_to_string("core/database_unavailable.html", {"detail": unavailable_detail()}),
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def unavailable_response(request):
    if request.path.startswith("/api/"):
        return unavailable_problem()
    return unavailable_page()


class DatabaseUnavailableMiddleware:
    """Answer 503 when a view fails because the database connection is lost."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.error(
            "Database unavailable during %s %s", request.method, request.path, exc_info=exception
        )
        return unavailable_response(request)
