"""Forms of the catalogue, eligibility rules, base salary, initiative, assessment and import
pages."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from thidua.awards.eligibility import PARAMS, applicable_kinds
from thidua.awards.models import (
    SHARE_BASE_AWARD_PREFIX,
    SHARE_BASE_MEMBERS,
    Audience,
    AwardType,
    DisciplineLevel,
    DossierPart,
    RuleKind,
    TaskRating,
)
from thidua.core.import_jobs import XlsxImportForm
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
    title = forms.CharField(label=pgettext_lazy("initiative", "Title"), max_length=500)
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


class HistoryImportForm(XlsxImportForm):
    """The award history spreadsheet: size and type (from the content) checked."""


class AssessmentImportForm(HistoryImportForm):
    pass


class DisciplineForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("Measure"), choices=DisciplineLevel.choices)
    decided_on = forms.DateField(label=gettext_lazy("Decided on"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=255, required=False)


# Parameters given in percent on the form and stored as fractions (0 to 1).
PERCENT_PARAMS = ("cap", "min_share")


def _kinds_using(name):
    return sorted(kind for kind, spec in PARAMS.items() if name in spec)


class EligibilityRuleForm(forms.Form):
    """A rule: its kind, the parameters that kind uses (the others are ignored), the message.

    Each parameter field carries ``kinds``: the rule kinds that use it (shown or hidden by
    ``awards/rule_form.js``). The kind of an existing rule cannot change.
    """

    kind = forms.ChoiceField(label=gettext_lazy("Kind of condition"))
    months = forms.IntegerField(
        label=gettext_lazy("Months"), min_value=0, max_value=10_000, required=False
    )
    award_code = forms.ChoiceField(label=gettext_lazy("Award"), required=False)
    years = forms.IntegerField(
        label=gettext_lazy("Consecutive years"), min_value=1, max_value=100, required=False
    )
    include_current = forms.BooleanField(
        label=gettext_lazy("Including the year of the proposal"), required=False
    )
    years_back = forms.IntegerField(
        label=gettext_lazy("Years back"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=gettext_lazy(
            "0: the year of the proposal only; 1: that year and the one before."
        ),
    )
    or_task_rating = forms.ChoiceField(
        label=gettext_lazy("Or a task rating of at least"), required=False
    )
    min_level = forms.ChoiceField(
        label=gettext_lazy("Discipline from the level"),
        choices=[("", gettext_lazy("Reprimand (default)")), *DisciplineLevel.choices],
        required=False,
    )
    max_days = forms.IntegerField(
        label=gettext_lazy("Most days of absence"), min_value=0, max_value=366, required=False
    )
    rating = forms.ChoiceField(
        label=gettext_lazy("Task rating of at least"),
        choices=[("", "---------"), *TaskRating.choices],
        required=False,
    )
    task_rating = forms.ChoiceField(label=gettext_lazy("Members rated at least"), required=False)
    cap = forms.DecimalField(
        label=gettext_lazy("Share cap (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
        help_text=gettext_lazy("Blank: the share cap of the award type."),
    )
    base = forms.ChoiceField(label=gettext_lazy("Share of"), required=False)
    min_share = forms.DecimalField(
        label=gettext_lazy("Minimum share (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
    )
    strictly_more = forms.BooleanField(label=gettext_lazy("Strictly more than"), required=False)
    min_count = forms.IntegerField(
        label=gettext_lazy("Minimum number of members"),
        min_value=1,
        max_value=10_000,
        required=False,
    )
    message = forms.CharField(
        label=gettext_lazy("Custom message"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Replaces the built-in reason when the condition fails; may use the values of the "
            "condition, e.g. %(days)d or %(year)d."
        ),
    )
    order = forms.IntegerField(label=gettext_lazy("Order"), min_value=0, initial=0, required=False)
    active = forms.BooleanField(label=gettext_lazy("Applied"), required=False, initial=True)

    def __init__(self, *args, award_type, rule=None, **kwargs):
        if rule is not None and not kwargs.get("initial"):
            kwargs["initial"] = self.initial_for(rule)
        super().__init__(*args, **kwargs)
        self.rule = rule
        kinds = applicable_kinds(award_type) - {RuleKind.ACTIVE_MEMBER_IN_SUBTREE}
        self.fields["kind"].choices = [("", "---------")] + [
            (value, label) for value, label in RuleKind.choices if value in kinds
        ]
        if rule is not None:
            self.fields["kind"].choices = [(rule.kind, rule.get_kind_display())]
            self.fields["kind"].disabled = True
            self.fields["kind"].initial = rule.kind
        awards = [(a.code, f"{a.code}: {a.name}") for a in AwardType.objects.order_by("order")]
        blank = [("", "---------")]
        self.fields["award_code"].choices = blank + awards
        ratings = blank + list(TaskRating.choices)
        self.fields["or_task_rating"].choices = ratings
        self.fields["task_rating"].choices = ratings
        self.fields["base"].choices = [
            ("", gettext_lazy("The base of the award type")),
            (SHARE_BASE_MEMBERS, gettext_lazy("Active members")),
        ] + [
            (f"{SHARE_BASE_AWARD_PREFIX}{code}", _("Holders of %(award)s") % {"award": label})
            for code, label in awards
        ]
        for name in self.param_names():
            self.fields[name].kinds = " ".join(_kinds_using(name))

    @staticmethod
    def param_names():
        return sorted({name for spec in PARAMS.values() for name in spec})

    @staticmethod
    def initial_for(rule):
        initial = {"kind": rule.kind, "message": rule.message, "order": rule.order}
        initial["active"] = rule.active
        for name, value in (rule.params or {}).items():
            if name in PERCENT_PARAMS:
                try:
                    value = Decimal(str(value)) * 100
                except InvalidOperation:
                    continue
            initial[name] = value
        return initial

    def params_fields(self):
        """The parameter fields (bound), for the template."""
        return [self[name] for name in self.param_names()]

    def other_fields(self):
        return [self[name] for name in ("message", "order", "active")]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind not in PARAMS:
            return data
        params = {}
        for name, (expected, required) in PARAMS[kind].items():
            value = data.get(name)
            if expected == "bool":
                if value:
                    params[name] = True
                continue
            if value is None or value == "":
                if required:
                    self.add_error(name, _("This field is required."))
                continue
            if name in PERCENT_PARAMS:
                value = str((value / 100).normalize())
            params[name] = value
        data["params"] = params
        return data
