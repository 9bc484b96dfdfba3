"""Scheduled reminders (7, 3 and 1 days before) and the escalation after the due date: each once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import MemberFactory
from thidua.core.exceptions import Forbidden, InvalidTransition
from thidua.core.models import Notification
from thidua.organizations.models import OfficerDesignation
from thidua.reporting import services, tasks

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 7, 15)


@pytest.fixture
def round_(people, tree):
    return services.create_round(
        org=tree.sector,
        by=people.nganh_thidua,
        title="Báo cáo 6 tháng đầu năm 2026",
        period="half_year",
        year=2026,
        due_on=DUE,
    )


def _keys(user, suffix):
    return list(
        Notification.objects.filter(user=user, key__endswith=suffix).values_list("key", flat=True)
    )


def test_the_seven_three_and_one_day_reminders_reach_the_officer_once_each(round_, people):
    days = [DUE - datetime.timedelta(days=d) for d in (9, 7, 7, 6, 3, 3, 2, 1, 1, 0)]
    totals = [services.send_due_reminders(day)["reminders"] for day in days]
    # 2 units, one officer each, on the 7th, 3rd and last day before the due date.
    assert totals == [0, 2, 0, 0, 2, 0, 0, 2, 0, 0]
    for officer in (people.bvdk_thidua, people.bvnhi_thidua):
        kinds = sorted(key.split("-", 2)[2] for key in _keys(officer, ""))
        assert kinds == ["asked", "due-1", "due-3", "due-7"]
    assert not Notification.objects.filter(user=people.bvdk_chutich, key__contains="-due-").exists()


def test_escalation_reaches_each_chair_exactly_once_however_often_it_runs(round_, people):
    for offset in (1, 1, 2, 5, 30):
        counts = services.send_due_reminders(DUE + datetime.timedelta(days=offset))
        assert counts["reminders"] == 0
    for chair in (people.bvdk_chutich, people.bvnhi_chutich):
        assert len(_keys(chair, "-overdue")) == 1
    assert not _keys(people.bvdk_thidua, "-overdue")


def test_a_submitted_report_is_neither_reminded_nor_escalated(round_, people, figures):
    report = round_.reports.get(org__code="BVDK")
    services.submit_report(report, by=people.bvdk_thidua, content="x", figures=figures)
    services.send_due_reminders(DUE - datetime.timedelta(days=1))
    services.send_due_reminders(DUE + datetime.timedelta(days=1))
    assert not Notification.objects.filter(key__startswith=f"report-{report.pk}-due").exists()
    assert not Notification.objects.filter(key=f"report-{report.pk}-overdue").exists()


def test_the_designated_officer_is_reminded_rather_than_every_officer_role(round_, people, tree):
    member = MemberFactory(org=tree.bvdk, full_name="Huỳnh Văn Phúc")
    member.user = people.bvdk_thidua
    member.save()
    other = MemberFactory(org=tree.bvdk, full_name="Phan Thị Thu")
    OfficerDesignation.objects.create(org=tree.bvdk, member=other, since=datetime.date(2025, 1, 1))
    # The designated officer has no account: fall back to the officer role holders.
    assert services.officer_users(tree.bvdk) == [people.bvdk_thidua]
    OfficerDesignation.objects.filter(org=tree.bvdk).update(until=datetime.date(2025, 6, 1))
    OfficerDesignation.objects.create(org=tree.bvdk, member=member, since=datetime.date(2025, 6, 1))
    assert services.officer_users(tree.bvdk) == [people.bvdk_thidua]


def test_a_missed_run_catches_up_with_the_latest_reminder_only(round_, people):
    counts = services.send_due_reminders(DUE - datetime.timedelta(days=2))
    assert counts["reminders"] == 2
    assert _keys(people.bvdk_thidua, "-due-3") and not _keys(people.bvdk_thidua, "-due-7")


def test_reminder_days_follow_the_setting(round_, people, settings):
    settings.REPORT_REMINDER_DAYS = (10,)
    assert services.send_due_reminders(DUE - datetime.timedelta(days=10))["reminders"] == 2
    assert services.send_due_reminders(DUE - datetime.timedelta(days=7))["reminders"] == 0


def test_reminders_are_emailed(round_, people):
    mail.outbox.clear()
    with pytest.MonkeyPatch.context():
        services.send_due_reminders(DUE - datetime.timedelta(days=7))
    # ``notify`` emails after the commit; pytest-django's transaction never commits, so the
    # emails are queued through on_commit: run them as the commit would.
    from django.db import connection

    for _savepoint, callback, _robust in list(connection.run_on_commit):
        callback()
    assert {m.to[0] for m in mail.outbox} >= {"bvdk.thidua@example.org", "bvnhi.thidua@example.org"}


def test_the_command_and_the_task_run_the_same_reminders(round_, people, capsys, monkeypatch):
    call_command("send_reminders", "--today", (DUE + datetime.timedelta(days=1)).isoformat())
    assert "escalations sent: 2" in capsys.readouterr().out
    call_command("send_reminders", "--today", (DUE + datetime.timedelta(days=1)).isoformat())
    assert "escalations sent: 0" in capsys.readouterr().out
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: DUE + datetime.timedelta(days=3)
    )
    result = tasks.send_due_reminders.enqueue()
    assert result.return_value == {"reminders": 0, "escalations": 0, "without_recipient": 0}


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--today", "15/07/2026")


def test_manual_reminder_goes_to_officer_and_chair_once_a_day(round_, people):
    report = round_.reports.get(org__code="BVDK")
    assert services.remind_unit(report, by=people.nganh_thidua) == 2
    assert services.remind_unit(report, by=people.nganh_thidua) == 0
    report.refresh_from_db()
    assert report.last_reminded_at is not None


def test_only_the_sector_reminds_and_only_awaited_reports(round_, people, figures):
    report = round_.reports.get(org__code="BVDK")
    with pytest.raises(Forbidden):
        services.remind_unit(report, by=people.bvdk_chutich)
    services.submit_report(report, by=people.bvdk_thidua, content="x", figures=figures)
    report.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.remind_unit(report, by=people.nganh_thidua)
    assert services.remind_awaited(round_, by=people.nganh_admin) == 2  # BVNHI's officer and chair
