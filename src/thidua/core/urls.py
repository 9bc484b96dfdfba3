from django.urls import path

from thidua.core.views import audit, exports, home, jobs, notifications, tasks

app_name = "core"

urlpatterns = [
    path("", home.home, name="home"),
    path("audit/", audit.audit_list, name="audit_list"),
    path("audit/export.xlsx", exports.audit_export, name="audit_export"),
    path("tasks/failed/", tasks.task_failures, name="task_failures"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job_download"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
    path(
        "notifications/read-all/",
        notifications.notification_read_all,
        name="notification_read_all",
    ),
]
