"""The writes on users, roles, member links, API tokens and two-factor devices.

Views, the API and commands call these. Each function checks the actor's permission, validates
(``InvalidInput`` with ``{"field", "message"}`` errors), writes in one transaction and appends an
audit entry. Password hashes, token hashes and two-factor secrets never reach the audit trail.
"""

import re

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import ApiToken, RoleAssignment, User
from thidua.accounts.queries import admin_paths, is_fully_in_reach, manageable_users
from thidua.accounts.roles import Role
from thidua.core import audit
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput, NotFound, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.text import normalize
from thidua.organizations.models import Member, OrgKind

USER_FIELDS = ("username", "full_name", "email", "is_active")
BACKUP_CODE_COUNT = 10
MAX_USABLE_TOKENS = 20
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,148}$")


def _error(field, message, detail=None):
    return InvalidInput(detail or message, errors=[{"field": field, "message": message}])


def _user_snapshot(user):
    return audit.snapshot(user, fields=USER_FIELDS)


def _user_org_path(user):
    """The unit path an audit entry about ``user`` is filed under (their highest unit)."""
    user.__dict__.pop("role_assignments", None)
    home = user.home_org
    if home is not None:
        return home.path
    member = Member.objects.filter(user=user).only("org_path").first()
    return member.org_path if member else ""


def _forget_roles(user):
    user.__dict__.pop("role_assignments", None)


def _require_manageable(by, user, *, full=False):
    """Refuse a user outside ``by``'s reach (404) or, with ``full``, one partly outside (403)."""
    require(by, "accounts.manage_users")
    if not manageable_users(by).filter(pk=user.pk).exists():
        raise NotFound()
    if full and not is_fully_in_reach(by, user):
        raise Forbidden(
            _(
                "This user also holds roles outside your units; "
                "ask the administrator of those units or a superuser."
            )
        )


