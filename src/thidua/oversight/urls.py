from django.urls import path

from thidua.oversight.views import exports, inspections, training

app_name = "oversight"
urlpatterns = [
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/export.xlsx", exports.inspection_export, name="inspection_export"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/start/", inspections.inspection_start, name="inspection_start"),
    path(
        "inspections/<int:pk>/findings/",
        inspections.inspection_findings,
        name="inspection_findings",
    ),
    path("inspections/<int:pk>/close/", inspections.inspection_close, name="inspection_close"),
    path("inspections/<int:pk>/link/", inspections.inspection_link, name="inspection_link"),
    path(
        "inspections/<int:pk>/exemplar/",
        inspections.inspection_exemplar,
        name="inspection_exemplar",
    ),
    path(
        "inspections/<int:pk>/recommendations/<int:rec_pk>/respond/",
        inspections.recommendation_respond,
        name="recommendation_respond",
    ),
    path("board/", inspections.board, name="board"),
    path("board/export.xlsx", exports.overdue_export, name="overdue_export"),
    path("officers/", training.officers, name="officers"),
    path("officers/export.xlsx", exports.officer_export, name="officer_export"),
    path("officers/deadline/<int:org_pk>/<int:year>/", training.deadline_set, name="deadline_set"),
    path("trainings/", training.course_list, name="course_list"),
    path("trainings/export.xlsx", exports.course_export, name="course_export"),
    path("trainings/new/", training.course_create, name="course_create"),
    path("trainings/<int:pk>/", training.course_detail, name="course_detail"),
    path(
        "trainings/<int:pk>/attendance/<int:member_pk>/remove/",
        training.attendance_remove,
        name="attendance_remove",
    ),
]
