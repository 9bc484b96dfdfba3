from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.organizations.forms import VersionField
from thidua.privacy.services import MAX_REASON


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the member's request of 12/03/2026, or the end of retention."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the member's personal data will be replaced for good."),
        required=True,
    )
    version = VersionField()
