"""Import and export pages of units and members (.xlsx).

Small imports run in the request and show their counts or every row error (nothing saved);
files of more than ``settings.IMPORT_BACKGROUND_ROWS`` rows, and exports of more than
``EXPORT_BACKGROUND_ROWS`` rows, become a background job whose progress page the user follows.
"""

import io
import tempfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.import_jobs import XlsxImportForm
from thidua.core.jobs import create_job
from thidua.core.list_exports import export_background_rows
from thidua.core.xlsx import XLSX_CONTENT_TYPE, TableReader
from thidua.organizations import exports, imports, tasks
from thidua.privacy import access_log


@dataclass(frozen=True)
class _Kind:
    key: str
    may_import: object
    columns: tuple
    importer: object
    template: object
    exporter: object
    count: object
    title: str
    import_url: str
    template_url: str
    list_url: str
    file_prefix: str


MEMBERS = _Kind(
    key="members",
    may_import=lambda user: user.has_perm("organizations.import_members"),
    columns=imports.MEMBER_COLUMNS,
    importer=imports.import_members,
    template=exports.member_template,
    exporter=exports.export_members,
    count=exports.filtered_members,
    title=gettext_lazy("Import members"),
    import_url="organizations:member_import",
    template_url="organizations:member_import_template",
    list_url="organizations:member_list",
    file_prefix="danh-sach-doan-vien",
)
UNITS = _Kind(
    key="units",
    may_import=imports.may_import_units,
    columns=imports.UNIT_COLUMNS,
    importer=imports.import_units,
    template=exports.unit_template,
    exporter=exports.export_units,
    count=exports.filtered_units,
    title=gettext_lazy("Import union units"),
    import_url="organizations:org_import",
    template_url="organizations:org_import_template",
    list_url="organizations:org_tree",
    file_prefix="danh-sach-don-vi",
)


class ImportForm(XlsxImportForm):
    # The member and unit readers refuse a file that is not a readable workbook themselves.
    check_content = False


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _import_page(request, kind):
    _require(kind.may_import(request.user))
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    failure = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with TableReader(upload, kind.columns) as table:
                rows = table.count_rows()
            if rows > settings.IMPORT_BACKGROUND_ROWS:
                return _enqueue_import(request, kind, upload, rows)
            result = kind.importer(upload, by=request.user)
        except InvalidInput as exc:
            failure = exc
        except Forbidden as exc:
            raise PermissionDenied from exc
        else:
            return render(
                request,
                "organizations/io_result.html",
                {"kind": kind, "title": kind.title, "result": result, "file_name": upload.name},
            )
    context = {
        "kind": kind,
        "title": kind.title,
        "form": form,
        "failure": failure,
        "errors": failure.errors[:1000] if failure else [],
        "background_rows": settings.IMPORT_BACKGROUND_ROWS,
    }
    return render(request, "organizations/io_import.html", context, status=422 if failure else 200)


def _enqueue_import(request, kind, upload, rows):
    home = request.user.home_org
    job = create_job(
        f"{kind.key}_import",
        _("%(title)s: %(file)s") % {"title": kind.title, "file": upload.name},
        by=request.user,
        org_path=home.path if home else "",
        total=2 * rows,
    )
    job.input_file.save(upload.name, upload)
    tasks.run_import.enqueue(job.pk, kind.key, get_language())
    return redirect("core:job_detail", job.pk)


def _template(request, kind, filename):
    _require(kind.may_import(request.user))
    buffer = io.BytesIO()
    kind.template(request.user, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export(request, kind):
    _require(request.user.has_perm("organizations.export_members"))
    params = request.GET.dict()
    count = kind.count(request.user, params).count()
    if count > export_background_rows():
        home = request.user.home_org
        job = create_job(
            f"{kind.key}_export",
            _("Export of %(count)d rows") % {"count": count},
            by=request.user,
            org_path=home.path if home else "",
            total=count,
        )
        tasks.run_export.enqueue(job.pk, kind.key, params, get_language())
        return redirect("core:job_detail", job.pk)
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    kind.exporter(request.user, params, output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=exports.export_file_name(kind.file_prefix),
        content_type=XLSX_CONTENT_TYPE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_import(request):
    return _import_page(request, MEMBERS)


@login_required
@require_http_methods(["GET", "POST"])
def org_import(request):
    return _import_page(request, UNITS)


@login_required
@require_GET
def member_import_template(request):
    return _template(request, MEMBERS, "mau-nhap-doan-vien.xlsx")


@login_required
@require_GET
def org_import_template(request):
    return _template(request, UNITS, "mau-nhap-don-vi.xlsx")


@login_required
@require_GET
def member_export(request):
    access_log.log_member_list_export(request.user, request.GET)
    return _export(request, MEMBERS)


@login_required
@require_GET
def org_export(request):
    return _export(request, UNITS)
