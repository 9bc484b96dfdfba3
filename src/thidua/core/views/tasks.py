"""Background tasks that failed: retrying with backoff, or given up (for the sector admin)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from thidua.core.pagination import CappedPaginator
from thidua.core.retries import next_attempt_of, retrying_jobs


@login_required
def task_failures(request):
    if not request.user.has_perm("core.view_task_failures"):
        raise PermissionDenied
    page = CappedPaginator(retrying_jobs(), 50).get_page(request.GET.get("page"))
    for job in page:
        job.next_attempt_at = next_attempt_of(job)
    return render(
        request,
        "core/task_failures.html",
        {"page": page, "max_attempts": settings.TASK_MAX_ATTEMPTS},
    )
