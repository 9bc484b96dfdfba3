"""Forms of the nomination pages: the shape of the input; the rules live in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.nominations.models import NominationKind, NominationStatus, PeriodKind, Recommendation
from thidua.organizations.forms import UnitChoiceField, VersionField, dmy_date_input

FIELD_ALIASES = {
    "org_id": "org",
    "member_id": "member",
    "nominee_org_id": "nominee_org",
    "award_type_id": "award_type",
    "granted_by_org_id": "granted_by_org",
}


def apply_errors(form, exc):
    """Show a service's error on the form: per field where it can, the reasons below."""
    if not exc.errors:
        form.add_error(None, str(exc.detail))
    for error in exc.errors:
        field = str(error.get("field", "")).split(".")[0]
        name = FIELD_ALIASES.get(field, field)
        form.add_error(name if name in form.fields else None, str(error.get("message")))
    for reason in exc.reasons:
        form.add_error(None, str(reason))


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Year"))
        super().__init__(min_value=2000, max_value=2100, **kwargs)


class NominationFilterForm(forms.Form):
    year = YearField(required=False)
    org = UnitChoiceField(label=_("Unit"), queryset=None, required=False, empty_label=_("All"))
    award_type = forms.ModelChoiceField(
        label=_("Award type"), queryset=None, required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *NominationStatus.choices]
    )
    direct_worker = forms.NullBooleanField(
        label=_("Direct worker"),
        required=False,
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )

    def __init__(self, *args, units=None, award_types=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        self.fields["award_type"].queryset = award_types


class NominationForm(forms.Form):
    org = UnitChoiceField(label=_("Proposing unit"), queryset=None)
    award_type = forms.ModelChoiceField(label=_("Award type"), queryset=None)
    year = YearField()
    kind = forms.ChoiceField(label=_("Kind"), choices=NominationKind.choices)
    member = forms.ModelChoiceField(label=_("Member"), queryset=None, required=False)
    nominee_org = UnitChoiceField(label=_("Collective"), queryset=None, required=False)
    achievements = forms.CharField(
        label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, units=None, award_types=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        self.fields["nominee_org"].queryset = units
        self.fields["award_type"].queryset = award_types
        self.fields["member"].queryset = members


class BulkNominationForm(forms.Form):
    org = UnitChoiceField(label=_("Proposing unit"), queryset=None)
    award_type = forms.ModelChoiceField(label=_("Award type"), queryset=None)
    year = YearField()
    q = forms.CharField(label=_("Find members by name"), required=False, max_length=100)
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, units=None, award_types=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        self.fields["award_type"].queryset = award_types
        self.fields["members"].queryset = members


class EditNominationForm(forms.Form):
    version = VersionField()
    achievements = forms.CharField(
        label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.code}"] = forms.DecimalField(
                label=f"{criterion.code}. {criterion.name}",
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                decimal_places=2,
                help_text=_("At most %(max)s points") % {"max": criterion.max_points},
            )

    def scores(self):
        return {
            c.code: self.cleaned_data[f"score_{c.code}"]
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.code}") is not None
        }


class DossierUploadForm(forms.Form):
    part = forms.ChoiceField(label=_("Dossier part"))
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = list(parts)


class ReturnForm(forms.Form):
    version = VersionField()
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AppraiseForm(EditNominationForm):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["achievements"]
        self.parts = list(parts)
        for code, label in self.parts:
            self.fields[f"check_{code}"] = forms.BooleanField(label=label, required=False)

    def checklist(self):
        return {code: bool(self.cleaned_data.get(f"check_{code}")) for code, _label in self.parts}


class QuotaForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Sub-allocate from"), queryset=None, required=False, empty_label=_("—")
    )
    award_type = forms.ModelChoiceField(label=_("Award type"), queryset=None, required=False)
    year = YearField(required=False)
    org = UnitChoiceField(label=_("Holding unit"), queryset=None)
    granted_by_org = UnitChoiceField(label=_("Granted by"), queryset=None, required=False)
    count = forms.IntegerField(label=_("Places"), min_value=0, max_value=100_000)
    min_direct_worker_share = forms.DecimalField(
        label=_("Minimum share of direct workers"),
        min_value=0,
        max_value=1,
        decimal_places=3,
        required=False,
    )

    def __init__(self, *args, parents=None, award_types=None, units=None, granting=None, **kw):
        super().__init__(*args, **kw)
        self.fields["parent"].queryset = parents
        self.fields["award_type"].queryset = award_types
        self.fields["org"].queryset = units
        self.fields["granted_by_org"].queryset = granting


class WorkplaceAwardForm(forms.Form):
    org = UnitChoiceField(label=_("Unit"), queryset=None)
    member = forms.ModelChoiceField(label=_("Member"), queryset=None)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    period_label = forms.CharField(label=_("Period label"), max_length=50)
    period_start = forms.DateField(label=_("Period starts on"), widget=dmy_date_input())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    amount = forms.IntegerField(label=_("Amount (VND)"), min_value=0, initial=0)

    def __init__(self, *args, units=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        self.fields["member"].queryset = members
