"""Forms of the reporting pages. They check the shape of the input; the rules live in services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.documents.uploads import ACCEPT_ATTRIBUTE
from thidua.organizations.forms import DATE_PLACEHOLDER, UnitChoiceField, VersionField
from thidua.reporting.figures import COUNTS, MAX_VALUE
from thidua.reporting.models import Period

# Service error fields (API names) that a page form calls differently.
FIELD_ALIASES = {"org_id": "org", "movement_id": "movement", "document_id": "document"}


def apply_errors(form, exc):
    """Show a service's ``DomainError`` on the form: per field where it can."""
    if not exc.errors:
        form.add_error(None, str(exc.detail))
        return
    for error in exc.errors:
        field = str(error.get("field", ""))
        name = FIELD_ALIASES.get(field, field.removeprefix("figures."))
        if name.startswith("targets."):
            name = "__all__"
        form.add_error(name if name in form.fields else None, str(error.get("message")))


class RoundForm(forms.Form):
    org = UnitChoiceField(queryset=None, label=_("Asking unit"))
    title = forms.CharField(label=_("Title"), max_length=300)
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(
        queryset=None,
        label=_("Movement"),
        required=False,
        help_text=_("For a movement's mid-term or final review only."),
    )
    due_on = forms.DateField(label=_("Due on"))

    def __init__(self, *args, units, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        self.fields["movement"].queryset = movements
        self.fields["year"].initial = timezone.localdate().year
        self.fields["due_on"].widget.attrs.update(
            placeholder=DATE_PLACEHOLDER, autocomplete="off", inputmode="numeric"
        )
        if units.count() == 1:
            self.fields["org"].initial = units.first().pk


class ReportForm(forms.Form):
    """The narrative, the counts, each movement target's result and the signed report."""

    content = forms.CharField(
        label=_("Report"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=50_000,
        help_text=_("Results, shortcomings and the direction for the next period."),
    )
    document = forms.ModelChoiceField(
        queryset=None,
        label=_("Signed report from the archive"),
        required=False,
        help_text=_("A document of your unit already in the archive."),
    )
    upload = forms.FileField(
        label=_("or upload the signed report"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    version = VersionField()

    def __init__(self, *args, targets=(), documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in COUNTS.items():
            self.fields[key] = forms.IntegerField(
                label=label, min_value=0, max_value=MAX_VALUE, initial=0
            )
        self.targets = list(targets)
        for index, target in enumerate(self.targets):
            unit = f" ({target['unit']})" if target.get("unit") else ""
            self.fields[f"target_{index}"] = forms.DecimalField(
                label=f"{target['name']}{unit}",
                help_text=_("Target: %(value)s") % {"value": target["target_value"]},
                min_value=0,
                max_digits=16,
                decimal_places=2,
                required=False,
            )
        self.fields["document"].queryset = documents
        self.order_fields(
            ["content", *COUNTS, *[f"target_{i}" for i in range(len(self.targets))], "document"]
        )

    @property
    def count_fields(self):
        return [self[key] for key in COUNTS]

    @property
    def target_fields(self):
        return [self[f"target_{i}"] for i in range(len(self.targets))]

    def figures(self):
        """The cleaned data as the service's ``figures`` object."""
        data = self.cleaned_data
        figures = {key: data[key] for key in COUNTS}
        results = []
        for index, target in enumerate(self.targets):
            value = data.get(f"target_{index}")
            if value is not None:
                number = int(value) if value == value.to_integral_value() else float(value)
                results.append({"name": target["name"], "result": number})
        if self.targets:
            figures["targets"] = results
        return figures


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What the unit should correct"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    version = VersionField()


class AggregateForm(forms.Form):
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, initial="Chủ tịch")
