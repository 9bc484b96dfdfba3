from django.contrib import admin
from django.urls import include, path

from thidua.api.urls import api

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("accounts/", include("thidua.accounts.urls")),
    path("", include("thidua.organizations.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler404 = "thidua.core.views.errors.not_found"
handler403 = "thidua.core.views.errors.forbidden"
handler500 = "thidua.core.views.errors.server_error"
