"""Courses, attendance (all or nothing), the ``officers_trained`` indicator, and reminders."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import MemberFactory
from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.models import Notification
from thidua.organizations.models import OfficerDesignation
from thidua.oversight import services
from thidua.oversight.indicators import officers_trained
from thidua.oversight.models import Attendance, TrainingDeadline
from thidua.reporting.kpis import indicators, officers_to_train

pytestmark = pytest.mark.django_db


def test_a_course_needs_a_title_and_a_date(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.create_course(by=people.nganh_thidua, org=tree.sector, title="", held_on=None)
    assert {e["field"] for e in exc.value.errors} == {"title", "held_on"}
    with pytest.raises(Forbidden):
        services.create_course(
            by=people.kiemtra, org=tree.sector, title="x", held_on=timezone.localdate()
        )


def test_attendance_is_all_or_nothing_and_idempotent(course, people, tree):
    stranger = MemberFactory(org=tree.tld)
    with pytest.raises(InvalidInput) as exc:
        services.record_attendance(
            course, by=people.nganh_thidua, member_ids=[people.hong.pk, stranger.pk, 99999999]
        )
    assert str(stranger.pk) in str(exc.value.detail) and "99999999" in str(exc.value.detail)
    assert not Attendance.objects.exists()
    result = services.record_attendance(
        course, by=people.nganh_thidua, member_ids=[people.hong.pk, people.hong.pk]
    )
    assert result == {"added": [people.hong.pk], "already": []}
    result = services.record_attendance(
        course, by=people.nganh_thidua, member_ids=[people.hong.pk, people.child_doctor.pk]
    )
    assert result == {"added": [people.child_doctor.pk], "already": [people.hong.pk]}
    assert Attendance.objects.count() == 2


def test_a_grassroots_officer_records_only_members_in_reach(people, tree):
    own = services.create_course(
        by=people.bvdk_thidua, org=tree.bvdk, title="Tập huấn", held_on=timezone.localdate()
    )
    with pytest.raises(InvalidInput):
        services.record_attendance(own, by=people.bvdk_thidua, member_ids=[people.child_doctor.pk])
    services.record_attendance(own, by=people.bvdk_thidua, member_ids=[people.nurse.pk])


def test_officers_trained_counts_from_the_records(course, officers, people, tree):
    year = timezone.localdate().year
    # hong (BVDK), child_doctor (BVNHI), and nganh.thidua (no member record).
    assert officers_trained(year, tree.sector) == {"done": 0, "total": 3, "rate": 0.0}
    assert officers_to_train(tree.sector) == 3
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    assert officers_trained(year, tree.sector) == {"done": 1, "total": 3, "rate": 0.3333}
    assert officers_trained(year, tree.bvdk) == {"done": 1, "total": 1, "rate": 1.0}
    assert officers_trained(year, tree.bvnhi)["done"] == 0
    assert officers_trained(year - 1, tree.sector)["done"] == 0
    assert indicators(year, tree.sector)["officers_trained"]["done"] == 1


def test_a_course_that_does_not_count_trains_nobody(officers, people, tree):
    course = services.create_course(
        by=people.nganh_thidua,
        org=tree.sector,
        title="Giao lưu",
        held_on=timezone.localdate(),
        counts_for_indicator=False,
    )
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    assert officers_trained(timezone.localdate().year, tree.bvdk)["done"] == 0


def test_a_sector_officer_is_trained_through_their_member_record(course, people, tree):
    member = MemberFactory(org=tree.sector, full_name="Phạm Thị Thu Hà")
    member.user = people.nganh_thidua
    member.save()
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[member.pk])
    assert officers_trained(timezone.localdate().year, tree.sector) == {
        "done": 1,
        "total": 1,
        "rate": 1.0,
    }


def test_a_past_year_counts_the_officer_then_in_force(people, tree):
    year = timezone.localdate().year - 1
    old = OfficerDesignation.objects.create(
        org=tree.bvnhi,
        member=people.child_doctor,
        since=datetime.date(year - 2, 1, 1),
        until=datetime.date(year, 6, 1),
    )
    new = MemberFactory(org=tree.bvnhi)
    OfficerDesignation.objects.create(org=tree.bvnhi, member=new, since=old.until)
    course = services.create_course(
        by=people.nganh_thidua, org=tree.sector, title="T", held_on=datetime.date(year, 9, 1)
    )
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[new.pk])
    assert officers_trained(year, tree.bvnhi) == {"done": 1, "total": 1, "rate": 1.0}


def test_training_reminders_are_sent_once(course, officers, people, tree):
    today = timezone.localdate()
    people.hong.user = people.bvdk_thidua
    people.hong.save()
    services.set_training_deadline(
        by=people.nganh_admin, org=tree.sector, year=today.year, due_on=today
    )
    counts = services.send_training_reminders(today)
    # BVDK's officer and BVNHI's (no account: the grassroots_officer holder).
    assert counts == {"reminders": 2, "overdue": 0, "without_recipient": 0}
    assert services.send_training_reminders(today) == {
        "reminders": 0,
        "overdue": 0,
        "without_recipient": 0,
    }
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    later = today + datetime.timedelta(days=1)
    if later.year == today.year:
        counts = services.send_training_reminders(later)
        # Only BVNHI is untrained: its officer and its chair.
        assert counts["overdue"] == 2
        assert Notification.objects.filter(user=people.bvnhi_chutich, key__contains="overdue")
        assert not Notification.objects.filter(user=people.bvdk_thidua, key__contains="overdue")


def test_the_command_runs_the_reminders(people, tree, capsys):
    today = timezone.localdate()
    TrainingDeadline.objects.create(org=tree.sector, year=today.year, due_on=today)
    call_command("send_training_reminders", f"--today={today.isoformat()}")
    assert "Reminders sent" in capsys.readouterr().out


def test_a_deadline_is_set_by_the_sector_in_its_year(people, tree):
    today = timezone.localdate()
    with pytest.raises(Forbidden):
        services.set_training_deadline(
            by=people.bvdk_chutich, org=tree.sector, year=today.year, due_on=today
        )
    with pytest.raises(InvalidInput):
        services.set_training_deadline(
            by=people.nganh_admin,
            org=tree.sector,
            year=today.year,
            due_on=today.replace(year=today.year + 1),
        )
