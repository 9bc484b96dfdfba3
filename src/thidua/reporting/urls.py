from django.urls import path

from thidua.reporting.views import exports, reports, rounds

app_name = "reporting"
urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("export.xlsx", exports.round_export, name="round_export"),
    path("<int:pk>/export.xlsx", exports.round_board_export, name="round_board_export"),
    path("new/", rounds.round_create, name="round_create"),
    path("<int:pk>/", rounds.round_board, name="round_board"),
    path("<int:pk>/remind/", rounds.remind_all, name="remind_all"),
    path("<int:pk>/aggregate/", rounds.round_aggregate, name="round_aggregate"),
    path("mine/", reports.my_reports, name="my_reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/submit/", reports.report_submit, name="report_submit"),
    path("reports/<int:pk>/remind/", rounds.remind_report, name="remind_report"),
]
