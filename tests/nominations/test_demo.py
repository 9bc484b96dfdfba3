"""The demo quotas and nominations: BVDK holds 3 BK-LDLD places with one already taken."""

import pytest

from thidua.demo.seed import load_demo
from thidua.nominations import quotas
from thidua.nominations.models import Nomination, Quota


@pytest.mark.django_db
def test_demo_quotas_leave_bvdk_two_places():
    load_demo()
    bvdk = Quota.objects.get(year=2026, award_type__code="BK-LDLD", org__code="BVDK")
    usage = quotas.usage_of(bvdk)
    assert (bvdk.count, usage.used, usage.remaining) == (3, 1, 2)
    sector = Quota.objects.get(year=2026, award_type__code="BK-LDLD", org__code="CDN-YT")
    assert quotas.usage_of(sector).allocated == 5
    assert Quota.objects.filter(award_type__code="BK-TLD", count=3).exists()
    assert set(Nomination.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "appraised",
    }
