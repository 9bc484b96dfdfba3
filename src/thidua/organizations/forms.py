"""Forms of the union pages. They check the shape of the input; the rules live in ``services``."""

import datetime

from django import forms
from django.db.models import Count, Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from thidua.core.pagination import capped_count
from thidua.organizations.models import EmployerType, Gender, Member, OrgKind, OrgUnit

DATE_PLACEHOLDER = _("dd/mm/yyyy")
# Most options a unit select renders (see ``ShallowUnitsIterator``).
UNIT_OPTION_LIMIT = 2000
# Service error fields (API names) that a page form calls differently.
FIELD_ALIASES = {"parent_id": "new_parent", "org_id": "org", "member_id": "member"}


def dmy_date_input():
    """The dd/mm/yyyy text input of a date field declared outside a form using ``_date_attrs``."""
    return forms.DateInput(
        attrs={"placeholder": DATE_PLACEHOLDER, "autocomplete": "off", "inputmode": "numeric"}
    )


def _date_attrs(form):
    """dd/mm/yyyy dates: a text input with a placeholder (the format module parses it)."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget.attrs.setdefault("placeholder", DATE_PLACEHOLDER)
            field.widget.attrs.setdefault("autocomplete", "off")
            field.widget.attrs.setdefault("inputmode", "numeric")


def apply_errors(form, exc):
    """Show a service's ``InvalidInput``/``DomainError`` on the form: per field where it can."""
    if not exc.errors:
        form.add_error(None, str(exc.detail))
        return
    for error in exc.errors:
        name = FIELD_ALIASES.get(error.get("field"), error.get("field"))
        form.add_error(name if name in form.fields else None, str(error.get("message")))


class VersionField(forms.IntegerField):
    """The version the user started editing; a stale one is refused by the service."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, **kwargs)


class ShallowUnitsIterator(ModelChoiceIterator):
    """The options of a ``UnitChoiceField``: every unit when they are at most ``option_limit``,
    else the upper levels of the tree that fit in the limit, plus the chosen unit.

    A Confederation-level select would otherwise render 300,000 options (seconds per page);
    the field still accepts any unit of its queryset.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in self._shown():
            yield self.choice(unit)

    def __len__(self):
        return len(list(iter(self)))

    def _shown(self):
        queryset, limit = self.queryset, self.field.option_limit
        if limit is None or capped_count(queryset, limit) < limit:
            return queryset
        per_depth = queryset.order_by().values_list("depth").annotate(n=Count("pk"))
        deepest, total = 0, 0
        for depth, count in sorted(per_depth):
            total += count
            if total > limit:
                break
            deepest = depth
        chosen = self.field.chosen
        return queryset.filter(
            Q(depth__lte=deepest) | Q(pk=chosen if str(chosen or "").isdigit() else None)
        )


class UnitChoiceField(forms.ModelChoiceField):
    """A unit select whose labels show the depth in the tree (the upper levels only when the
    units are many: ``ShallowUnitsIterator``)."""

    iterator = ShallowUnitsIterator

    def __init__(self, *args, base_depth=1, option_limit=UNIT_OPTION_LIMIT, **kwargs):
        self.base_depth = base_depth
        self.option_limit = option_limit
        self.chosen = None
        super().__init__(*args, **kwargs)

    def get_bound_field(self, form, field_name):
        bound = super().get_bound_field(form, field_name)
        self.chosen = bound.value()
        return bound

    def label_from_instance(self, obj):
        indent = "\u2003" * max(obj.depth - self.base_depth, 0)
        inactive = "" if obj.active else f" ({_('inactive')})"
        return f"{indent}{obj.name}{inactive}"


class TreeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Find a unit"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or code")}),
    )
    inactive = forms.BooleanField(label=_("Show inactive units"), required=False)


class OrgForm(forms.ModelForm):
    """A unit's own data; its kind is limited to what may sit under ``parent``."""

    version = VersionField()

    class Meta:
        model = OrgUnit
        fields = [
            "kind",
            "code",
            "name",
            "short_name",
            "symbol",
            "employer_type",
            "place",
            "address",
            "email",
            "phone",
        ]

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in map(OrgKind, kinds)]
        self.fields["employer_type"].choices = [("", _("Choose…")), *EmployerType.choices]
        self.fields["employer_type"].help_text = _("Required for a grassroots union.")
        self.fields["symbol"].help_text = _("Used in document numbers, e.g. CĐN in 36/KH-CĐN.")
        if len(self.fields["kind"].choices) == 1:
            self.fields["kind"].initial = self.fields["kind"].choices[0][0]

    def clean(self):
        data = super().clean()
        if data.get("kind") == OrgKind.GRASSROOTS_UNION and not data.get("employer_type"):
            self.add_error("employer_type", _("A grassroots union needs an employer type."))
        return data

    def _post_clean(self):
        # Uniqueness and the rest are the service's job; the bare instance has no tree position.
        pass


class OrgMoveForm(forms.Form):
    new_parent = UnitChoiceField(
        queryset=OrgUnit.objects.none(), label=_("New parent unit"), empty_label=_("Choose a unit")
    )
    version = VersionField()

    def __init__(self, *args, parents=None, base_depth=1, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["new_parent"].queryset = parents
        self.fields["new_parent"].base_depth = base_depth


MEMBER_FIELDS = [
    "org",
    "full_name",
    "gender",
    "code",
    "birth_date",
    "job_title",
    "is_manager",
    "is_direct_worker",
    "union_joined_on",
    "employed_since",
    "email",
    "phone",
]


class MemberForm(forms.ModelForm):
    """A member's data. ``units`` are the units the user may put members in."""

    version = VersionField()

    class Meta:
        model = Member
        fields = [*MEMBER_FIELDS, "active", "left_on"]
        field_classes = {"org": UnitChoiceField}
        widgets = {"gender": forms.RadioSelect}

    def __init__(self, *args, units=None, base_depth=1, with_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["org"].queryset = units
        self.fields["org"].base_depth = base_depth
        self.fields["org"].label = _("Unit")
        self.fields["org"].empty_label = _("Choose a unit")
        self.fields["gender"].choices = Gender.choices
        if not with_status:
            del self.fields["active"]
            del self.fields["left_on"]
        else:
            self.fields["active"].help_text = _("Untick when the member has left the union.")
        _date_attrs(self)

    def clean(self):
        data = super().clean()
        if data.get("is_manager") and data.get("is_direct_worker"):
            self.add_error(
                "is_direct_worker",
                _("A member who holds a management post is not a direct worker."),
            )
        return data

    def _post_clean(self):
        # Validation against the database (codes, dates) is the service's job.
        pass


class MemberDeactivateForm(forms.Form):
    left_on = forms.DateField(label=_("Left the union on"), initial=datetime.date.today)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_attrs(self)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parts = [obj.full_name]
        if obj.job_title:
            parts.append(obj.job_title)
        parts.append(obj.org.name)
        return " — ".join(parts)


class OfficerForm(forms.Form):
    member = MemberChoiceField(
        queryset=Member.objects.none(), label=_("Member"), empty_label=_("Choose a member")
    )
    since = forms.DateField(label=_("Designated since"), initial=datetime.date.today)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=255,
        help_text=_("For example the number of the designation decision."),
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members
        _date_attrs(self)


class EndOfficerForm(forms.Form):
    until = forms.DateField(label=_("Ends on"), initial=datetime.date.today)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_attrs(self)
