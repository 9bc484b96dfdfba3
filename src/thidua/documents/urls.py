from django.urls import include, path

from thidua.documents.views import archive, register, signing

app_name = "documents"

urlpatterns = [
    path("", archive.document_list, name="document_list"),
    path("new/", archive.document_create, name="document_create"),
    path("<int:pk>/", archive.document_detail, name="document_detail"),
    path("<int:pk>/edit/", archive.document_edit, name="document_edit"),
    path("<int:pk>/issue/", archive.document_issue, name="document_issue"),
    path("<int:pk>/cancel/", archive.document_cancel, name="document_cancel"),
    path("<int:pk>/sign/", archive.document_sign, name="document_sign"),
    path("<int:pk>/verify/", archive.document_verify, name="document_verify"),
    path("<int:pk>/attach/", archive.document_attach, name="document_attach"),
    path("<int:pk>/file/", archive.document_download, name="download"),
    path("<int:pk>/dossier.zip", archive.document_dossier, name="document_dossier"),
    path("register/", register.register_view, name="register"),
    path("register/export.xlsx", register.register_export, name="register_export"),
    path("signing/", signing.signing_overview, name="signing_overview"),
    path("signing/units/<int:org_pk>/", signing.unit_signing, name="unit_signing"),
    path(
        "signing/certificates/<int:pk>/delete/",
        signing.certificate_delete,
        name="certificate_delete",
    ),
    path("signing/trust-anchors/", signing.trust_anchors, name="trust_anchors"),
    path(
        "signing/trust-anchors/<int:pk>/toggle/",
        signing.trust_anchor_toggle,
        name="trust_anchor_toggle",
    ),
    path("templates/", include("thidua.documents.rendering.urls")),
]
