"""The demo records of inspections and trainings load and show the gaps the journey relies on."""

import io

import pytest
from django.core.management import call_command

from thidua.organizations.models import OrgUnit
from thidua.oversight.indicators import officers_trained
from thidua.oversight.models import Inspection, InspectionStatus, TrainingCourse

pytestmark = pytest.mark.django_db


def test_the_demo_has_inspections_and_a_training_gap():
    call_command("seed_demo", stdout=io.StringIO())
    held = Inspection.objects.get(org__code="BVNHI")
    assert held.status == InspectionStatus.FINDINGS_RECORDED
    assert held.recommendations.filter(responded_at__isnull=False).count() == 1
    assert Inspection.objects.get(org__code="TTYT-BH").status == InspectionStatus.PLANNED
    assert TrainingCourse.objects.filter(held_on__year=2026).count() == 2
    result = officers_trained(2026, OrgUnit.objects.get(code="CDN-YT"))
    assert 0 < result["done"] < result["total"]
