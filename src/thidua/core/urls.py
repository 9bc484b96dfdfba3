from django.urls import path

from thidua.core.views import audit, home, jobs

app_name = "core"

urlpatterns = [
    path("", home.home, name="home"),
    path("audit/", audit.audit_list, name="audit_list"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job_download"),
]
