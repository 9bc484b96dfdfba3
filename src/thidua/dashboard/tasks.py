"""Background export of the award rows, followed on a ``Job`` (``core:job_detail`` polls it)."""

import logging
import tempfile

from django.core.files import File
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from thidua.core import jobs
from thidua.core.models import Job
from thidua.dashboard.exports import export_award_rows, file_name
from thidua.organizations.models import OrgUnit

logger = logging.getLogger(__name__)


@task()
def run_award_export(job_id, org_id, year, language):
    """Write the award rows of ``year`` in the unit's subtree to ``Job.output_file``.

    The unit was checked visible when the job was created; a unit deleted since fails the job.
    Any error ends the job as failed, so its page never spins forever.
    """
    with translation.override(language):
        org = OrgUnit.objects.filter(pk=org_id).first()
        if org is None:
            jobs.finish(job_id, errors=[{"message": _("The unit no longer exists.")}], failed=True)
            return
        job = Job.objects.get(pk=job_id)
        try:
            jobs.set_progress(job_id, 0)
            with tempfile.TemporaryFile() as output:
                count = export_award_rows(
                    year, org, output, progress=lambda done: jobs.set_progress(job_id, done)
                )
                output.seek(0)
                job.output_file.save(file_name("khen-thuong", org, year), File(output), save=False)
            Job.objects.filter(pk=job_id).update(output_file=job.output_file.name, done=count)
            jobs.finish(job_id, result={"rows": count})
        except Exception:
            logger.exception("Award export job %s failed", job_id)
            jobs.finish(
                job_id, errors=[{"message": _("The export failed unexpectedly.")}], failed=True
            )
            raise
