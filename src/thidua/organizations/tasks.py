"""Background tasks of the union organisation: large imports and exports, followed on a ``Job``.

The view stores the upload on ``Job.input_file`` (imports) or the filters in the task arguments
(exports) and enqueues; the task reports progress and the outcome on the job, whose page
(``core:job_detail``) polls it. Errors always end the job, so its page never spins forever.
"""

import logging
import tempfile

from django.core.files import File
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from thidua.core import jobs
from thidua.core.exceptions import DomainError, InvalidInput
from thidua.core.models import Job
from thidua.core.xlsx import FILE_FIELD
from thidua.organizations import exports
from thidua.organizations.imports import import_members, import_units

logger = logging.getLogger(__name__)

IMPORTERS = {"members": import_members, "units": import_units}
EXPORTERS = {
    "members": (exports.export_members, "danh-sach-doan-vien"),
    "units": (exports.export_units, "danh-sach-don-vi"),
}
LIST_PAGES = {"members": "organizations:member_list", "units": "organizations:org_tree"}


def _fail(job_id, message):
    jobs.finish(
        job_id, errors=[{"row": 0, "field": FILE_FIELD, "message": str(message)}], failed=True
    )


def _owner(job):
    user = job.created_by
    if user is None or not user.is_active:
        _fail(job.pk, _("The account that started this job is no longer active."))
        return None
    return user


@task()
def run_import(job_id, kind, language):
    """Import ``Job.input_file`` with the importer of ``kind`` ("members" or "units").

    The uploaded file (personal data) is deleted once the import ends, whatever the outcome.
    """
    job = Job.objects.select_related("created_by").get(pk=job_id)
    with translation.override(language):
        try:
            user = _owner(job)
            if user is not None:
                _import(job, kind, user)
        finally:
            job.input_file.delete(save=False)
            Job.objects.filter(pk=job_id).update(input_file="")


def _import(job, kind, user):
    try:
        with job.input_file.open("rb") as upload:
            IMPORTERS[kind](upload, by=user, job_id=job.pk)
    except InvalidInput:
        return  # the importer has recorded the row errors on the job
    except DomainError as exc:
        _fail(job.pk, exc.detail)
        return
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        _fail(job.pk, _("The import failed unexpectedly; nothing was saved."))
        raise
    job.refresh_from_db(fields=["result"])
    result = {**job.result, "redirect": reverse(LIST_PAGES[kind])}
    Job.objects.filter(pk=job.pk).update(result=result)


@task()
def run_export(job_id, kind, params, language):
    """Write the export of ``kind`` with the list filters ``params`` to ``Job.output_file``."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    exporter, prefix = EXPORTERS[kind]
    with translation.override(language):
        user = _owner(job)
        if user is None:
            return
        try:
            jobs.set_progress(job_id, 0)
            with tempfile.TemporaryFile() as output:
                count = exporter(
                    user, params, output, progress=lambda done: jobs.set_progress(job_id, done)
                )
                output.seek(0)
                job.output_file.save(exports.export_file_name(prefix), File(output), save=False)
            Job.objects.filter(pk=job_id).update(output_file=job.output_file.name, done=count)
            jobs.finish(job_id, result={"rows": count})
        except Exception:
            logger.exception("Export job %s failed", job_id)
            _fail(job_id, _("The export failed unexpectedly."))
            raise
