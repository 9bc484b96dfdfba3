from django.urls import path

from thidua.organizations.views import io, members, officers, units

app_name = "organizations"

urlpatterns = [
    # Units (the union tree)
    path("units/", units.org_tree, name="org_tree"),
    path("units/new/", units.org_create, name="org_create"),
    path("units/<int:pk>/", units.org_detail, name="org_detail"),
    path("units/<int:pk>/children/", units.org_children, name="org_children"),
    path("units/<int:pk>/edit/", units.org_edit, name="org_edit"),
    path("units/<int:pk>/move/", units.org_move, name="org_move"),
    path("units/<int:pk>/active/", units.org_set_active, name="org_set_active"),
    path("units/import/", io.org_import, name="org_import"),
    path("units/import/template.xlsx", io.org_import_template, name="org_import_template"),
    path("units/export.xlsx", io.org_export, name="org_export"),
    # Members
    path("members/", members.member_list, name="member_list"),
    path("members/new/", members.member_create, name="member_create"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/deactivate/", members.member_deactivate, name="member_deactivate"),
    path("members/import/", io.member_import, name="member_import"),
    path("members/import/template.xlsx", io.member_import_template, name="member_import_template"),
    path("members/export.xlsx", io.member_export, name="member_export"),
    # Emulation officers
    path("officers/", officers.officer_board, name="officer_board"),
    path("units/<int:pk>/officer/", officers.officer_designate, name="officer_designate"),
]
