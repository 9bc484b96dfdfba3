"""Unit selects render the upper levels of the tree when the units are too many for one select."""

import pytest
from django import forms

from tests.factories import make_org
from thidua.organizations.forms import UnitChoiceField
from thidua.organizations.models import OrgKind, OrgUnit

pytestmark = pytest.mark.django_db


class PickerForm(forms.Form):
    org = UnitChoiceField(queryset=None, required=False, empty_label="Tất cả", option_limit=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = OrgUnit.objects.order_by("path")


@pytest.fixture
def tree(db):
    root = make_org(OrgKind.CONFEDERATION, code="TLD")
    federations = [make_org(OrgKind.FEDERATION, root, code=f"LD{i}") for i in range(2)]
    unions = [make_org(parent=federations[i % 2], code=f"CS{i}") for i in range(5)]
    return root, federations, unions


def options(form):
    return [label.strip() for value, label in form.fields["org"].choices if value != ""]


def test_all_units_are_offered_when_they_fit(tree):
    form = PickerForm()
    form.fields["org"].option_limit = 100
    assert len(options(form)) == 8


def test_only_the_upper_levels_are_offered_beyond_the_limit(tree):
    root, federations, _unions = tree
    form = PickerForm()
    form["org"]  # bind the field as a template does
    assert options(form) == [root.name, *(f.name for f in federations)]


def test_the_chosen_deep_unit_is_offered_and_any_unit_is_accepted(tree):
    unions = tree[2]
    form = PickerForm({"org": str(unions[3].pk)})
    html = str(form["org"])
    assert unions[3].name in html and unions[0].name not in html
    assert form.is_valid() and form.cleaned_data["org"] == unions[3]
