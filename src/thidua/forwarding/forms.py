"""Forms of the forwarding pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.organizations.forms import dmy_date_input


class UpperResultForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("Upper level's result"),
        choices=[("1", _("Approved")), ("0", _("Rejected"))],
        coerce=lambda value: value == "1",
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    decided_on = forms.DateField(
        label=_("Decided on"),
        required=False,
        widget=dmy_date_input(),
    )
    reason = forms.CharField(
        label=_("Reason (when rejected)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_decided_on(self):
        value = self.cleaned_data.get("decided_on")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return value


class PackageUploadForm(forms.Form):
    org = forms.ModelChoiceField(label=_("Receiving unit"), queryset=None)
    file = forms.FileField(label=_("Package (ZIP)"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        if units.count() == 1:
            self.fields["org"].initial = units.first()


class FollowFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    award_type = forms.ModelChoiceField(label=_("Award type"), queryset=None, required=False)

    def __init__(self, *args, award_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = award_types
