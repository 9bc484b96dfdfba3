"""Background task of the movements: a large pledge import, followed on a ``core.Job``."""

from django.urls import reverse
from django_tasks import task

from thidua.core.import_jobs import run_stored_import
from thidua.movements import imports
from thidua.movements.models import Movement
from thidua.organizations.models import OrgUnit


@task()
def run_pledge_import(job_id, movement_id, org_id, language):
    """Import the pledges of ``Job.input_file`` for the unit ``org_id`` (see
    ``core.import_jobs.run_stored_import``); the result counts pledges created and replaced."""

    def importer(upload, user, progress):
        movement = Movement.objects.get(pk=movement_id)
        org = OrgUnit.objects.get(pk=org_id)
        before = set(movement.pledges.filter(org=org).values_list("member_id", flat=True))
        written = imports.import_pledges(
            movement, org=org, by=user, fileobj=upload, progress=progress
        )
        created = sum(1 for pledge in written if pledge.member_id not in before)
        url = reverse("movements:pledge_entry", args=[movement.pk, org.pk])
        return {"created": created, "updated": len(written) - created}, url

    run_stored_import(job_id, language, importer)
