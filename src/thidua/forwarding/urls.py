from django.urls import path

from thidua.forwarding.views import batches, exports, follow, incoming

app_name = "forwarding"

urlpatterns = [
    path("", follow.follow, name="follow"),
    path("export.xlsx", exports.follow_export, name="follow_export"),
    path("forward/", batches.forward, name="forward"),
    path("batches/", batches.batch_list, name="batch_list"),
    path("batches/export.xlsx", exports.batch_export, name="batch_export"),
    path("batches/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/package.zip", batches.package_download, name="package_download"),
    path(
        "batches/<int:pk>/nominations/<int:nomination_pk>/result/",
        batches.record_result,
        name="record_result",
    ),
    path("incoming/", incoming.incoming_list, name="incoming_list"),
    path("incoming/<int:pk>/", incoming.incoming_detail, name="incoming_detail"),
]
