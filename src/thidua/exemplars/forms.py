"""Forms of the exemplar, news and library pages: the shape of the input; the rules live in
``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.documents.uploads import ACCEPT_ATTRIBUTE
from thidua.exemplars.models import ExemplarSource, ExemplarStatus, HonorHow, LibraryCategory
from thidua.organizations.forms import UnitChoiceField, VersionField, _date_attrs

FIELD_ALIASES = {
    "org_id": "org",
    "member_id": "member",
    "owner_org_id": "owner_org",
    "movement_id": "movement",
    "note": "note",
}


def apply_errors(form, exc):
    """Show a service's error on the form (per field where it can)."""
    if not exc.errors:
        form.add_error(None, str(exc.detail))
        return
    for error in exc.errors:
        name = FIELD_ALIASES.get(str(error.get("field", "")), str(error.get("field", "")))
        form.add_error(name if name in form.fields else None, str(error.get("message")))


def _units(field, units):
    field.queryset = units
    field.base_depth = min((u.depth for u in units[:1]), default=1)


class ExemplarFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ExemplarStatus.choices]
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All")), *ExemplarSource.choices]
    )
    org = UnitChoiceField(label=_("Unit"), queryset=None, required=False, empty_label=_("All"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self.fields["org"], units)


class ExemplarForm(forms.Form):
    """A found exemplar: a member (chosen by their code or from the unit) or a collective."""

    owner_org = UnitChoiceField(label=_("Recording unit"), queryset=None)
    kind = forms.ChoiceField(
        label=_("Exemplar"),
        choices=[("member", _("A member")), ("collective", _("A collective"))],
        widget=forms.RadioSelect,
        initial="member",
    )
    member = forms.ModelChoiceField(
        label=_("Member"), queryset=None, required=False, empty_label=_("Choose a member")
    )
    org = UnitChoiceField(label=_("Collective"), queryset=None, required=False)
    source = forms.ChoiceField(label=_("How it was found"), choices=ExemplarSource.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    story = forms.CharField(label=_("Story"), widget=forms.Textarea(attrs={"rows": 6}))
    achievements = forms.CharField(
        label=_("Achievements"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    movement = forms.ModelChoiceField(
        label=_("Movement"), queryset=None, required=False, empty_label=_("None")
    )

    def __init__(self, *args, units=None, members=None, movements=None, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self.fields["owner_org"], units)
        _units(self.fields["org"], units)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: f"{m.full_name} — {m.org.name}"
        self.fields["movement"].queryset = movements

    def clean(self):
        data = super().clean()
        if data.get("kind") == "member":
            data["org"] = None
            if not data.get("member"):
                self.add_error("member", _("Choose the member."))
        else:
            data["member"] = None
            if not data.get("org"):
                self.add_error("org", _("Choose the collective."))
        return data


class ProposeForm(forms.Form):
    note = forms.CharField(
        label=_("Why is this member exemplary?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
    )


class VerifyForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = VersionField()


class HonorForm(forms.Form):
    honored_on = forms.DateField(label=_("Honoured on"))
    how = forms.ChoiceField(label=_("Honoured by"), choices=HonorHow.choices)
    note = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    award_reference = forms.CharField(
        label=_("Award or decision reference"), required=False, max_length=200
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_attrs(self)


class PublishForm(forms.Form):
    publish = forms.BooleanField(label=_("Publish on the public showcase"), required=False)
    public_name = forms.CharField(
        label=_("Public name"),
        required=False,
        max_length=200,
        help_text=_("As it may be shown to anyone, e.g. “Điều dưỡng Nguyễn Thị A, Khoa Hồi sức”."),
    )
    public_story = forms.CharField(
        label=_("Public story"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Nothing personal beyond what the person agreed to publish."),
    )
    public_photos = forms.ModelMultipleChoiceField(
        label=_("Photos to publish"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = VersionField()

    def __init__(self, *args, photos=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_photos"].queryset = photos
        self.fields["public_photos"].label_from_instance = lambda d: d.title


class ReplicationForm(forms.Form):
    org = UnitChoiceField(label=_("Our unit"), queryset=None)
    adopted_on = forms.DateField(label=_("Adopted on"))
    how = forms.CharField(
        label=_("How we replicated it"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(
        label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self.fields["org"], units)
        _date_attrs(self)


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A photo (JPG, PNG) or a document (PDF, Word)."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )


class NewsForm(forms.Form):
    org = UnitChoiceField(label=_("Publishing unit"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    exemplar = forms.ModelChoiceField(
        label=_("About the exemplary model"), queryset=None, required=False, empty_label=_("None")
    )
    version = VersionField()

    def __init__(self, *args, units=None, exemplars=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self.fields["org"], units)
        self.fields["exemplar"].queryset = exemplars
        if editing:
            del self.fields["org"]


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *LibraryCategory.choices]
    )


class LibraryForm(forms.Form):
    org = UnitChoiceField(label=_("Publishing unit"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=500)
    category = forms.ChoiceField(label=_("Category"), choices=LibraryCategory.choices)
    reference_number = forms.CharField(label=_("Number and symbol"), required=False, max_length=100)
    issued_on = forms.DateField(label=_("Issued on"), required=False)
    issuer = forms.CharField(label=_("Issued by"), required=False, max_length=255)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self.fields["org"], units)
        _date_attrs(self)
