"""Public pages of decisions (no login): certificate verification at /verify/<code>/."""

from django.urls import path

from thidua.decisions.views import public

app_name = "verify"
urlpatterns = [
    path("verify/<str:code>/", public.verify, name="verify"),
]
