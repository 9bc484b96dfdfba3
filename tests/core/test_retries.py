"""Failing tasks retry with exponential backoff and show on the admin's failed-tasks page."""

import datetime
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from tests.factories import UserFactory, verified_login
from thidua.core.models import Job, Notification
from thidua.core.notifications import send_notification_email
from thidua.core.retries import RETRY_KIND

PAGE = reverse("core:task_failures")


class MailServerDown(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def queue(settings):
    """A queue that keeps what is enqueued (with its ``run_after``) instead of running it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_RETRY_BASE_SECONDS = 60
    return task_backends["default"]


@pytest.fixture
def mail_down(settings):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"


@pytest.fixture
def notification(people):
    return Notification.objects.create(user=people.bvdk_thidua, title="Hồ sơ bị trả lại")


def run_next(queue):
    """Run the oldest queued task as the worker would; return whether it raised."""
    result = queue.results.pop(0)
    try:
        result.task.call(*result.args, **result.kwargs)
    except Exception:
        return False
    return True


def retry_job():
    return Job.objects.get(kind=RETRY_KIND)


def test_a_failing_email_is_retried_with_growing_delays_then_given_up(
    queue, mail_down, notification
):
    send_notification_email.enqueue(notification.pk)

    delays = []
    for attempt in (1, 2):
        started = timezone.now()
        assert run_next(queue) is False
        job = retry_job()
        assert (job.status, job.done, job.total) == (Job.Status.QUEUED, attempt, 3)
        assert "SMTPServerDisconnected" in job.errors[0]["message"]
        queued = queue.results[0]
        assert queued.kwargs == {"retry_attempt": attempt + 1, "retry_job": job.pk}
        delays.append((queued.task.run_after - started).total_seconds())
    assert 60 <= delays[0] < 70 and 120 <= delays[1] < 130

    assert run_next(queue) is False
    job = retry_job()
    assert (job.status, job.done) == (Job.Status.FAILED, 3)
    assert job.result["next_attempt_at"] is None and job.finished_at is not None
    assert queue.results == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_a_later_success_clears_the_failure(queue, mail_down, notification, settings, mailoutbox):
    send_notification_email.enqueue(notification.pk)
    assert run_next(queue) is False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert run_next(queue) is True

    job = retry_job()
    assert (job.status, job.done) == (Job.Status.SUCCEEDED, 2)
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert [m.subject for m in mailoutbox] == ["Hồ sơ bị trả lại"]


def test_a_task_that_succeeds_first_time_leaves_no_trace(queue, notification, mailoutbox):
    send_notification_email.enqueue(notification.pk)
    assert run_next(queue) is True
    assert not Job.objects.filter(kind=RETRY_KIND).exists()
    assert len(mailoutbox) == 1


def test_without_deferred_runs_the_retries_follow_at_once(settings, mail_down, notification):
    settings.TASK_MAX_ATTEMPTS = 4
    send_notification_email.enqueue(notification.pk)  # the immediate backend of the tests
    job = retry_job()
    assert (job.status, job.done) == (Job.Status.FAILED, 4)


def test_the_admin_sees_retrying_and_given_up_tasks(client, people, queue, mail_down, notification):
    send_notification_email.enqueue(notification.pk)
    run_next(queue)
    gone = Job.objects.create(
        kind=RETRY_KIND,
        title="send_due_reminders",
        status=Job.Status.FAILED,
        done=3,
        total=3,
        errors=[{"message": "ConnectionRefusedError: [Errno 111]"}],
    )
    Job.objects.create(kind=RETRY_KIND, title="send_training_reminders", status="succeeded")
    verified_login(client, people.nganh_admin)

    response = client.get(PAGE)

    assert response.status_code == 200
    jobs = list(response.context["page"])
    assert [j.title for j in jobs] == [gone.title, "send_notification_email"]
    retrying = jobs[1]
    assert retrying.done == 1
    assert retrying.next_attempt_at - timezone.now() > datetime.timedelta(seconds=50)
    html = response.content.decode()
    assert "SMTPServerDisconnected" in html and "ConnectionRefusedError" in html
    assert "Đang thử lại" in html and "Đã dừng thử" in html
    assert "send_training_reminders" not in html
    assert PAGE in html  # the menu entry


@pytest.mark.parametrize(
    "username", ["nganh.thidua", "bvdk.chutich", "bvdk.thidua", "kiemtra", "doanvien", "ldld"]
)
def test_other_roles_may_not_see_failed_tasks(client, people, username):
    verified_login(client, people.users[username])
    response = client.get(PAGE)
    assert response.status_code == 403
    assert PAGE not in client.get("/").content.decode()


def test_a_superuser_sees_the_page(client, db):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    verified_login(client, admin)
    assert client.get(PAGE).status_code == 200
