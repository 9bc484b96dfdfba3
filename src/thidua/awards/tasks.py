"""Background tasks of the awards: large imports of award history and yearly assessments,
followed on a ``core.Job`` (see ``core.import_jobs.run_stored_import``)."""

from django.urls import reverse
from django_tasks import task

from thidua.awards import imports
from thidua.awards.models import MemberYearAssessment
from thidua.core.import_jobs import run_stored_import
from thidua.organizations.models import OrgUnit


@task()
def run_history_import(job_id, org_id, language):
    """Import the historical awards of ``Job.input_file`` for members below ``org_id``."""

    def importer(upload, user, progress):
        org = OrgUnit.objects.get(pk=org_id)
        count = imports.import_award_history(upload, org=org, by=user, progress=progress)
        return {"created": count}, f"{reverse('awards:history_import')}?org={org.pk}"

    run_stored_import(job_id, language, importer)


@task()
def run_assessment_import(job_id, org_id, year, language):
    """Import the yearly assessments of ``Job.input_file`` for ``year`` and members below
    ``org_id``; the result counts assessments created and rows for members already assessed."""

    def importer(upload, user, progress):
        org = OrgUnit.objects.get(pk=org_id)
        recorded = MemberYearAssessment.objects.filter(
            year=year, member__org_path__startswith=org.path
        )
        before = recorded.count()
        count = imports.import_assessments(upload, org=org, year=year, by=user, progress=progress)
        created = recorded.count() - before
        url = f"{reverse('awards:assessments')}?org={org.pk}&year={year}"
        return {"created": created, "updated": count - created}, url

    run_stored_import(job_id, language, importer)
