"""Excel (.xlsx) exports of the list pages.

A ``ListExport`` declares one list's file: its columns (Vietnamese headers, dates as ``DATE``,
amounts and counts as ``NUMBER``), the filtered queryset (the list page's ``visible_to(user)``
queryset with the page's filters, given the page's GET parameters) and how an object becomes a
row. Every file starts with title lines — the list, the unit (the filtered unit, else the user's
own), the filters in use, when it was generated — above the header row; numbers carry a thousands
format. Rows stream from the database in chunks into a write-only workbook, so memory does not
grow with the list; lists of more than ``settings.EXPORT_BACKGROUND_ROWS`` rows are written by a
background task (``run_list_export``) followed on the job page.
"""

import datetime
import logging
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import FileResponse, QueryDict
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tasks import task
from openpyxl.cell import WriteOnlyCell

from thidua.core import jobs
from thidua.core.models import Job
from thidua.core.xlsx import NO, NUMBER, XLSX_CONTENT_TYPE, YES, XlsxTable

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
NUMBER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
JOB_KIND = "list_export"
# Parameters of a list page that are not filters.
NOT_FILTERS = ("page",)


def export_background_rows():
    """Exports with more rows than this run as a background job."""
    return getattr(settings, "EXPORT_BACKGROUND_ROWS", 20000)


def generated_line():
    return _("Generated on %(when)s") % {"when": timezone.localtime().strftime("%d/%m/%Y %H:%M")}


def title_lines(title, *, unit=None, year=None, filters=()):
    """The lines above a table: what, for which unit and year, under which filters, and when."""
    lines = [str(title)]
    if unit is not None:
        lines.append(_("Unit: %(unit)s") % {"unit": unit.name})
    if year is not None:
        lines.append(_("Year: %(year)d") % {"year": int(year)})
    lines.extend(str(line) for line in filters)
    lines.append(generated_line())
    return lines


def local_date(value):
    """The local calendar date of a datetime (None stays None)."""
    return timezone.localtime(value).date() if value else None


def _number_cell(table, value):
    value = value or 0
    cell = WriteOnlyCell(table.sheet, value)
    cell.number_format = NUMBER_FORMAT if value == int(value) else DECIMAL_FORMAT
    return cell


def append_row(table, values):
    """Append a row to ``table``; numbers of ``NUMBER`` columns carry the thousands format
    (0 when empty, except ``None``: no figure at all, left blank)."""
    table.sheet.append(
        [
            _number_cell(table, value)
            if column.kind == NUMBER and value is not None
            else table._cell(column, value)
            for column, value in zip(table.columns, values, strict=True)
        ]
    )


def _display(field, value):
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "pk"):
        return str(value)
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {str(key): label for key, label in choices if not isinstance(label, list | tuple)}
        return str(labels.get(str(value), value))
    if isinstance(value, list | tuple):
        return ", ".join(_display(field, item) for item in value)
    return str(value)


def filter_lines(form, skip=("org",)):
    """``Label: value`` for each filter of a bound, valid ``form`` that has a value.

    ``skip``: fields not to describe (the unit, which has its own line; ids without a name).
    """
    if form is None or not form.is_valid():
        return []
    lines = []
    for name, form_field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in skip or value in (None, "", [], ()):
            continue
        label = form_field.label or name
        lines.append(
            _("%(label)s: %(value)s") % {"label": label, "value": _display(form_field, value)}
        )
    return lines


def filtered_unit(user, params, key="org"):
    """The unit named by ``params[key]`` when the user can see it, else the user's home unit."""
    from thidua.organizations.models import OrgUnit

    value = str(params.get(key) or "").strip()
    if value.isascii() and value.isdigit() and len(value) < 19:
        unit = OrgUnit.objects.visible_to(user).filter(pk=value).first()
        if unit is not None:
            return unit
    return user.home_org


def _no_filters(user, params):
    return []


def _anyone(user):
    return True


