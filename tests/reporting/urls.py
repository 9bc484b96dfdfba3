"""The API as the site mounts it, with the reporting and indicator routers.

Once ``api/routers/__init__.py`` registers ``/reporting-rounds``, ``/reports`` and ``/kpis``, this
is the site's API itself; until then the tests mount the same routers on an API configured like
it (bearer tokens, problem details), so the contract is tested either way.
"""

from django.urls import path

from thidua.api import problems
from thidua.api.auth import BearerToken
from thidua.api.routers import ROUTERS
from thidua.api.routers import kpis, reporting
from thidua.api.urls import ThiduaAPI, api

OWN = [
    ("/reporting-rounds", reporting.rounds_router),
    ("/reports", reporting.reports_router),
    ("/kpis", kpis.router),
]

if all(router in {r for _p, r in ROUTERS} for _prefix, router in OWN):
    test_api = api
else:
    test_api = ThiduaAPI(
        title="thidua API (reporting tests)",
        version="1-reporting-tests",
        urls_namespace="api",
        auth=BearerToken(),
        openapi_url="/openapi.json",
        docs_url=None,
    )
    problems.install(test_api)
    for prefix, router in OWN:
        test_api.add_router(prefix, router)

urlpatterns = [path("api/v1/", test_api.urls)]
