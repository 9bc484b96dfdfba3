"""In-app notifications with an email copy sent after the transaction commits.

``notify`` is what services call. A ``key`` makes a notification idempotent per user: the same
reminder is never sent twice, however often the scheduled command runs.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from thidua.core.models import Notification
from thidua.core.retries import retrying

logger = logging.getLogger(__name__)


def notify(users, *, title, body="", url="", key="", email=True):
    """Notify each of ``users``; returns the notifications created (skips ones already sent)."""
    created = []
    for user in {u.pk: u for u in users if u is not None and u.is_active}.values():
        if key and Notification.objects.filter(user=user, key=key).exists():
            continue
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        user=user, title=str(title)[:255], body=str(body), url=url, key=key
                    )
                )
        except IntegrityError:
            continue  # the same keyed notification was created concurrently
    if email:
        for notification in created:
            if notification.user.email:
                transaction.on_commit(
                    lambda pk=notification.pk: send_notification_email.enqueue(pk)
                )
    return created


@task()
@retrying
def send_notification_email(notification_id):
    """Email a copy of one notification (at most once); retried with backoff if sending fails."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at or not notification.user.email:
        return
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    send_mail(
        subject=notification.title,
        message=f"{notification.body}{link}",
        from_email=None,
        recipient_list=[notification.user.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
