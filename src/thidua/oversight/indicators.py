"""The training indicator ``officers_trained`` (DOMAIN.md, plan II.4) and the queries behind it.

Who counts, for a year and a unit's subtree:

- the emulation officer designated in each active grassroots union of the subtree, as in force on
  the year's reference date (today for the current year, 31 December for a past one, 1 January for
  a future one), when the officer is an active member;
- the users holding ``sector_officer`` at a sector union of the subtree (each person once: one who
  is also a designated officer counts once). A sector officer is trained through their member
  record; one without a member record is counted and stays untrained until they get one.

Someone is trained for the year when they attended a course held in the year that counts for the
indicator. Both counts are aggregated in the database (two queries).
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.roles import Role
from thidua.organizations.models import OfficerDesignation, OrgKind
from thidua.oversight.models import Attendance


def reference_date(year, today=None):
    """The day whose designations count for ``year``: today, clamped into the year."""
    today = today or timezone.localdate()
    return min(max(today, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))


def counting_attendance(year):
    """Attendance at courses that count for the indicator, held in ``year``."""
    return Attendance.objects.filter(course__counts_for_indicator=True, course__held_on__year=year)


def trained_member(year, member_ref="member_id"):
    """``Exists`` for "the member ``member_ref`` attended a counting course in ``year``"."""
    return Exists(counting_attendance(year).filter(member_id=OuterRef(member_ref)))


def designations_in_force(on):
    """Designations of active grassroots unions in force on ``on``, of active members."""
    return OfficerDesignation.objects.filter(
        since__lte=on,
        org__kind=OrgKind.GRASSROOTS_UNION,
        org__active=True,
        member__active=True,
    ).filter(Q(until__isnull=True) | Q(until__gt=on))


def designated_officers(year, org_path):
    """The designations counted for ``year`` in the subtree of ``org_path``."""
    return designations_in_force(reference_date(year)).filter(org__path__startswith=org_path)


def sector_officer_users(year, org_path):
    """Users holding ``sector_officer`` at a sector union of the subtree, who are not already
    counted as a designated officer."""
    holders = RoleAssignment.objects.filter(
        role=Role.SECTOR_OFFICER,
        org__kind=OrgKind.SECTOR_UNION,
        org__active=True,
        org__path__startswith=org_path,
    ).values("user_id")
    designated_users = designated_officers(year, org_path).filter(member__user__isnull=False)
    return User.objects.filter(is_active=True, pk__in=holders).exclude(
        pk__in=designated_users.values("member__user_id")
    )


def trained_user(year):
    return Exists(counting_attendance(year).filter(member__user_id=OuterRef("pk")))


def officers_trained(year, org):
    """``{"done", "total", "rate"}``: officers to train in ``org``'s subtree and those trained."""
    from thidua.reporting.indicators import ratio

    designated = designated_officers(year, org.path).aggregate(
        total=Count("member_id", distinct=True),
        done=Count("member_id", distinct=True, filter=Q(trained_member(year))),
    )
    sector = sector_officer_users(year, org.path).aggregate(
        total=Count("pk", distinct=True),
        done=Count("pk", distinct=True, filter=Q(trained_user(year))),
    )
    return ratio(designated["done"] + sector["done"], designated["total"] + sector["total"])


def training_of(year, member_ids):
    """``{member_id: first counting course attended in year}`` for ``member_ids``."""
    rows = (
        counting_attendance(year)
        .filter(member_id__in=member_ids)
        .select_related("course")
        .order_by("course__held_on", "course_id")
    )
    result = {}
    for row in rows:
        result.setdefault(row.member_id, row.course)
    return result
