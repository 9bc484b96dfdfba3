"""Helpers shared by the forwarding pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from thidua.awards.models import AwardType
from thidua.core.exceptions import Forbidden
from thidua.documents.storage import open_blob
from thidua.forwarding.models import ForwardingBatch


def may(user, perm):
    """The user holds the permission somewhere (the service checks it on the record)."""
    return user.is_superuser or user.has_perm(perm)


def report_error(request, exc):
    """Show a refused action: 403 for a permission, else the message with its reasons."""
    if isinstance(exc, Forbidden):
        raise PermissionDenied(str(exc.detail))
    messages.error(request, str(exc.detail))
    for reason in exc.reasons:
        messages.warning(request, str(reason))
    for error in exc.errors:
        messages.warning(request, str(error.get("message", "")))


def visible_batch_or_404(user, pk):
    return get_object_or_404(
        ForwardingBatch.objects.visible_to(user).select_related(
            "org", "upper_org", "submission_document", "package_document__file"
        ),
        pk=pk,
    )


def package_response(document):
    return FileResponse(
        open_blob(document.file),
        as_attachment=True,
        filename=document.file_name or f"{document.file.sha256}.zip",
        content_type="application/zip",
    )


def int_param(request, name):
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def award_type_choices():
    return AwardType.objects.filter(issuing_level__in=["federation", "confederation", "state"])


def current_year():
    return timezone.localdate().year
