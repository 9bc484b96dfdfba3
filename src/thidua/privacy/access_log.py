"""Audit entries for reading personal data (Decree 13/2023/NĐ-CP: processing is logged).

Pages and API endpoints that show or hand out a member's personal fields call ``log_access``; it
appends an ``access`` entry (who, when, which member, what kind of access) unless the same user
already has one of that kind for that member within ``PRIVACY_ACCESS_LOG_WINDOW`` seconds, so
reloading a page does not flood the trail. The audit page lists them under the action
"Personal data accessed".
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import audit
from thidua.core.models import AuditEntry

VIEWED_MEMBER = "member.viewed_personal_data"
API_READ_MEMBER = "member.api_read_personal_data"
EXPORTED_MEMBER_DATA = "member.exported_personal_data"
EXPORTED_MEMBER_LIST = "members.exported_list"

DESCRIPTIONS = {
    VIEWED_MEMBER: _("Viewed the member's page"),
    API_READ_MEMBER: _("Read the member through the API"),
    EXPORTED_MEMBER_DATA: _("Exported the member's personal data"),
    EXPORTED_MEMBER_LIST: _("Exported the member list"),
}


def window():
    return datetime.timedelta(seconds=int(getattr(settings, "PRIVACY_ACCESS_LOG_WINDOW", 600)))


def log_access(user, instance, kind, *, detail=None):
    """Record that ``user`` accessed the personal data in ``instance`` (a member, or the unit of
    an exported list) as ``kind``; returns the new entry, or ``None`` inside the window."""
    if not getattr(user, "pk", None):
        return None
    since = timezone.now() - window()
    recent = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        actor=user,
        action=AuditEntry.Action.ACCESS,
        at__gte=since,
        after__access=kind,
    )
    if recent.exists():
        return None
    after = {"access": kind, **(detail or {})}
    return audit.record(
        user, AuditEntry.Action.ACCESS, instance, after=after, comment=str(DESCRIPTIONS[kind])
    )


def log_member_view(user, member):
    """The member's page was shown to ``user`` (not logged for the member's own page)."""
    if member.user_id != user.pk:
        log_access(user, member, VIEWED_MEMBER)


def log_member_api_read(user, member):
    if member.user_id != user.pk:
        log_access(user, member, API_READ_MEMBER)


def log_member_list_export(user, params):
    """A list export of members was handed to ``user``; logged against the chosen unit (or the
    user's home unit), with the filters used."""
    from thidua.organizations.models import OrgUnit

    if not user.has_perm("organizations.export_members"):
        return None
    raw = str(params.get("org") or "")
    unit = None
    if raw.isascii() and raw.isdigit() and len(raw) < 19:
        unit = OrgUnit.objects.visible_to(user).filter(pk=int(raw)).first()
    unit = unit or user.home_org
    if unit is None:
        return None
    filters = {key: value for key, value in params.items() if value not in ("", None)}
    return log_access(user, unit, EXPORTED_MEMBER_LIST, detail={"filters": filters})
