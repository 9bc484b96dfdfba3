"""The /api/v1 API: one NinjaAPI, routers per domain in ``thidua.api.routers``."""

from ninja import NinjaAPI

from thidua.api import problems
from thidua.api.auth import BearerToken
from thidua.api.routers import ROUTERS

api = NinjaAPI(
    title="thidua API",
    version="1",
    description="Emulation and commendation of the Vietnamese trade union. See API.md.",
    urls_namespace="api",
    auth=BearerToken(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.install(api)
for prefix, router in ROUTERS:
    api.add_router(prefix, router)
