"""The two writes of personal-data protection: exporting a member's data and anonymising it.

Both check the actor's permission (``privacy/rules.py``) on a member the caller already sees
(``Member.objects.visible_to``) and leave an entry in the audit trail.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import ApiToken
from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.exemplars.models import Exemplar
from thidua.privacy import access_log, export_file
from thidua.privacy.models import Anonymisation

# Stored data is Vietnamese like the rest of the records, whatever the user's language.
PSEUDONYM = "Đoàn viên đã ẩn danh #{id}"
MAX_REASON = 1000
# The member fields that anonymisation empties (the name and birth date are replaced instead).
CLEARED_FIELDS = ("code", "job_title", "email", "phone")


def export_file_name(member):
    return f"du-lieu-ca-nhan-{member.pk}-{timezone.localdate():%Y%m%d}.zip"


def export_member_data(*, member, by):
    """Everything thidua holds about ``member`` (``inventory.SOURCES``), as ZIP bytes with a JSON
    file and an Excel summary (``export_file``).

    Allowed to an officer who edits members at the member's unit or above, and to the member
    themself. Appends a "personal data accessed" audit entry (once per user and member within
    ``PRIVACY_ACCESS_LOG_WINDOW``). Returns ``(file name, bytes)``.
    """
    require(by, "privacy.export_member_data", member)
    data, counts = export_file.build_zip(member, by=by)
    access_log.log_access(
        by, member, access_log.EXPORTED_MEMBER_DATA, detail={"records": sum(counts.values())}
    )
    return export_file_name(member), data


def anonymisation_of(member):
    return Anonymisation.objects.filter(member=member).first()


def _check_anonymisable(member, reason):
    existing = anonymisation_of(member)
    if existing is not None:
        raise Conflict(
            _("This member was already anonymised on %(date)s; it cannot be done twice.")
            % {"date": timezone.localtime(existing.at).strftime("%d/%m/%Y")}
        )
    if member.active:
        raise RuleViolation(
            _("Only a member who has left the union can be anonymised. Record the departure first.")
        )
    reason = (reason or "").strip()
    if not reason:
        message = _("Give the reason for the anonymisation.")
        raise InvalidInput(message, errors=[{"field": "reason", "message": message}])
    if len(reason) > MAX_REASON:
        message = _("The reason is longer than %(max)d characters.") % {"max": MAX_REASON}
        raise InvalidInput(message, errors=[{"field": "reason", "message": message}])
    return reason


def _anonymise_user(user, *, by, pseudonym, reason, org_path):
    """Deactivate the member's account and remove its name, email and password."""
    user.is_active = False
    user.username = f"an-danh-{user.pk}"
    user.full_name = pseudonym
    user.first_name = user.last_name = user.email = ""
    user.set_unusable_password()
    user.save()
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit.record(
        by,
        AuditEntry.Action.UPDATE,
        user,
        after={"is_active": False, "anonymised": True},
        comment=reason,
        org_path=org_path,
    )


def _refresh_exemplars(member, *, by, reason):
    """Re-save the member's exemplars so that their search key drops the old name; published ones
    leave the public showcase, which names the person."""
    for exemplar in Exemplar.objects.select_for_update().filter(member=member):
        published = exemplar.publish
        if published:
            exemplar.publish = False
            exemplar.version += 1
        exemplar.save()
        if published:
            audit.record(
                by,
                AuditEntry.Action.UPDATE,
                exemplar,
                before={"publish": True},
                after={"publish": False},
                comment=reason,
                org_path=exemplar.owner_path,
            )


def anonymise_member(*, member, by, reason, version=None):
    """Irreversibly replace the personal data of a member who left the union.

    Replaced: the full name by ``PSEUDONYM`` (search and sort keys follow on save); the birth date
    by 1 January of the same year, because the dashboard's age bands read only the birth year
    (age at the end of a year = year - birth year), so they stay right; the member code, job title,
    email and phone are emptied. Kept: gender, direct-worker and management flags, unit, the
    dates of joining, employment and leaving, and every record that points at the member (award
    history, nominations, decisions and their amounts), so statistics and decisions are unchanged.
    Not altered: issued documents (signed decision PDFs, certificates) and the recipient names of
    decision items, which are legal records, and earlier audit entries (append-only).

    The linked user account is deactivated (name, email and password removed, API tokens
    revoked); the member's exemplars are re-indexed and published ones leave the public
    showcase. Refused when the member is still active (422), was already anonymised (409) or no
    reason is given (422). Records an ``Anonymisation`` row and audit entries with the reason.
    """
    require(by, "privacy.anonymise_member", member)
    with transaction.atomic():
        member = lock_for_update(member)
        check_version(member, version)
        reason = _check_anonymisable(member, reason)
        pseudonym = PSEUDONYM.format(id=member.pk)
        member.full_name = pseudonym
        if member.birth_date:
            member.birth_date = member.birth_date.replace(month=1, day=1)
        for field in CLEARED_FIELDS:
            setattr(member, field, "")
        member.version += 1
        member.save()
        Anonymisation.objects.create(member=member, by=by, reason=reason)
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            member,
            after={
                "anonymised": True,
                "fields": ["full_name", "birth_date", *CLEARED_FIELDS],
            },
            comment=reason,
        )
        if member.user_id:
            _anonymise_user(
                member.user, by=by, pseudonym=pseudonym, reason=reason, org_path=member.org_path
            )
        _refresh_exemplars(member, by=by, reason=reason)
    return member
