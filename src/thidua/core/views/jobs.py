"""Progress page of a background job; htmx polls the fragment until the job ends."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render

from thidua.core.jobs import visible_jobs


@login_required
def job_detail(request, pk):
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    template = "core/_job_progress.html" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk):
    """The job's output file (an export), for whoever may follow the job."""
    job = get_object_or_404(visible_jobs(request.user).exclude(output_file=""), pk=pk)
    name = job.output_file.name.rsplit("/", 1)[-1]
    return FileResponse(job.output_file.open("rb"), as_attachment=True, filename=name)
