"""Site URLs with an API that has the documents router (registered in ROUTERS or not yet)."""

from django.urls import path

from thidua import urls as site_urls
from thidua.api import problems
from thidua.api import urls as api_urls
from thidua.api.auth import BearerToken
from thidua.api.routers import ROUTERS, documents

routers = list(ROUTERS)
if all(router is not documents.router for _prefix, router in routers):
    routers.append(("/documents", documents.router))

api = type(api_urls.api)(
    title="thidua API (documents tests)",
    version="1",
    urls_namespace="api",
    auth=BearerToken(),
    openapi_url="/openapi.json",
)
problems.install(api)
for prefix, router in routers:
    api.add_router(prefix, router)

urlpatterns = [path("api/v1/", api.urls)] + [
    pattern for pattern in site_urls.urlpatterns if str(pattern.pattern) != "api/v1/"
]
handler404 = site_urls.handler404
