"""Archive pages: list and search, detail, upload, edit, issue, cancel, sign, download, dossier."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.audit import history
from thidua.core.exceptions import DomainError, Forbidden
from thidua.core.pagination import CappedPaginator
from thidua.core.workflow import transitions_of
from thidua.documents import services
from thidua.documents.dossier import dossier_zip
from thidua.documents.filters import DocumentFilter
from thidua.documents.forms import (
    AttachFileForm,
    CancelForm,
    DocumentForm,
    EditDocumentForm,
    IssueForm,
)
from thidua.documents.models import Document, DocumentStatus, IssuerSettings
from thidua.documents.storage import open_blob
from thidua.documents.uploads import read_upload
from thidua.documents.views import form_refusal, show_errors
from thidua.organizations.models import OrgKind, OrgUnit


def visible_documents(user):
    return Document.objects.visible_to(user).select_related("org", "doc_type", "file")


def units_for(user, perm):
    """Active units in the user's reach where ``perm`` holds (for the unit choosers)."""
    units = OrgUnit.objects.visible_to(user).filter(active=True).exclude(kind=OrgKind.UNION_GROUP)
    return OrgUnit.objects.filter(pk__in=[u.pk for u in units if user.has_perm(perm, u)])


@login_required
def document_list(request):
    queryset = visible_documents(request.user)
    filterset = DocumentFilter(request.GET, queryset=queryset)
    page = CappedPaginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/document_list.html",
        {
            "filter": filterset,
            "page": page,
            "units": OrgUnit.objects.visible_to(request.user).filter(active=True),
            "can_add": bool(units_for(request.user, "documents.add_document").exists()),
        },
    )


@login_required
def document_detail(request, pk):
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    user = request.user
    issuer = IssuerSettings.objects.filter(org=document.org).first()
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "record": document.record if document.content_type_id else None,
            "can_change": user.has_perm("documents.change_document", document),
            "can_issue": document.status == DocumentStatus.DRAFT
            and user.has_perm("documents.issue_document", document),
            "can_sign": document.status == DocumentStatus.ISSUED
            and document.is_pdf
            and issuer is not None
            and issuer.signing_certificate_id is not None
            and user.has_perm("documents.sign_document", document),
            "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}),
            "cancel_form": CancelForm(),
            "attach_form": AttachFileForm(),
            "transitions": transitions_of(document),
            "history": history(document)[:20],
        },
    )


@login_required
def document_create(request):
    units = units_for(request.user, "documents.add_document")
    if not units.exists():
        return render(request, "errors/403.html", status=403)
    home = request.user.home_org
    initial = {"org": home.pk if home and units.filter(pk=home.pk).exists() else None}
    form = DocumentForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            document = services.create_document(
                org=data["org"],
                by=request.user,
                doc_type=data["doc_type"],
                title=data["title"],
                summary=data["summary"],
                recipients=data["recipients"],
                retention=data["retention"],
                data=read_upload(upload) if upload else None,
                file_name=upload.name if upload else "",
            )
        except DomainError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The document was saved as a draft."))
            return redirect("documents:document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form})


@login_required
def document_edit(request, pk):
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    if not request.user.has_perm("documents.change_document", document):
        return render(request, "errors/403.html", status=403)
    fields = ("title", "summary", "recipients", "retention", "signer_name", "signer_title")
    form = EditDocumentForm(
        request.POST or None, initial={name: getattr(document, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_document(
                document,
                by=request.user,
                version=request.POST.get("version"),
                **form.cleaned_data,
            )
        except DomainError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The document was updated."))
            return redirect("documents:document_detail", pk=document.pk)
    return render(request, "documents/document_edit.html", {"form": form, "document": document})


def _act(request, pk, action):
    """Run ``action(document)`` for a visible document and return to its page with the outcome;
    a user who sees the document but may not act gets 403."""
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    try:
        message = action(document)
    except Forbidden as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        messages.error(request, exc.detail)
        for error in exc.errors:
            if str(error.get("message")) != str(exc.detail):
                messages.error(request, error.get("message"))
    else:
        messages.success(request, message)
    return redirect("documents:document_detail", pk=document.pk)


@login_required
@require_POST
def document_issue(request, pk):
    form = IssueForm(request.POST)

    def action(document):
        if not form.is_valid():
            raise form_refusal(form)
        issued = services.issue_document(
            document,
            by=request.user,
            issued_on=form.cleaned_data["issued_on"],
            signer_name=form.cleaned_data["signer_name"] or None,
            signer_title=form.cleaned_data["signer_title"] or None,
        )
        return _("Issued as %(number)s.") % {"number": issued.number_symbol}

    return _act(request, pk, action)


@login_required
@require_POST
def document_cancel(request, pk):
    def action(document):
        services.cancel_document(
            document,
            by=request.user,
            reason=request.POST.get("reason", ""),
            version=request.POST.get("version") or None,
        )
        return _("The document was cancelled.")

    return _act(request, pk, action)


@login_required
@require_POST
def document_sign(request, pk):
    def action(document):
        services.sign_document(document, by=request.user)
        return _("The document was signed.")

    return _act(request, pk, action)


@login_required
@require_POST
def document_verify(request, pk):
    def action(document):
        services.verify_document(document, by=request.user)
        return _("The signatures were verified again.")

    return _act(request, pk, action)


@login_required
@require_POST
def document_attach(request, pk):
    def action(document):
        upload = request.FILES.get("file")
        if upload is None:
            raise services.invalid("file", _("Choose a file."))
        services.attach_file(
            document,
            by=request.user,
            data=read_upload(upload),
            file_name=upload.name,
            version=request.POST.get("version") or None,
        )
        return _("The file was attached.")

    return _act(request, pk, action)


@login_required
def document_download(request, pk):
    """The document's file, under its original name, for users who may see the document."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    document = get_object_or_404(visible_documents(request.user), pk=pk, file__isnull=False)
    return FileResponse(
        open_blob(document.file),
        as_attachment=True,
        filename=document.file_name or document.file.sha256,
        content_type=document.file.content_type,
    )


@login_required
def document_dossier(request, pk):
    """One document as a dossier ZIP (files + manifest.json)."""
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    response = HttpResponse(dossier_zip(document), content_type="application/zip")
    name = f"ho-so-{document.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
