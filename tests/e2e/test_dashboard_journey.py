"""The dashboard journey on the demo data: the sector admin sees the plan's four targets and the
charts, then drills down to BVDK."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from thidua.organizations.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)


def test_sector_admin_sees_targets_charts_and_drills_down(login, page):
    call_command("seed_demo", stdout=io.StringIO())
    bvdk = OrgUnit.objects.get(code="BVDK")

    login("nganh.admin")
    page.goto("/dashboard/")
    targets = page.get_by_test_id("targets")
    for key in ("plans_submitted", "movements_reviewed", "direct_worker_nominations"):
        expect(targets.get_by_test_id(f"target-{key}")).to_be_visible()
    expect(targets.get_by_test_id("target-officers_trained")).to_be_visible()
    charts = page.get_by_test_id("charts")
    expect(charts.get_by_test_id("chart")).to_have_count(6)
    assert page.locator("[data-testid=charts] svg rect").count() > 0
    expect(page.get_by_test_id("fairness")).to_be_visible()

    page.locator(f"[data-testid=drill-down] a[title='{bvdk.name}']").click()
    expect(page).to_have_url(re.compile(rf"org={bvdk.pk}"))
    expect(page.locator("nav .breadcrumb-item.active")).to_have_text(bvdk.name)
    expect(page.get_by_test_id("target-plans_submitted")).to_be_visible()
