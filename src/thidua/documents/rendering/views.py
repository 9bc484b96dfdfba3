"""Pages to manage a unit's document templates: list, download, preview, upload, reset.

Only a sector admin or grassroots chair at the unit (or above it) may use them
(``documents.manage_templates``); units outside the user's reach answer 404.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.exceptions import InvalidInput
from thidua.documents.rendering import services
from thidua.documents.rendering.forms import TemplateUploadForm
from thidua.documents.rendering.model import Kind
from thidua.documents.rendering.samples import sample
from thidua.documents.rendering.word import (
    MAX_TEMPLATE_BYTES,
    default_template_path,
    render_docx,
    template_for,
    template_source,
)
from thidua.organizations.models import OrgKind, OrgUnit

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

KIND_LABELS = {
    Kind.PLAN: gettext_lazy("Plan (KH)"),
    Kind.SUBMISSION: gettext_lazy("Submission for commendation (TTr)"),
    Kind.MINUTES: gettext_lazy("Council minutes (BB)"),
    Kind.DECISION: gettext_lazy("Commendation decision (QĐ)"),
    Kind.REPORT: gettext_lazy("Periodic report (BC)"),
    Kind.CERTIFICATE: gettext_lazy("Certificate of merit (Giấy khen)"),
}


def _page(request, name, context, status=200):
    return render(request, name, context, status=status)


def managed_units(user):
    """The units whose templates ``user`` may manage (union groups issue no documents)."""
    units = OrgUnit.objects.visible_to(user).filter(active=True).exclude(kind=OrgKind.UNION_GROUP)
    return [unit for unit in units if user.has_perm(services.PERMISSION, unit)]


def _unit(request, org_code):
    org = get_object_or_404(OrgUnit.objects.visible_to(request.user), code=org_code)
    if not request.user.has_perm(services.PERMISSION, org):
        raise PermissionDenied
    return org


def _kind(value):
    try:
        return Kind(value)
    except ValueError:
        raise Http404 from None


def _docx_response(content, filename):
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=DOCX_TYPE
    )


@login_required
def index(request):
    units = managed_units(request.user)
    if not units:
        raise PermissionDenied
    if len(units) == 1:
        return redirect("documents:document_templates:unit", org_code=units[0].code)
    return _page(request, "document_templates/index.html", {"units": units})


def _rows(org, failed_kind=None, form=None):
    rows = []
    for kind in Kind:
        source = template_source(kind, org)
        rows.append(
            {
                "kind": kind.value,
                "label": KIND_LABELS[kind],
                "source": source,
                "own": source is not None and source.pk == org.pk,
                "form": form if kind == failed_kind else TemplateUploadForm(),
            }
        )
    return rows


@login_required
def unit_templates(request, org_code):
    org = _unit(request, org_code)
    return _page(request, "document_templates/unit.html", {"org": org, "rows": _rows(org)})


@login_required
def download(request, org_code, kind):
    org = _unit(request, org_code)
    kind = _kind(kind)
    resolved = template_for(kind, org)
    suffix = "mac-dinh" if resolved.is_default else resolved.source.code
    return _docx_response(resolved.content, f"mau-{kind.value}-{suffix}.docx")


@login_required
def download_default(request, org_code, kind):
    _unit(request, org_code)
    kind = _kind(kind)
    content = default_template_path(kind).read_bytes()
    return _docx_response(content, f"mau-{kind.value}-mac-dinh.docx")


@login_required
def preview(request, org_code, kind):
    """The kind's sample document rendered with the template that applies to the unit."""
    org = _unit(request, org_code)
    kind = _kind(kind)
    content = render_docx(sample(kind), template=template_for(kind, org))
    return _docx_response(content, f"vi-du-{kind.value}-{org.code}.docx")


@login_required
@require_POST
def upload(request, org_code, kind):
    org = _unit(request, org_code)
    kind = _kind(kind)
    form = TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        uploaded = form.cleaned_data["file"]
        if uploaded.size > MAX_TEMPLATE_BYTES:
            form.add_error("file", _("The file is too large (at most 5 MB)."))
        else:
            try:
                services.replace_template(
                    org=org,
                    kind=kind,
                    content=uploaded.read(),
                    by=request.user,
                    filename=uploaded.name,
                )
            except InvalidInput as exc:
                for error in exc.errors:
                    form.add_error("file", error["message"])
            else:
                messages.success(
                    request,
                    _("The template “%(kind)s” of %(unit)s was replaced.")
                    % {"kind": KIND_LABELS[kind], "unit": org.name},
                )
                return redirect("documents:document_templates:unit", org_code=org.code)
    context = {"org": org, "rows": _rows(org, failed_kind=kind, form=form), "failed": kind.value}
    return _page(request, "document_templates/unit.html", context, status=422)


@login_required
@require_POST
def reset(request, org_code, kind):
    org = _unit(request, org_code)
    kind = _kind(kind)
    if services.reset_template(org=org, kind=kind, by=request.user):
        messages.success(
            request,
            _("The template “%(kind)s” of %(unit)s was reset.")
            % {"kind": KIND_LABELS[kind], "unit": org.name},
        )
    else:
        messages.info(request, _("This unit has no template of its own for this kind."))
    return redirect("documents:document_templates:unit", org_code=org.code)
