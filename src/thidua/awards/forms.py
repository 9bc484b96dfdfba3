"""Forms of the catalogue, base salary, initiative and history import pages."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import Audience, AwardType, DossierPart
from thidua.organizations.models import Member

PART_CHOICES = DossierPart.choices


class AwardTypeForm(forms.ModelForm):
    """The award type's fields; the rubric is one criterion per line: code | name | points |
    required (có/không) | audience (all, direct_worker, non_leader)."""

    required_dossier_parts = forms.MultipleChoiceField(
        label=gettext_lazy("Dossier parts"),
        choices=PART_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    simplified_parts = forms.MultipleChoiceField(
        label=gettext_lazy("Dossier parts (simplified procedure)"),
        choices=PART_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    criteria_text = forms.CharField(
        label=gettext_lazy("Criteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "One criterion per line: code | name | maximum points | required (có/không) | "
            "audience (all, direct_worker, non_leader)."
        ),
    )

    class Meta:
        model = AwardType
        fields = [
            "code",
            "name",
            "category",
            "subject",
            "issuing_level",
            "amount_coefficient",
            "vote_threshold",
            "vote_base",
            "quorum",
            "secret_ballot",
            "min_score",
            "quota_limited",
            "required_dossier_parts",
            "simplified_parts",
            "share_cap",
            "share_cap_base",
            "description",
            "order",
            "active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["criteria_text"] = "\n".join(
                " | ".join(
                    [
                        c.code,
                        c.name,
                        f"{c.max_points:g}",
                        "có" if c.required else "không",
                        c.audience,
                    ]
                )
                for c in self.instance.criteria.all()
            )

    def clean_criteria_text(self):
        criteria = []
        for number, line in enumerate(self.cleaned_data["criteria_text"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3:
                raise forms.ValidationError(
                    _("Line %(n)d: write at least code | name | points.") % {"n": number}
                )
            try:
                points = Decimal(parts[2].replace(",", "."))
            except InvalidOperation as exc:
                raise forms.ValidationError(
                    _("Line %(n)d: the points are not a number.") % {"n": number}
                ) from exc
            required = len(parts) > 3 and parts[3].casefold() in {"có", "co", "x", "1", "yes"}
            audience = parts[4] if len(parts) > 4 and parts[4] else Audience.ALL
            criteria.append(
                {
                    "code": parts[0],
                    "name": parts[1],
                    "max_points": points,
                    "required": required,
                    "audience": audience,
                    "order": number,
                }
            )
        return criteria


class BaseSalaryForm(forms.Form):
    amount = forms.IntegerField(label=gettext_lazy("Amount (VND)"), min_value=1)
    effective_from = forms.DateField(label=gettext_lazy("In force from"))
    note = forms.CharField(label=gettext_lazy("Legal basis"), max_length=255, required=False)


class InitiativeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=500)
    authors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Authors"), queryset=Member.objects.none()
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    applied_from = forms.DateField(label=gettext_lazy("Applied from"), required=False)
    benefit_value = forms.IntegerField(
        label=gettext_lazy("Benefit value (VND)"), min_value=0, required=False
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = Member.objects.filter(
            org_path__startswith=org.path, active=True
        ).in_vietnamese_order()


class RecognizeForm(forms.Form):
    recognized_on = forms.DateField(label=gettext_lazy("Recognised on"))


class HistoryImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
