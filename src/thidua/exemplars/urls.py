from django.urls import path

from thidua.exemplars.views import exemplars, exports, library, news, showcase

app_name = "exemplars"

urlpatterns = [
    path("", exemplars.exemplar_list, name="exemplar_list"),
    path("export.xlsx", exports.exemplar_export, name="exemplar_export"),
    path("new/", exemplars.exemplar_create, name="exemplar_create"),
    path("propose/<int:member_id>/", exemplars.propose_member, name="propose_member"),
    path("<int:pk>/", exemplars.exemplar_detail, name="exemplar_detail"),
    path("<int:pk>/verify/", exemplars.exemplar_verify, name="exemplar_verify"),
    path("<int:pk>/honor/", exemplars.exemplar_honor, name="exemplar_honor"),
    path("<int:pk>/publish/", exemplars.exemplar_publish, name="exemplar_publish"),
    path("<int:pk>/replicate/", exemplars.exemplar_replicate, name="exemplar_replicate"),
    path("<int:pk>/evidence/", exemplars.exemplar_evidence, name="exemplar_evidence"),
    path(
        "<int:pk>/evidence/<int:document_pk>/",
        exemplars.evidence_file,
        name="evidence_file",
    ),
    path("showcase/", showcase.showcase, name="showcase"),
    path("showcase/<int:pk>/", showcase.showcase_detail, name="showcase_detail"),
    path(
        "showcase/<int:pk>/photos/<int:document_pk>/",
        showcase.public_photo,
        name="public_photo",
    ),
    path("news/", news.news_list, name="news_list"),
    path("news/new/", news.news_create, name="news_create"),
    path("news/<int:pk>/", news.news_detail, name="news_detail"),
    path("news/<int:pk>/edit/", news.news_edit, name="news_edit"),
    path("news/<int:pk>/delete/", news.news_delete, name="news_delete"),
    path("library/", library.library_list, name="library_list"),
    path("library/new/", library.library_create, name="library_create"),
    path("library/<int:pk>/", library.library_detail, name="library_detail"),
    path("library/<int:pk>/file/", library.library_file, name="library_file"),
    path("library/<int:pk>/delete/", library.library_delete, name="library_delete"),
]
