"""Retries with exponential backoff for background tasks (django-tasks has none).

``@retrying`` goes under ``@task()``. When the task raises, the attempt is recorded on a
``core.Job`` of kind ``RETRY_KIND`` (listed on the failed-tasks page with its attempt count, next
try and last error) and the task is enqueued again to run ``TASK_RETRY_BASE_SECONDS * 2 **
(attempt - 1)`` seconds later, until ``TASK_MAX_ATTEMPTS`` attempts have failed: the job is then
marked failed. A later success marks it done, which takes it off the page. Only idempotent tasks
may retry.
"""

import datetime
import functools
import logging

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from thidua.core.models import Job

logger = logging.getLogger(__name__)

RETRY_KIND = "task_retry"


def backoff(attempt):
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, ...)."""
    return settings.TASK_RETRY_BASE_SECONDS * 2 ** (attempt - 1)


def retrying(func):
    """Make the function of a ``@task()`` retry with backoff (see the module doc).

    The wrapped task takes two extra keyword arguments, set only by the re-enqueue:
    ``retry_attempt`` (this attempt's number) and ``retry_job`` (the tracking job's id).
    """

    @functools.wraps(func)
    def run(*args, retry_attempt=1, retry_job=None, **kwargs):
        try:
            result = func(*args, **kwargs)
        except Exception as exc:
            _attempt_failed(func, args, kwargs, retry_attempt, retry_job, exc)
            raise
        if retry_job is not None:
            Job.objects.filter(pk=retry_job).update(
                status=Job.Status.SUCCEEDED,
                done=retry_attempt,
                finished_at=timezone.now(),
                result={**_job_result(retry_job), "next_attempt_at": None},
            )
        return result

    return run


def _job_result(job_id):
    return Job.objects.filter(pk=job_id).values_list("result", flat=True).first() or {}


def _attempt_failed(func, args, kwargs, attempt, job_id, exc):
    task = import_string(f"{func.__module__}.{func.__qualname__}")
    max_attempts = settings.TASK_MAX_ATTEMPTS
    again = attempt < max_attempts
    next_at = timezone.now() + datetime.timedelta(seconds=backoff(attempt)) if again else None
    fields = {
        "status": Job.Status.QUEUED if again else Job.Status.FAILED,
        "done": attempt,
        "total": max_attempts,
        "errors": [{"message": f"{type(exc).__name__}: {exc}"[:1000]}],
        "result": {
            "task": task.module_path,
            "args": list(args),
            "attempts": attempt,
            "next_attempt_at": next_at.isoformat() if next_at else None,
        },
        "finished_at": None if again else timezone.now(),
    }
    if job_id is None:
        job_id = Job.objects.create(kind=RETRY_KIND, title=task.name, **fields).pk
    else:
        Job.objects.filter(pk=job_id).update(**fields)
    logger.warning(
        "Task %s failed (attempt %d of %d)%s",
        task.module_path,
        attempt,
        max_attempts,
        f"; retrying at {next_at:%H:%M:%S}" if next_at else "; giving up",
        exc_info=exc,
    )
    if not again:
        return
    if task.get_backend().supports_defer:
        task = task.using(run_after=next_at)
    task.enqueue(*args, retry_attempt=attempt + 1, retry_job=job_id, **kwargs)


def retrying_jobs():
    """Tasks that failed and wait for a retry, or gave up, newest first."""
    return Job.objects.filter(
        kind=RETRY_KIND, status__in=[Job.Status.QUEUED, Job.Status.FAILED]
    ).order_by("-created_at")


def next_attempt_of(job):
    value = (job.result or {}).get("next_attempt_at")
    return datetime.datetime.fromisoformat(value) if value else None
