"""Forms of the account pages. They collect input; the services validate the rules."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.queries import linkable_members, manageable_orgs
from thidua.accounts.roles import Role
from thidua.core.exceptions import DomainError


def apply_domain_error(form, exc: DomainError):
    """Show a service's refusal in ``form``: field errors beside their fields, the rest on top."""
    placed = False
    for error in exc.errors:
        field = error.get("field")
        if field in form.fields:
            form.add_error(field, error["message"])
            placed = True
        elif error.get("message"):
            form.add_error(None, error["message"])
            placed = True
    if not placed:
        form.add_error(None, str(exc.detail))


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        indent = "\u2003" * max(obj.depth - 1, 0)
        return f"{indent}{obj.code} — {obj.name}"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.org.code})"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        help_text=_("The 6-digit code of your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What will use it, e.g. “Provincial federation reporting”."),
    )


class PasswordResetForm(DjangoPasswordResetForm):
    """Also reaches users who never chose a password (invited by email)."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True).exclude(email="")


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("active", _("Active")), ("inactive", _("Deactivated"))],
    )


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Lowercase letters without diacritics, digits and dots, e.g. bvdk.thidua."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    send_invitation = forms.BooleanField(
        label=_("Email a link to choose a password instead of setting one"), required=False
    )
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; the user can change it after logging in."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    org = OrgChoiceField(label=_("Unit"), queryset=None)
    member = MemberChoiceField(label=_("Member record"), queryset=None, required=False)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = manageable_orgs(by)
        self.fields["member"].queryset = linkable_members(by)

    def clean(self):
        data = super().clean()
        if data.get("send_invitation"):
            if not data.get("email"):
                self.add_error("email", _("An email address is needed to send the link."))
        elif not data.get("password"):
            self.add_error("password", _("Enter an initial password or choose to send an email."))
        return data


class UserEditForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)


class GrantRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    org = OrgChoiceField(label=_("Unit"), queryset=None)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = manageable_orgs(by)


class LinkMemberForm(forms.Form):
    member = MemberChoiceField(label=_("Member record"), queryset=None)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = linkable_members(by)
