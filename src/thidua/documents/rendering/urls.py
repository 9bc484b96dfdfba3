from django.urls import path

from thidua.documents.rendering import views

app_name = "document_templates"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:org_code>/", views.unit_templates, name="unit"),
    path("<str:org_code>/<str:kind>/download/", views.download, name="download"),
    path("<str:org_code>/<str:kind>/default/", views.download_default, name="default"),
    path("<str:org_code>/<str:kind>/preview/", views.preview, name="preview"),
    path("<str:org_code>/<str:kind>/upload/", views.upload, name="upload"),
    path("<str:org_code>/<str:kind>/reset/", views.reset, name="reset"),
]
