"""The public showcase of honoured exemplars: no login, and nothing but what was approved for
publication (the public name and story, the chosen photos, the date, the unit's name)."""

from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render

from thidua.documents.models import Document
from thidua.documents.storage import open_blob
from thidua.exemplars.models import Exemplar

SHOWCASE_LIMIT = 60


def _published():
    return (
        Exemplar.objects.published()
        .select_related("member__org", "org")
        .prefetch_related("public_photos")
    )


def showcase(request):
    exemplars = list(_published().order_by("-honored_on", "-id")[:SHOWCASE_LIMIT])
    return render(request, "exemplars/showcase.html", {"exemplars": exemplars})


def showcase_detail(request, pk):
    exemplar = get_object_or_404(_published(), pk=pk)
    return render(request, "exemplars/showcase_detail.html", {"exemplar": exemplar})


def public_photo(request, pk, document_pk):
    """A photo chosen for the showcase of a published exemplar (404 for anything else)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    exemplar = get_object_or_404(Exemplar.objects.published(), pk=pk)
    document = get_object_or_404(
        Document.objects.filter(pk__in=exemplar.public_photos.values("pk"))
        .filter(file__content_type__in=("image/jpeg", "image/png"))
        .select_related("file"),
        pk=document_pk,
    )
    response = FileResponse(open_blob(document.file), content_type=document.file.content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response
