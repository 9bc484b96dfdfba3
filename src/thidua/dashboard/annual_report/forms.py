from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.dashboard.annual_report.service import MAX_DIRECTIONS, MAX_SIGNER


class AnnualReportForm(forms.Form):
    """What the officer gives before generating; the service checks the rules."""

    year = forms.IntegerField(
        label=_("Year of the report"),
        error_messages={
            "required": _("Enter the year of the report."),
            "invalid": _("Enter a year such as 2026."),
        },
    )
    directions = forms.CharField(
        label=_("Directions and tasks for next year"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_DIRECTIONS,
        help_text=_(
            "Section VI of the report. One paragraph per line; start a line with “- ” for a bullet."
        ),
        error_messages={"required": _("Write the directions and tasks for next year.")},
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=MAX_SIGNER)
    signer_title = forms.CharField(
        label=_("Title of the signer"), max_length=MAX_SIGNER, required=False
    )
