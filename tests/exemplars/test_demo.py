"""The demo dataset loads the exemplars, replications, library and news."""

import io

import pytest
from django.core.management import call_command

from thidua.exemplars.models import Exemplar, LibraryDocument, NewsItem, Replication

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_the_exemplars_of_the_sector():
    call_command("seed_demo", stdout=io.StringIO())
    assert Exemplar.objects.count() == 3
    (published,) = Exemplar.objects.published()
    assert published.source == "covid_frontline" and published.member.org.code == "BVDK-HSTC"
    assert Replication.objects.filter(exemplar=published).count() == 2
    assert set(Exemplar.objects.values_list("status", flat=True)) == {
        "found",
        "verified",
        "honored",
    }
    assert LibraryDocument.objects.search("nghi dinh 152").count() == 1
    assert NewsItem.objects.count() == 2
