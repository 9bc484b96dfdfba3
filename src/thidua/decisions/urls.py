from django.urls import path

from thidua.decisions.views import decisions, exports, member

app_name = "decisions"
urlpatterns = [
    path("", decisions.decision_list, name="decision_list"),
    path("export.xlsx", exports.decision_export, name="decision_export"),
    path("<int:pk>/recipients.xlsx", exports.recipient_export, name="recipient_export"),
    path("new/", decisions.decision_create, name="decision_create"),
    path("mine/", member.my_awards, name="my_awards"),
    path("<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("<int:pk>/document.docx", decisions.decision_docx, name="decision_docx"),
    path("<int:pk>/document.pdf", decisions.decision_pdf, name="decision_pdf"),
    path("<int:pk>/certificates.pdf", decisions.decision_certificates, name="certificates_pdf"),
    path("<int:pk>/signed/", decisions.decision_upload_signed, name="decision_upload_signed"),
    path("<int:pk>/sign/", decisions.decision_sign, name="decision_sign"),
    path("<int:pk>/items/<int:item_pk>/revoke/", decisions.item_revoke, name="item_revoke"),
    path("certificates/<int:pk>/pdf/", decisions.certificate_pdf, name="certificate_pdf"),
]
