"""The library: laws, decrees, the Confederation's rules, the sector's plans and guidance, with a
search that ignores diacritics; entries are added by the sector's staff for their subtree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError
from thidua.core.pagination import CappedPaginator
from thidua.documents.storage import open_blob
from thidua.documents.uploads import read_upload
from thidua.exemplars import services
from thidua.exemplars.filters import LibraryFilter
from thidua.exemplars.forms import LibraryFilterForm, LibraryForm, apply_errors
from thidua.exemplars.models import LibraryDocument
from thidua.exemplars.rules import SECTOR_ROLES
from thidua.exemplars.views.exemplars import units_with

LIST_PAGE = 25


def visible_entry_or_404(user, pk):
    return get_object_or_404(
        LibraryDocument.objects.visible_to(user).select_related("org", "document__file"), pk=pk
    )


@login_required
def library_list(request):
    user = request.user
    form = LibraryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    params = {k: v for k, v in data.items() if v}
    queryset = LibraryFilter(
        data=params, queryset=LibraryDocument.objects.visible_to(user).select_related("org")
    ).qs.order_by("category", "-issued_on", "-id")
    page = CappedPaginator(queryset, LIST_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_add": units_with(user, SECTOR_ROLES).exists(),
    }
    return render(request, "exemplars/library_list.html", context)


@login_required
def library_detail(request, pk):
    user = request.user
    entry = visible_entry_or_404(user, pk)
    context = {"entry": entry, "can_edit": user.has_perm("exemplars.manage_library", entry.org)}
    return render(request, "exemplars/library_detail.html", context)


@login_required
def library_file(request, pk):
    """The entry's file, for everyone who sees the entry (the library is published)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    entry = visible_entry_or_404(request.user, pk)
    if entry.document is None or entry.document.file is None:
        return redirect("exemplars:library_detail", pk=entry.pk)
    document = entry.document
    return FileResponse(
        open_blob(document.file),
        as_attachment=True,
        filename=document.file_name or document.file.sha256,
        content_type=document.file.content_type,
    )


@login_required
def library_create(request):
    user = request.user
    units = units_with(user, SECTOR_ROLES)
    if not units.exists():
        raise PermissionDenied
    form = LibraryForm(
        request.POST or None, request.FILES or None, units=units, initial={"org": units.first()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        org = data.pop("org")
        try:
            entry = services.add_library_document(
                by=user,
                org=org,
                data=read_upload(upload) if upload else None,
                file_name=upload.name if upload else "",
                **data,
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The document was added to the library."))
            return redirect("exemplars:library_detail", pk=entry.pk)
    return render(request, "exemplars/library_form.html", {"form": form})


@login_required
@require_POST
def library_delete(request, pk):
    user = request.user
    entry = visible_entry_or_404(user, pk)
    if not user.has_perm("exemplars.manage_library", entry.org):
        raise PermissionDenied
    services.delete_library_document(entry, by=user)
    messages.success(request, _("The document was removed from the library."))
    return redirect("exemplars:library_list")
