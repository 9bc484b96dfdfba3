"""The upper level's pages: import a package received from a lower level, and see the incoming
batches and their nominees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from thidua.core.exceptions import DomainError
from thidua.core.scoping import subtree_q
from thidua.documents.uploads import max_upload_bytes
from thidua.forwarding import services
from thidua.forwarding.forms import PackageUploadForm
from thidua.forwarding.models import IncomingBatch
from thidua.forwarding.rules import FORWARDING_ROLES
from thidua.forwarding.views.common import may, report_error
from thidua.organizations.models import OrgKind, OrgUnit


def _receiving_units(user):
    units = OrgUnit.objects.filter(active=True).exclude(
        kind__in=[OrgKind.GRASSROOTS_UNION, OrgKind.UNION_GROUP]
    )
    if user.is_superuser:
        return units
    return units.filter(subtree_q("path", user.reach_paths(FORWARDING_ROLES)))


@login_required
def incoming_list(request):
    user = request.user
    can_import = may(user, "forwarding.import_package")
    form = None
    if can_import:
        form = PackageUploadForm(
            request.POST or None, request.FILES or None, units=_receiving_units(user)
        )
    if request.method == "POST":
        if not can_import:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            limit = max_upload_bytes() * 10
            if upload.size is not None and upload.size > limit:
                messages.error(request, _("The package is too large."))
            else:
                try:
                    batch = services.import_package(
                        upload.read(limit + 1), by=user, org=form.cleaned_data["org"]
                    )
                except DomainError as exc:
                    report_error(request, exc)
                else:
                    messages.success(request, _("The package was imported."))
                    return redirect("forwarding:incoming_detail", batch.pk)
    batches = (
        IncomingBatch.objects.visible_to(user).select_related("org").order_by("-imported_at")[:100]
    )
    return render(request, "forwarding/incoming_list.html", {"form": form, "batches": batches})


@login_required
def incoming_detail(request, pk):
    batch = get_object_or_404(
        IncomingBatch.objects.visible_to(request.user).select_related("org"), pk=pk
    )
    items = batch.items.prefetch_related("documents__file", "documents__doc_type")
    return render(request, "forwarding/incoming_detail.html", {"batch": batch, "items": items})
