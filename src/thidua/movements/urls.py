from django.urls import path

from thidua.movements.views import exports, movements, plans, pledges

app_name = "movements"

urlpatterns = [
    path("", movements.movement_list, name="movement_list"),
    path("export.xlsx", exports.movement_export, name="movement_export"),
    path("<int:pk>/plans/export.xlsx", exports.plan_board_export, name="plan_board_export"),
    path("new/", movements.movement_create, name="movement_create"),
    path("<int:pk>/", movements.movement_detail, name="movement_detail"),
    path("<int:pk>/edit/", movements.movement_edit, name="movement_edit"),
    path("<int:pk>/amend/", movements.movement_amend, name="movement_amend"),
    path("<int:pk>/launch/", movements.movement_launch, name="movement_launch"),
    path("<int:pk>/close/", movements.movement_close, name="movement_close"),
    path("<int:pk>/launch-document.docx", movements.launch_docx, name="launch_docx"),
    path("<int:pk>/launch-document.pdf", movements.launch_pdf, name="launch_pdf"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/accept/", plans.plan_accept, name="plan_accept"),
    path("plans/<int:pk>/return/", plans.plan_return, name="plan_return"),
    path("<int:pk>/pledges/<int:org_pk>/", pledges.pledge_entry, name="pledge_entry"),
    path("<int:pk>/pledges/<int:org_pk>/import/", pledges.pledge_import, name="pledge_import"),
    path(
        "<int:pk>/pledges/<int:org_pk>/template.xlsx",
        pledges.pledge_template,
        name="pledge_template",
    ),
]
