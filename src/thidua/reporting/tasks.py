"""Background tasks of periodic reporting (run by the task worker)."""

from django_tasks import task

from thidua.core.retries import retrying
from thidua.reporting import services


@task()
@retrying
def send_due_reminders():
    """The daily reminders and escalations of awaited reports (``services.send_due_reminders``)."""
    return services.send_due_reminders()