@dataclass(frozen=True)
class ListExport:
    """One list page's .xlsx file (see the module docstring).

    ``name`` is the dotted path of the instance, by which the background task finds it again.
    ``rows(user, params)`` returns the filtered, ordered queryset (with ``select_related`` so
    rows cost no further queries); ``row(obj)`` the values in column order; ``describe(user,
    params)`` the filter lines of the title; ``allowed(user)`` who may export at all;
    ``prepare(objs, params)``, when given, completes each chunk of objects before their rows
    are written (figures computed for many rows at once).
    """

    name: str
    title: object
    sheet_title: str
    file_prefix: str
    columns: Sequence
    rows: Callable
    row: Callable
    describe: Callable = _no_filters
    unit: Callable = filtered_unit
    allowed: Callable = _anyone
    prepare: Callable | None = None

    def count(self, user, params):
        return self.rows(user, params).count()

    def file_name(self):
        return f"{self.file_prefix}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"

    def write(self, user, params, fileobj, *, progress=None):
        """Write the file to ``fileobj``; returns the row count. ``progress(done)`` per chunk."""
        table = XlsxTable(
            self.columns,
            sheet_title=self.sheet_title,
            title_lines=title_lines(
                self.title, unit=self.unit(user, params), filters=self.describe(user, params)
            ),
        )
        count = 0
        for chunk in self._chunks(self.rows(user, params)):
            if self.prepare is not None:
                self.prepare(chunk, params)
            for obj in chunk:
                append_row(table, self.row(obj))
            count += len(chunk)
            if progress is not None:
                progress(count)
        table.save(fileobj)
        return count

    @staticmethod
    def _chunks(queryset):
        chunk = []
        for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
            chunk.append(obj)
            if len(chunk) == CHUNK_SIZE:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def _query(params):
    query = params.copy() if isinstance(params, QueryDict) else QueryDict(mutable=True)
    if not isinstance(params, QueryDict):
        for key, value in params.items():
            query[key] = str(value)
    for key in NOT_FILTERS:
        query.pop(key, None)
    return query


def export_response(request, export, params=None):
    """The export of ``export`` for the request's user and the list's filters (``request.GET``
    unless ``params`` is given): the file itself, or, above the background threshold, a redirect
    to the job that writes it."""
    user = request.user
    if not export.allowed(user):
        raise PermissionDenied
    query = _query(request.GET if params is None else params)
    count = export.count(user, query)
    if count > export_background_rows():
        home = user.home_org
        job = jobs.create_job(
            JOB_KIND,
            _("%(list)s: export of %(count)d rows") % {"list": export.title, "count": count},
            by=user,
            org_path=home.path if home else "",
            total=count,
        )
        run_list_export.enqueue(job.pk, export.name, query.urlencode(), get_language())
        return redirect("core:job_detail", job.pk)
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    export.write(user, query, output)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=export.file_name(), content_type=XLSX_CONTENT_TYPE
    )


def export_view(export):
    """A view answering ``export_response`` for ``export`` (login required, GET only)."""

    @login_required
    @require_GET
    def view(request):
        return export_response(request, export)

    view.__doc__ = f"The .xlsx export: {export.name}."
    return view


def _fail(job_id, message):
    jobs.finish(job_id, errors=[{"message": str(message)}], failed=True)


@task()
def run_list_export(job_id, name, query, language):
    """Write the export ``name`` (a ``ListExport``'s dotted path) with the list filters ``query``
    for the job's owner to ``Job.output_file``. Any error ends the job as failed."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    with translation.override(language):
        user = job.created_by
        if user is None or not user.is_active:
            _fail(job_id, _("The account that started this job is no longer active."))
            return
        try:
            export = import_string(name)
            jobs.set_progress(job_id, 0)
            with tempfile.TemporaryFile() as output:
                count = export.write(
                    user,
                    QueryDict(query),
                    output,
                    progress=lambda done: jobs.set_progress(job_id, done),
                )
                output.seek(0)
                job.output_file.save(export.file_name(), File(output), save=False)
            Job.objects.filter(pk=job_id).update(output_file=job.output_file.name, done=count)
            jobs.finish(job_id, result={"rows": count})
        except Exception:
            logger.exception("List export job %s failed", job_id)
            _fail(job_id, _("The export failed unexpectedly."))
            raise
