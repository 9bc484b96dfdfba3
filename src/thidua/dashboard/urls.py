from django.urls import path

from thidua.dashboard import views
from thidua.dashboard.annual_report import views as annual_report

app_name = "dashboard"
urlpatterns = [
    path("", views.index, name="index"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics/awards.xlsx", views.export_awards, name="export_awards"),
    path("statistics/<slug:table>.xlsx", views.export_table, name="export_table"),
    path("annual-report/", annual_report.annual_report_page, name="annual_report"),
    path(
        "annual-report/<int:pk>.<slug:kind>",
        annual_report.annual_report_download,
        name="annual_report_download",
    ),
]
