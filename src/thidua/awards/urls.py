from django.urls import path

from thidua.awards import export_views, views

app_name = "awards"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("types/new/", views.award_type_create, name="award_type_create"),
    path("types/<int:pk>/", views.award_type_detail, name="award_type_detail"),
    path("types/<int:pk>/edit/", views.award_type_edit, name="award_type_edit"),
    path("types/<int:pk>/rules/new/", views.rule_create, name="rule_create"),
    path("types/<int:pk>/rules/<int:rule_pk>/edit/", views.rule_edit, name="rule_edit"),
    path(
        "types/<int:pk>/rules/<int:rule_pk>/deactivate/",
        views.rule_deactivate,
        name="rule_deactivate",
    ),
    path("assessments/", views.assessments, name="assessments"),
    path("assessments/export.xlsx", export_views.assessment_export, name="assessment_export"),
    path("assessments/import/", views.assessment_import, name="assessment_import"),
    path("assessments/template.xlsx", views.assessment_template, name="assessment_template"),
    path(
        "assessments/members/<int:member_pk>/discipline/",
        views.member_discipline,
        name="member_discipline",
    ),
    path(
        "assessments/discipline/<int:pk>/remove/",
        views.discipline_remove,
        name="discipline_remove",
    ),
    path("base-salaries/", views.base_salaries, name="base_salaries"),
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/export.xlsx", export_views.initiative_export, name="initiative_export"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("history/import/", views.history_import, name="history_import"),
    path("history/template.xlsx", views.history_template, name="history_template"),
]
