"""Progress of long jobs (imports, exports, bulk generation) shown on the job page."""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.models import Job

# How the job page labels the figures a job leaves in ``Job.result``.
RESULT_LABELS = {
    "created": _("Created"),
    "updated": _("Updated"),
    "rows": _("Rows"),
    "skipped": _("Skipped"),
}


def result_items(job):
    """``[(label, value)]`` of a job's result, for display (the redirect link excluded)."""
    return [
        (RESULT_LABELS.get(key, key), value)
        for key, value in (job.result or {}).items()
        if key != "redirect"
    ]


def create_job(kind, title, *, by, org_path="", total=0):
    return Job.objects.create(kind=kind, title=title, created_by=by, org_path=org_path, total=total)


def set_progress(job_id, done, total=None):
    """Record that ``done`` of ``total`` items are processed (one cheap UPDATE)."""
    fields = {"done": done, "status": Job.Status.RUNNING}
    if total is not None:
        fields["total"] = total
    Job.objects.filter(pk=job_id).update(**fields)


def advance(job_id, step=1):
    Job.objects.filter(pk=job_id).update(done=F("done") + step, status=Job.Status.RUNNING)


def finish(job_id, *, result=None, errors=None, failed=False):
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED if failed else Job.Status.SUCCEEDED,
        result=result or {},
        errors=errors or [],
        finished_at=timezone.now(),
    )


def visible_jobs(user):
    """Jobs a user may follow: their own, or all for a superuser."""
    if user.is_superuser:
        return Job.objects.all()
    return Job.objects.filter(created_by=user)
