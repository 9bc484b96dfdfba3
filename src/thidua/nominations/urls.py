from django.urls import path

from thidua.nominations.views import appraisal, board, exports, nominations, quotas, workplace

app_name = "nominations"

urlpatterns = [
    path("", nominations.nomination_list, name="nomination_list"),
    path("export.xlsx", exports.nomination_export, name="nomination_export"),
    path("new/", nominations.nomination_create, name="nomination_create"),
    path("new/many/", nominations.nomination_bulk_create, name="nomination_bulk_create"),
    path("submit/", nominations.submit_batch, name="submit_batch"),
    path("<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("<int:pk>/submit/", nominations.nomination_submit, name="nomination_submit"),
    path("<int:pk>/withdraw/", nominations.nomination_withdraw, name="nomination_withdraw"),
    path("<int:pk>/dossier/", nominations.dossier_upload, name="dossier_upload"),
    path("<int:pk>/appraise/", appraisal.appraise, name="appraise"),
    path("<int:pk>/return/", appraisal.return_view, name="return"),
    path("board/", board.board, name="board"),
    path("quotas/", quotas.quota_list, name="quota_list"),
    path("quotas/export.xlsx", exports.quota_export, name="quota_export"),
    path("quotas/new/", quotas.quota_create, name="quota_create"),
    path("quotas/<int:pk>/", quotas.quota_detail, name="quota_detail"),
    path("workplace-awards/", workplace.workplace_award_list, name="workplace_award_list"),
    path(
        "workplace-awards/export.xlsx",
        exports.workplace_award_export,
        name="workplace_award_export",
    ),
]
