from django.urls import path

from thidua.council import export_views, views

app_name = "council"

urlpatterns = [
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/publish/", views.publish, name="publish"),
    path("nominations/<int:pk>/feedback/", views.feedback_send, name="feedback_send"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/<int:pk>/resolve/", views.feedback_resolve, name="feedback_resolve"),
    path("members/", views.member_list, name="member_list"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/export.xlsx", export_views.session_export, name="session_export"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/close/", views.session_close, name="session_close"),
    path(
        "sessions/<int:pk>/ballots/<int:nomination_pk>/",
        views.ballot_record,
        name="ballot_record",
    ),
    path("sessions/<int:pk>/minutes/", views.minutes_generate, name="minutes_generate"),
    path("sessions/<int:pk>/minutes/sign/", views.minutes_sign, name="minutes_sign"),
    path("sessions/<int:pk>/minutes.docx", views.minutes_download, name="minutes_download"),
]
