from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from thidua.api.urls import api

# The Django admin logs in through thidua's login (password, then the two-factor code).
admin.site.login = RedirectView.as_view(pattern_name="accounts:login", query_string=True)

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("accounts/", include("thidua.accounts.urls")),
    path("", include("thidua.organizations.urls")),
    path("documents/", include("thidua.documents.urls")),
    path("movements/", include("thidua.movements.urls")),
    path("reporting/", include("thidua.reporting.urls")),
    path("awards/", include("thidua.awards.urls")),
    path("nominations/", include("thidua.nominations.urls")),
    path("exemplars/", include("thidua.exemplars.urls")),
    path("oversight/", include("thidua.oversight.urls")),
    path("council/", include("thidua.council.urls")),
    path("decisions/", include("thidua.decisions.urls")),
    path("", include("thidua.decisions.urls_public")),
    path("forwarding/", include("thidua.forwarding.urls")),
    path("dashboard/", include("thidua.dashboard.urls")),
    path("privacy/", include("thidua.privacy.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler404 = "thidua.core.views.errors.not_found"
handler403 = "thidua.core.views.errors.forbidden"
handler500 = "thidua.core.views.errors.server_error"
