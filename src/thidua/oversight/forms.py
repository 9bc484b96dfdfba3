"""Forms of the oversight pages: the shape of the input; the rules live in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.organizations.forms import UnitChoiceField, VersionField, _date_attrs
from thidua.oversight.models import InspectionTopic

FIELD_ALIASES = {"org_id": "org", "team_ids": "team", "member_id": "member"}


def apply_errors(form, exc):
    """Show a service's error on the form: per field where it can, else on the form."""
    if not exc.errors:
        form.add_error(None, str(exc.detail))
        for reason in exc.reasons:
            form.add_error(None, str(reason))
        return
    for error in exc.errors:
        field = str(error.get("field", ""))
        name = FIELD_ALIASES.get(field, field)
        if name.startswith("recommendations"):
            name = "recommendations"
        form.add_error(name if name in form.fields else None, str(error.get("message")))


class DatedForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_attrs(self)


class InspectionForm(DatedForm):
    org = UnitChoiceField(label=_("Inspected unit"), queryset=None)
    planned_on = forms.DateField(label=_("Planned on"))
    topic = forms.ChoiceField(label=_("Topic"), choices=InspectionTopic.choices)
    topic_detail = forms.CharField(
        label=pgettext_lazy("inspection topic", "Subject"), max_length=300, required=False
    )
    team = forms.ModelMultipleChoiceField(
        label=_("Team"),
        queryset=None,
        required=False,
        help_text=_("Inspectors or sector staff; by default yourself."),
    )

    def __init__(self, *args, units, team_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        self.fields["team"].queryset = team_choices


class FindingsForm(DatedForm):
    held_on = forms.DateField(label=pgettext_lazy("inspection", "Held on"))
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 6}))
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One recommendation per line."),
    )
    follow_up_due_on = forms.DateField(
        label=_("Follow-up due on"),
        required=False,
        help_text=_("The date by which the unit answers the recommendations."),
    )
    version = VersionField()


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("The unit's response"), widget=forms.Textarea(attrs={"rows": 3})
    )


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("linked record", "Record"),
        choices=[
            ("nomination", _("Nomination (e.g. a false dossier)")),
            ("exemplar", _("Exemplar")),
        ],
    )
    record_id = forms.IntegerField(label=_("Record number"), min_value=1, max_value=2**63 - 1)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class ExemplarForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None, required=False)
    org = UnitChoiceField(label=_("Or a collective"), queryset=None, required=False, base_depth=3)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    story = forms.CharField(
        label=_("What the inspection found"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, members, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["org"].queryset = units


class CourseForm(DatedForm):
    org = UnitChoiceField(label=_("Organising unit"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    held_on = forms.DateField(label=pgettext_lazy("training course", "Held on"))
    organiser = forms.CharField(label=_("Organised by"), max_length=300, required=False)
    content = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    counts_for_indicator = forms.BooleanField(
        label=_("Counts for the training indicator"), required=False, initial=True
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units


class DeadlineForm(DatedForm):
    due_on = forms.DateField(label=_("Officers trained by"))
