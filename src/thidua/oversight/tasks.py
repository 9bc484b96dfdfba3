"""Tasks for the worker: the daily training reminders (``manage.py send_training_reminders``)."""

from django_tasks import task

from thidua.core.retries import retrying
from thidua.oversight import services


@task()
@retrying
def send_training_reminders():
    """Run the training reminders for today; idempotent (notification keys)."""
    return services.send_training_reminders()