def _clean_email(email, *, field="email", exclude_pk=None):
    email = (email or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError as exc:
        raise _error(field, _("Enter a valid email address.")) from exc
    if User.objects.filter(email__iexact=email).exclude(pk=exclude_pk).exists():
        raise _error(field, _("Another user already uses this email address."))
    return email


def _clean_full_name(full_name):
    full_name = normalize(full_name or "")
    if not full_name:
        raise _error("full_name", _("Enter the full name."))
    if len(full_name) > 150:
        raise _error("full_name", _("The full name is at most 150 characters."))
    return full_name


def _check_role_rules(user, role, org):
    """Validate a role at a unit (kind of unit, member record) before granting it."""
    if role not in Role.values:
        raise _error("role", _("Choose a role from the list."))
    if not org.active:
        raise _error("org", _("This unit is no longer active."))
    if role in (Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER) and org.kind not in (
        OrgKind.GRASSROOTS_UNION,
        OrgKind.UNION_GROUP,
    ):
        raise _error("org", _("This role is held at a grassroots union."))
    if role == Role.MEMBER:
        member = Member.objects.filter(user=user).first() if user.pk else None
        if member is None:
            raise _error(
                "role", _("Link the user to a member record before granting the member role.")
            )
        if not member.org_path.startswith(org.path):
            raise _error("org", _("The member role is held at the unit of the member record."))


def _send_set_password_email(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    context = {
        "user": user,
        "url": settings.SITE_URL.rstrip("/") + path,
        "site_name": settings.SITE_NAME,
        "username": user.get_username(),
    }
    subject = "".join(render_to_string("accounts/email/set_password_subject.txt", context).split())
    body = render_to_string("accounts/email/set_password.txt", context)
    send_mail(subject, body, None, [user.email])


def create_user(
    *,
    by,
    username,
    full_name,
    email="",
    role,
    org,
    password="",
    send_invitation=False,
    member=None,
):
    """Create a user with a first role at ``org`` (a unit in ``by``'s reach).

    Either ``password`` (checked by the password validators) or ``send_invitation`` (an email
    with a link to choose a password; the account has no usable password until then). With
    ``member``, links the member record first (required for the ``member`` role).
    Side effects: the user, the role assignment, the member link, the email on commit, and one
    audit entry per write.
    """
    require(by, "accounts.manage_users", org)
    username = (username or "").strip().lower()
    if not USERNAME_RE.match(username):
        raise _error(
            "username",
            _(
                "Use 2 to 150 lowercase letters without diacritics, digits, dots, hyphens "
                "or underscores, starting with a letter or digit."
            ),
        )
    if User.objects.filter(username__iexact=username).exists():
        raise _error("username", _("This username is already taken."))
    full_name = _clean_full_name(full_name)
    email = _clean_email(email)
    if send_invitation and not email:
        raise _error("email", _("An email address is needed to send the set-password email."))
    if not send_invitation and not password:
        raise _error("password", _("Enter an initial password or choose to send an email."))
    user = User(username=username, full_name=full_name, email=email)
    if not send_invitation:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise InvalidInput(
                _("The password is not accepted."),
                errors=[{"field": "password", "message": m} for m in exc.messages],
            ) from exc
    if member is not None:
        _check_member_link(by, member)
    elif role == Role.MEMBER:
        raise _error("member", _("Choose the member record of this user for the member role."))
    with transaction.atomic():
        if send_invitation:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        audit.record(
            by, AuditEntry.Action.CREATE, user, after=_user_snapshot(user), org_path=org.path
        )
        if member is not None:
            _link(by, user, member)
        _check_role_rules(user, role, org)
        _grant(by, user, role, org)
        if send_invitation:
            transaction.on_commit(lambda: _send_set_password_email(user))
    return user


def update_user(user, *, by, full_name, email):
    """Change a user's full name and email (``by`` must reach every unit of the user)."""
    _require_manageable(by, user, full=True)
    return _update_identity(user, by=by, full_name=full_name, email=email)


def update_profile(user, *, full_name, email):
    """The user changes their own full name and email."""
    if not user.is_authenticated:
        raise Forbidden()
    return _update_identity(user, by=user, full_name=full_name, email=email)


def _update_identity(user, *, by, full_name, email):
    full_name = _clean_full_name(full_name)
    email = _clean_email(email, exclude_pk=user.pk)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = _user_snapshot(user)
        user.full_name = full_name
        user.email = email
        user.save(update_fields=["full_name", "email", "search_key"])
        after = _user_snapshot(user)
        if before != after:
            audit.record(
                by,
                AuditEntry.Action.UPDATE,
                user,
                before=before,
                after=after,
                org_path=_user_org_path(user),
            )
    return user


def set_user_active(user, active, *, by):
    """Deactivate (the user can no longer log in or use API tokens) or reactivate a user."""
    _require_manageable(by, user, full=True)
    if user.pk == by.pk and not active:
        raise RuleViolation(_("You cannot deactivate your own account."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == bool(active):
            return user
        user.is_active = bool(active)
        user.save(update_fields=["is_active"])
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            user,
            before={"is_active": not user.is_active},
            after={"is_active": user.is_active},
            org_path=_user_org_path(user),
        )
    return user


def send_set_password_email(user, *, by):
    """Email ``user`` a link to choose a new password (after an invitation was lost)."""
    _require_manageable(by, user, full=True)
    if not user.email:
        raise _error("email", _("This user has no email address."))
    if not user.is_active:
        raise RuleViolation(_("Reactivate the user before sending the email."))
    audit.record(
        by,
        AuditEntry.Action.UPDATE,
        user,
        comment=_("Set-password email sent"),
        org_path=_user_org_path(user),
    )
    _send_set_password_email(user)


def grant_role(user, *, role, org, by):
    """Grant ``role`` at ``org`` to ``user`` (``org`` and the user in ``by``'s reach)."""
    require(by, "accounts.manage_users", org)
    _require_manageable(by, user)
    _check_role_rules(user, role, org)
    with transaction.atomic():
        return _grant(by, user, role, org)


def _grant(by, user, role, org):
    if RoleAssignment.objects.filter(user=user, role=role, org=org).exists():
        raise Conflict(_("The user already holds this role at this unit."))
    assignment = RoleAssignment.objects.create(user=user, role=role, org=org, granted_by=by)
    audit.record(
        by,
        AuditEntry.Action.CREATE,
        assignment,
        after={"user": user.pk, "role": role, "org": org.pk},
    )
    _forget_roles(user)
    return assignment


def revoke_role(assignment, *, by):
    """Remove a role assignment. Nobody removes their own last sector admin role."""
    require(by, "accounts.manage_users", assignment.org)
    user = assignment.user
    if (
        user.pk == by.pk
        and assignment.role == Role.SECTOR_ADMIN
        and not RoleAssignment.objects.filter(user=user, role=Role.SECTOR_ADMIN)
        .exclude(pk=assignment.pk)
        .exists()
    ):
        raise RuleViolation(
            _(
                "You cannot remove your own last sector administrator role; "
                "ask another administrator."
            )
        )
    with transaction.atomic():
        before = {"user": user.pk, "role": assignment.role, "org": assignment.org_id}
        audit.record(
            by,
            AuditEntry.Action.DELETE,
            assignment,
            before=before,
            org_path=assignment.org.path,
        )
        assignment.delete()
    _forget_roles(user)
    if by.pk == user.pk:
        _forget_roles(by)


def _check_member_link(by, member):
    if not by.is_superuser and not any(member.org_path.startswith(p) for p in admin_paths(by)):
        raise NotFound()
    if not member.active:
        raise _error("member", _("This member record is no longer active."))
    if member.user_id is not None:
        raise Conflict(_("This member record is already linked to another user."))


def _link(by, user, member):
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user_id is not None and member.user_id != user.pk:
        raise Conflict(_("This member record is already linked to another user."))
    member.user = user
    member.version += 1
    member.save(update_fields=["user", "version", "updated_at"])
    audit.record(
        by, AuditEntry.Action.UPDATE, member, before={"user": None}, after={"user": user.pk}
    )
    return member


def link_member(user, member, *, by):
    """Link ``user`` to ``member`` (a member record in ``by``'s reach without an account)."""
    _require_manageable(by, user)
    _check_member_link(by, member)
    if Member.objects.filter(user=user).exists():
        raise Conflict(_("This user is already linked to a member record; unlink it first."))
    with transaction.atomic():
        return _link(by, user, member)


def unlink_member(user, *, by):
    """Remove the link between ``user`` and their member record (and the member role with it)."""
    _require_manageable(by, user)
    member = Member.objects.filter(user=user).first()
    if member is None:
        raise RuleViolation(_("This user is not linked to a member record."))
    _check_member_reach(by, member)
    member_roles = RoleAssignment.objects.filter(user=user, role=Role.MEMBER).select_related("org")
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        member.user = None
        member.version += 1
        member.save(update_fields=["user", "version", "updated_at"])
        audit.record(
            by, AuditEntry.Action.UPDATE, member, before={"user": user.pk}, after={"user": None}
        )
        for assignment in member_roles:
            revoke_role(assignment, by=by)
    _forget_roles(user)
    return member


def _check_member_reach(by, member):
    if not by.is_superuser and not any(member.org_path.startswith(p) for p in admin_paths(by)):
        raise Forbidden(_("This member record belongs to a unit outside your reach."))


def reset_two_factor(user, *, by):
    """Remove a user's two-factor devices (a lost phone); they set it up again at next login."""
    _require_manageable(by, user, full=True)
    with transaction.atomic():
        removed = _delete_devices(user)
        if removed:
            audit.record(
                by,
                AuditEntry.Action.UPDATE,
                user,
                before={"two_factor": True},
                after={"two_factor": False},
                comment=_("Two-factor authentication reset by an administrator"),
                org_path=_user_org_path(user),
            )
    return removed


def note_password_changed(user):
    """Record in the audit trail that ``user`` changed their own password (never the hash)."""
    audit.record(
        user,
        AuditEntry.Action.UPDATE,
        user,
        comment=_("Password changed"),
        org_path=_user_org_path(user),
    )


# --- API tokens ---------------------------------------------------------------------------------


def issue_api_token(user, *, name, by):
    """Issue a named API token for ``user`` (oneself).

    Returns ``(token, raw)``; ``raw`` is shown to the user once and never stored.
    """
    if not by.is_authenticated or by.pk != user.pk:
        raise Forbidden()
    name = normalize(name or "")
    if not name:
        raise _error("name", _("Give the token a name, e.g. the system that will use it."))
    if len(name) > 100:
        raise _error("name", _("The name is at most 100 characters."))
    if ApiToken.objects.usable().filter(user=user).count() >= MAX_USABLE_TOKENS:
        raise RuleViolation(
            _("You already have %(count)d active tokens; revoke one you no longer use.")
            % {"count": MAX_USABLE_TOKENS}
        )
    with transaction.atomic():
        token, raw = ApiToken.issue(user, name=name)
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            token,
            after=audit.snapshot(token, fields=("user", "name", "prefix", "expires_at")),
            org_path=_user_org_path(user),
        )
    return token, raw


def revoke_api_token(token, *, by):
    """Revoke a token of one's own (or, for a superuser, anyone's). Revoking twice is harmless."""
    if not by.is_authenticated or (token.user_id != by.pk and not by.is_superuser):
        raise NotFound()
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            token,
            before={"revoked_at": None},
            after={"revoked_at": token.revoked_at.isoformat()},
            org_path=_user_org_path(token.user),
        )
    return token


# --- Two-factor (the user's own devices) ---------------------------------------------------------


def confirmed_totp_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user):
    """The unconfirmed authenticator of a setup in progress (created on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


def verify_code(user, code):
    """The device that accepts ``code`` (6 digits: the app; otherwise a backup code), or None.

    Each device throttles its own failed attempts (django-otp), so guessing is slow.
    """
    code = "".join((code or "").split()).lower()
    if not code:
        return None
    device = confirmed_totp_device(user) if code.isdigit() else backup_device(user)
    if device is not None and device.verify_token(code):
        return device
    return None


def throttled_until(device):
    """When ``device`` accepts a code again after too many wrong ones, or None."""
    if device is None:
        return None
    allowed, info = device.verify_is_allowed()
    return None if allowed else (info or {}).get("locked_until")


def _new_backup_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Backup codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def confirm_two_factor(user, device, code):
    """Confirm the authenticator ``device`` with a code from it; returns the new backup codes."""
    if device.user_id != user.pk or device.confirmed:
        raise NotFound()
    if not device.verify_token("".join((code or "").split())):
        raise _error("code", _("The code is wrong or has expired. Enter the current code."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        audit.record(
            user,
            AuditEntry.Action.UPDATE,
            user,
            before={"two_factor": False},
            after={"two_factor": True},
            org_path=_user_org_path(user),
        )
    return codes


def regenerate_backup_codes(user, code):
    """Replace the backup codes after checking a current code; returns the new codes."""
    if verify_code(user, code) is None:
        raise _error("code", _("The code is wrong or has expired."))
    with transaction.atomic():
        codes = _new_backup_codes(user)
        audit.record(
            user,
            AuditEntry.Action.UPDATE,
            user,
            comment=_("New backup codes generated"),
            org_path=_user_org_path(user),
        )
    return codes


def disable_two_factor(user, code):
    """Remove the user's authenticator and backup codes after checking a current code."""
    if not has_two_factor(user):
        raise RuleViolation(_("Two-factor authentication is not turned on."))
    if verify_code(user, code) is None:
        raise _error("code", _("The code is wrong or has expired."))
    with transaction.atomic():
        _delete_devices(user)
        audit.record(
            user,
            AuditEntry.Action.UPDATE,
            user,
            before={"two_factor": True},
            after={"two_factor": False},
            org_path=_user_org_path(user),
        )


def _delete_devices(user):
    removed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return removed


def two_factor_required(user):
    """Whether ``user``'s roles oblige them to use two-factor (never in demo mode)."""
    return not settings.DEMO_MODE and user.has_role(*settings.TWO_FACTOR_REQUIRED_ROLES)
