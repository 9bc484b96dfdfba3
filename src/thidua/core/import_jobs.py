"""Spreadsheet imports that run in the request when small and as a background ``Job`` when large.

The pattern of the member import (``organizations/views/io.py``), shared by the other imports:

- ``XlsxImportForm`` checks the upload: its size, and that its content (not its name) is an .xlsx
  workbook (a zip holding ``xl/workbook.xml``, not password-protected, not a zip bomb).
- ``enqueue_if_large`` counts the file's rows; above ``settings.IMPORT_BACKGROUND_ROWS`` it stores
  the upload on a new ``Job`` (``input_file``), enqueues the app's task and answers the redirect to
  the job page (``core:job_detail``); otherwise it answers ``None`` and the view imports at once.
- The app's ``@task()`` calls ``run_stored_import``: it runs the importer on the stored file as the
  job's owner, in the language of the request, and always ends the job: succeeded with the counts
  and a link onwards, or failed with the row errors (``InvalidInput``), the refusal of a service
  (``DomainError``) or a generic message (any other exception, re-raised for the worker's log).
  The importers write in one transaction, so a failed job has written nothing. The upload is
  deleted when the job ends, whatever the outcome.
- Importers report rows done / total through a ``Progress`` (a no-op without a job).
"""

import logging

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from thidua.core import jobs
from thidua.core.exceptions import DomainError, InvalidInput
from thidua.core.faults import is_database_unavailable
from thidua.core.models import Job
from thidua.core.xlsx import FILE_FIELD, XLSX_CONTENT_TYPE, TableReader
from thidua.documents import uploads

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
PROGRESS_EVERY = 500


def unexpected_failure_message():
    return _("The import failed unexpectedly; nothing was saved.")


def check_xlsx(upload):
    """Refuse (``ValidationError``) an upload whose content is not an .xlsx workbook, with the
    documents' content check (damaged, password-protected, zip bomb)."""
    upload.seek(0)
    try:
        kind = uploads.detect_kind(upload.read())
    except InvalidInput as exc:
        raise forms.ValidationError(str(exc.detail)) from None
    finally:
        upload.seek(0)
    if kind is not uploads.XLSX:
        raise forms.ValidationError(_("The file is not a readable Excel workbook (.xlsx)."))


class XlsxImportForm(forms.Form):
    """An .xlsx upload of at most ``MAX_UPLOAD_BYTES``, its content checked by ``check_xlsx``
    unless ``check_content`` is off (an importer whose reader refuses other content itself)."""

    check_content = True
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}
            )
        if self.check_content:
            check_xlsx(upload)
        return upload


class Progress:
    """Reports ``done`` of ``total`` rows to a job, every ``PROGRESS_EVERY`` rows or when forced.

    Without a job (an import in the request) it does nothing.
    """

    def __init__(self, job_id=None):
        self.job_id, self.total, self.last = job_id, None, 0

    def start(self, total, done=0):
        """(Re)state the total, e.g. once the rows are read and the rows to write are known."""
        self.total, self.last = total, done
        if self.job_id:
            jobs.set_progress(self.job_id, done, total)

    def __call__(self, done, force=False):
        if self.job_id and (force or done - self.last >= PROGRESS_EVERY):
            self.last = done
            jobs.set_progress(self.job_id, done, self.total)


def enqueue_if_large(request, upload, *, columns, kind, title, org, task, args):
    """Above ``IMPORT_BACKGROUND_ROWS`` rows: store ``upload`` on a job, enqueue ``task`` with
    ``(job_id, *args, language)`` and return the redirect to the job page; else ``None``.

    Raises ``InvalidInput`` when the file is not a readable table of ``columns``.
    """
    with TableReader(upload, columns) as table:
        rows = table.count_rows()
    if rows <= settings.IMPORT_BACKGROUND_ROWS:
        upload.seek(0)
        return None
    job = jobs.create_job(
        kind,
        _("%(title)s: %(file)s") % {"title": title, "file": upload.name},
        by=request.user,
        org_path=org.path,
        total=2 * rows,
    )
    upload.seek(0)
    job.input_file.save(upload.name, upload)
    task.enqueue(job.pk, *args, get_language())
    return redirect("core:job_detail", job.pk)


def log_unexpected(exc):
    """For an import in the request: log an unexpected error; a lost database is re-raised so
    that ``core.faults`` answers its 503 page."""
    if is_database_unavailable(exc):
        raise exc
    logger.exception("Import failed unexpectedly")


def _fail(job_id, message):
    jobs.finish(
        job_id, errors=[{"row": 0, "field": FILE_FIELD, "message": str(message)}], failed=True
    )


def run_stored_import(job_id, language, importer):
    """Run ``importer(upload, user, progress) -> (result, redirect_url)`` on the job's file.

    ``result`` (e.g. ``{"created": 3, "updated": 1}``) is shown on the job page with a button to
    ``redirect_url``. See the module docstring for the failures.
    """
    job = Job.objects.select_related("created_by").get(pk=job_id)
    with translation.override(language):
        try:
            user = job.created_by
            if user is None or not user.is_active:
                _fail(job_id, _("The account that started this job is no longer active."))
                return
            _run(job, user, importer)
        finally:
            job.input_file.delete(save=False)
            Job.objects.filter(pk=job_id).update(input_file="")


def _plain(error):
    """An error as JSON for ``Job.errors`` (lazy translations as text)."""
    return {
        key: value if value is None or isinstance(value, int | str) else str(value)
        for key, value in error.items()
    }


def _run(job, user, importer):
    progress = Progress(job.pk)
    try:
        with job.input_file.open("rb") as upload:
            result, url = importer(upload, user, progress)
    except InvalidInput as exc:
        errors = [_plain(error) for error in exc.errors]
        if errors:
            jobs.finish(job.pk, errors=errors, failed=True)
        else:
            _fail(job.pk, exc.detail)
    except DomainError as exc:
        _fail(job.pk, exc.detail)
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        _fail(job.pk, unexpected_failure_message())
        raise
    else:
        jobs.finish(job.pk, result={**result, "redirect": url})
