"""Public pages of decisions (no login): certificate verification at /verify/<code>/."""

app_name = "verify"
urlpatterns = []
