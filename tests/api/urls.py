"""The API alone, mounted where the site mounts it, so API tests do not depend on the pages."""

from django.urls import path

from thidua.api.urls import api

urlpatterns = [path("api/v1/", api.urls)]
