"""Helpers of the dashboard tests: awards, nominations and quotas written straight to the tables."""

import datetime

from thidua.awards.models import AwardRecord, AwardType
from thidua.nominations.models import Nomination, Quota


def award(member, code="LDTT", year=2026, amount=1_000_000, revoked=False, org=None):
    """An award of ``code`` to ``member`` (or to the collective ``org``) decided in ``year``."""
    return AwardRecord.objects.create(
        member=member,
        org=org if member is None else None,
        holder_org=member.org if member is not None else org,
        award_type=AwardType.objects.get(code=code),
        year=year,
        decision_number=f"{year}/QĐ-CĐN",
        decided_on=datetime.date(year, 12, 1),
        amount=amount,
        revoked_at=datetime.datetime(year, 12, 20, tzinfo=datetime.UTC) if revoked else None,
    )


def nominate(member, org, code="BK-LDLD", status="submitted", year=2026):
    return Nomination.objects.create(
        award_type=AwardType.objects.get(code=code),
        year=year,
        org=org,
        member=member,
        status=status,
    )


def quota(org, granted_by, count, code="BK-LDLD", year=2026, parent=None):
    return Quota.objects.create(
        year=year,
        award_type=AwardType.objects.get(code=code),
        org=org,
        granted_by_org=granted_by,
        count=count,
        parent=parent,
    )
