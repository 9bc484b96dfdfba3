"""Forms of the decision pages; the services validate the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.decisions.models import RevocationReason


def apply_errors(form, exc):
    """Show a service's error on the form: per field where it can, else on the form."""
    placed = False
    for error in exc.errors:
        field = error.get("field")
        name = {"nomination_ids": "nominations", "org_id": "org"}.get(field, field)
        if name in form.fields:
            form.add_error(name, str(error.get("message")))
            placed = True
    if not placed:
        form.add_error(None, str(exc.detail))


class NominationChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, nomination):
        unit = nomination.member.org.name if nomination.member_id else nomination.org.name
        return (
            f"{nomination.nominee_name} — {unit} — {nomination.award_type.name} ({nomination.year})"
        )


class DecisionForm(forms.Form):
    nominations = NominationChoice(
        label=_("Approved nominations"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one approved nomination.")},
    )
    signed_on = forms.DateField(label=_("Signed on"))
    signer_name = forms.CharField(label=_("Signer"), max_length=150)
    signer_title = forms.CharField(
        label=_("Signer's title"), max_length=150, help_text=_("e.g. Chủ tịch, Phó Chủ tịch")
    )

    def __init__(self, *args, nominations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RevocationReason.choices)
    detail = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    revocation_number = forms.CharField(label=_("Revocation decision number"), max_length=60)
    revoked_on = forms.DateField(label=_("Revocation decided on"))
    amount_recovered = forms.IntegerField(
        label=_("Amount recovered (VND)"), min_value=0, required=False
    )


class SignedPdfForm(forms.Form):
    file = forms.FileField(label=_("Signed PDF"))
