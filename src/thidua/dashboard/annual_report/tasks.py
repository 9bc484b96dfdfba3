"""Generating the annual report in the background, followed on a ``Job`` (``core:job_detail``)."""

import logging

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from thidua.accounts.models import User
from thidua.core import jobs
from thidua.core.exceptions import DomainError
from thidua.dashboard.annual_report.service import STEPS, generate_annual_report
from thidua.organizations.models import OrgUnit

logger = logging.getLogger(__name__)
KIND = "annual_report"


def start(*, org, by, fields, language):
    """Create the job of generating ``org``'s annual report with the checked ``fields`` and
    enqueue it; returns the job."""
    job = jobs.create_job(
        KIND,
        _("Annual report %(year)d of %(unit)s") % {"year": fields["year"], "unit": org.name},
        by=by,
        org_path=org.path,
        total=STEPS,
    )
    run_annual_report.enqueue(job.pk, org.pk, by.pk, fields, language)
    return job


@task()
def run_annual_report(job_id, org_id, user_id, fields, language):
    """Issue the report (``generate_annual_report``, which checks everything again) and end the
    job with a link to the annual report page. Not retried: a second run would take a second
    number. A refusal or any error ends the job as failed, so its page never spins forever."""
    with translation.override(language):
        org = OrgUnit.objects.filter(pk=org_id).first()
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if org is None or user is None:
            message = _("The unit or the user no longer exists.")
            jobs.finish(job_id, errors=[{"message": message}], failed=True)
            return
        jobs.set_progress(job_id, 0)
        try:
            report = generate_annual_report(
                org=org, by=user, progress=lambda done: jobs.set_progress(job_id, done), **fields
            )
        except DomainError as exc:
            jobs.finish(job_id, errors=[{"message": str(exc.detail)}], failed=True)
            return
        except Exception:
            logger.exception("Annual report job %s failed", job_id)
            jobs.finish(
                job_id,
                errors=[{"message": _("The annual report could not be generated.")}],
                failed=True,
            )
            raise
        url = reverse("dashboard:annual_report")
        jobs.finish(job_id, result={"redirect": f"{url}?org={org.pk}&year={report.year}"})
