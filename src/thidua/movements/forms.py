"""Forms of the movement pages: the shape of the input; the rules live in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.import_jobs import XlsxImportForm
from thidua.movements.models import MovementKind, MovementStatus
from thidua.organizations.forms import UnitChoiceField, VersionField, _date_attrs
from thidua.organizations.models import EmployerType

FIELD_ALIASES = {
    "org_id": "org",
    "audience": "audience_employer_types",
    "audience.employer_types": "audience_employer_types",
    "document_id": "document",
    "final_review_document_id": "final_review_document",
}
MOVEMENT_TEXT_HELP = _("One item per line; a line starting with “-” prints as a bullet.")


def apply_errors(form, exc, formset=None):
    """Show a service's error on the form (per field where it can; targets on the formset)."""
    if not exc.errors:
        form.add_error(None, str(exc.detail))
        return
    for error in exc.errors:
        field = str(error.get("field", ""))
        message = str(error.get("message"))
        if field.startswith("targets") and formset is not None:
            formset_errors = formset.non_form_errors()
            formset_errors.append(message)
            formset._non_form_errors = formset_errors
            continue
        name = FIELD_ALIASES.get(field, field)
        form.add_error(name if name in form.fields else None, message)


class MovementFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=9999)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *MovementStatus.choices]
    )
    org = UnitChoiceField(label=_("Unit"), queryset=None, required=False, empty_label=_("All"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        base = min((u.depth for u in units[:1]), default=1) if units is not None else 1
        self.fields["org"].base_depth = base


class MovementForm(forms.Form):
    org = UnitChoiceField(label=_("Launching unit"), queryset=None)
    title = forms.CharField(label=pgettext_lazy("movement", "Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=MovementKind.choices)
    audience_employer_types = forms.MultipleChoiceField(
        label=_("Audience"),
        choices=EmployerType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every grassroots union below the launching unit."),
    )
    objectives = forms.CharField(
        label=_("Objectives and requirements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MOVEMENT_TEXT_HELP,
    )
    scope = forms.CharField(
        label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    participants = forms.CharField(
        label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    content = forms.CharField(
        label=pgettext_lazy("movement", "Content"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MOVEMENT_TEXT_HELP,
    )
    measures = forms.CharField(
        label=_("Measures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MOVEMENT_TEXT_HELP,
    )
    starts_on = forms.DateField(label=_("Starts on"))
    ends_on = forms.DateField(label=_("Ends on"))
    plan_due_on = forms.DateField(label=_("Plans due on"), required=False)
    midterm_review_due_on = forms.DateField(label=_("Mid-term review due on"), required=False)
    final_review_due_on = forms.DateField(label=_("Final review due on"), required=False)
    version = VersionField()

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["org"]
        else:
            self.fields["org"].queryset = units
        _date_attrs(self)


class AmendForm(MovementForm):
    reason = forms.CharField(
        label=_("Reason for the amendment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the movement's history and sent to the units."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["audience_employer_types"]


class TargetForm(forms.Form):
    name = forms.CharField(label=_("Target"), max_length=300)
    target_value = forms.DecimalField(
        label=_("Value"), min_value=0, max_digits=16, decimal_places=2, localize=True
    )
    unit = forms.CharField(label=_("Unit of measure"), max_length=50, required=False)


TargetFormSet = forms.formset_factory(TargetForm, extra=2, can_delete=True, max_num=50)


class LaunchForm(forms.Form):
    as_cong_van = forms.BooleanField(
        label=_("Issue as an official letter (công văn) instead of a plan (KH)"), required=False
    )
    confirm = forms.BooleanField(
        label=_("I have read the warnings and launch the movement anyway"), required=False
    )
    version = VersionField()


class CloseForm(forms.Form):
    final_review_summary = forms.CharField(
        label=_("Final review"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Results against the targets, exemplars found, lessons learnt."),
    )
    reviewed_on = forms.DateField(label=_("Reviewed on"))
    final_review_document = forms.ModelChoiceField(
        label=_("Final review document"), queryset=None, required=False
    )
    version = VersionField()

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["final_review_document"].queryset = documents
        _date_attrs(self)


class PlanSubmitForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the unit's plan"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the unit will do, with its own targets and dates."),
    )
    file = forms.FileField(
        label=_("Plan document"),
        required=False,
        help_text=_("The signed plan (PDF, Word); it is filed in your unit's documents."),
    )
    document = forms.ModelChoiceField(
        label=_("Or choose a document already filed"), queryset=None, required=False
    )
    version = VersionField()

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents

    def clean(self):
        data = super().clean()
        if data.get("file") and data.get("document"):
            raise forms.ValidationError(_("Upload a file or choose a document, not both."))
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning the plan"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField()


class PledgeImportForm(XlsxImportForm):
    """The pledge spreadsheet: size and type (from the content) checked."""
