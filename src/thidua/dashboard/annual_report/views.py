"""The annual report page (form and the reports issued) and the downloads of its files.

A valid request is checked at once (form errors, nothing written) and then generated as a
background job (``tasks``): rendering takes a few seconds on a sector's data.

Generating needs ``dashboard.generate_annual_report`` at the unit (403 otherwise; a unit outside
the user's reach is 404, a member 403, as on the dashboard). A report's files are downloaded by
whoever may see its document in the archive (404 otherwise).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.dashboard.annual_report import tasks
from thidua.dashboard.annual_report.forms import AnnualReportForm
from thidua.dashboard.annual_report.models import AnnualReport
from thidua.dashboard.annual_report.rules import PERMISSION
from thidua.dashboard.annual_report.service import DEFAULT_SIGNER_TITLE, check_request, file_name
from thidua.dashboard.views import scope
from thidua.documents.models import Document
from thidua.documents.storage import open_blob

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def visible_reports(user):
    """Annual reports whose document the user may see in the archive."""
    documents = Document.objects.visible_to(user)
    return AnnualReport.objects.filter(document__in=documents).select_related("document", "org")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def annual_report_page(request):
    org, year = scope(request)
    user = request.user
    if not user.has_perm(PERMISSION, org):
        raise PermissionDenied(_("Only the unit's sector officers may issue its annual report."))
    if request.method == "POST":
        form = AnnualReportForm(request.POST)
        if form.is_valid():
            try:
                fields = check_request(org=org, by=user, **form.cleaned_data)
            except Forbidden as exc:
                raise PermissionDenied from exc
            except InvalidInput as exc:
                for error in exc.errors:
                    form.add_error(error["field"], error["message"])
            else:
                job = tasks.start(org=org, by=user, fields=fields, language=get_language())
                return redirect("core:job_detail", job.pk)
        status = 422
    else:
        form = AnnualReportForm(
            initial={
                "year": year,
                "signer_name": user.get_full_name(),
                "signer_title": DEFAULT_SIGNER_TITLE,
            }
        )
        status = 200
    context = {
        "org": org,
        "year": year,
        "form": form,
        "reports": visible_reports(user).filter(org=org).order_by("-year", "-created_at"),
    }
    return render(request, "dashboard/annual_report.html", context, status=status)


@login_required
@require_GET
def annual_report_download(request, pk, kind):
    if kind not in CONTENT_TYPES:
        raise Http404
    report = get_object_or_404(visible_reports(request.user), pk=pk)
    stored = report.docx_file if kind == "docx" else report.pdf_file
    return FileResponse(
        open_blob(stored),
        as_attachment=True,
        filename=file_name(report.document, report.year, kind),
        content_type=CONTENT_TYPES[kind],
    )
