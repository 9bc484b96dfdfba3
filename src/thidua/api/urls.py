"""The /api/v1 API: one NinjaAPI, routers per domain in ``thidua.api.routers``."""

import functools

from django.http import HttpResponseNotAllowed
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from thidua.api import problems
from thidua.api.auth import BearerToken
from thidua.api.parser import ObjectParser
from thidua.api.routers import ROUTERS


class ThiduaAPI(NinjaAPI):
    """NinjaAPI whose document and unknown paths speak problem details too."""

    def get_openapi_schema(self, *args, **kwargs):
        """Error responses are documented as ``application/problem+json``, as they are sent."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[problems.PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return schema

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = _problem_when_not_allowed(pattern.callback)
        return [*patterns, re_path(r"", _unknown_path, name="unknown")], app_name, namespace


def _problem_when_not_allowed(view):
    """ninja answers a method that a path lacks in plain text; the API answers a problem."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = problems.problem(405)
            response["Allow"] = allowed
        return response

    return wrapped


@csrf_exempt
def _unknown_path(request):
    return problems.not_found()


api = ThiduaAPI(
    title="thidua API",
    version="1",
    description=(
        "Emulation and commendation of the Vietnamese trade union. Authenticate with "
        "`POST /api/v1/auth/token` and send `Authorization: Bearer <token>`. Errors are RFC 9457 "
        "problem details; messages follow `Accept-Language` (Vietnamese by default)."
    ),
    urls_namespace="api",
    auth=BearerToken(),
    parser=ObjectParser(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.install(api)
for prefix, router in ROUTERS:
    api.add_router(prefix, router)
