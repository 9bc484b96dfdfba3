"""Forms of the archive pages; the services do the checking that matters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.documents.models import DocumentType, Retention
from thidua.documents.uploads import ACCEPT_ATTRIBUTE
from thidua.organizations.models import OrgUnit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * max(obj.depth - 1, 0)}{obj.name}"


class DocumentForm(forms.Form):
    org = UnitChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    doc_type = forms.ModelChoiceField(
        queryset=DocumentType.objects.filter(active=True), label=_("Document type")
    )
    title = forms.CharField(label=_("Title (summary of content)"), max_length=500)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    recipients = forms.CharField(
        label=_("Recipients"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    retention = forms.ChoiceField(
        label=_("Retention"), choices=Retention.choices, initial=Retention.YEARS_10
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, JPG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units


class EditDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title (summary of content)"), max_length=500)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    recipients = forms.CharField(
        label=_("Recipients"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    retention = forms.ChoiceField(label=_("Retention"), choices=Retention.choices)
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, required=False)


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("Issue date"))
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE})
    )


class RegisterForm(forms.Form):
    org = UnitChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units


class SigningCertificateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    file = forms.FileField(label=_("PKCS#12 file (.p12, .pfx)"))
    password = forms.CharField(
        label=_("Password of the file"), required=False, widget=forms.PasswordInput
    )


class IssuerSettingsForm(forms.Form):
    per_type_series = forms.BooleanField(
        label=_("Separate number series per document type"), required=False
    )
    signing_certificate = forms.ModelChoiceField(
        queryset=None, label=_("Signing certificate"), required=False
    )

    def __init__(self, *args, certificates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signing_certificate"].queryset = certificates


class TrustAnchorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    certificate = forms.FileField(label=_("Root certificate (.pem, .crt, .cer)"), required=False)
    certificate_pem = forms.CharField(
        label=_("Or paste the PEM text"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("certificate") and not cleaned.get("certificate_pem"):
            raise forms.ValidationError(_("Upload the certificate file or paste its PEM text."))
        return cleaned
