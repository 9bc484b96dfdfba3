"""The writes on units, members and officer designations. Views, the API and commands call these.

Every function checks the actor's permission, validates, writes, and appends the audit entry in one
transaction.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.organizations.models import (
    ALLOWED_PARENT_KINDS,
    Member,
    OfficerDesignation,
    OrgKind,
    OrgUnit,
)

ORG_FIELDS = (
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
    "active",
)
MEMBER_FIELDS = (
    "code",
    "full_name",
    "gender",
    "birth_date",
    "job_title",
    "is_manager",
    "is_direct_worker",
    "union_joined_on",
    "employed_since",
    "email",
    "phone",
    "active",
    "left_on",
)


def _validate(instance, exclude=()):
    try:
        instance.full_clean(exclude=[*exclude, "path", "depth", "numchild", "org_path"])
    except ValidationError as exc:
        raise InvalidInput.from_django(exc) from exc


def _check_org_rules(org, parent):
    errors = []
    if parent is not None and parent.kind not in ALLOWED_PARENT_KINDS[org.kind]:
        errors.append(
            {
                "field": "parent_id",
                "message": _("A %(kind)s cannot be placed under a %(parent)s.")
                % {"kind": org.get_kind_display(), "parent": parent.get_kind_display()},
            }
        )
    if org.kind == OrgKind.GRASSROOTS_UNION and not org.employer_type:
        errors.append(
            {"field": "employer_type", "message": _("A grassroots union needs an employer type.")}
        )
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)


def create_org(*, parent, by, **fields):
    """Create a unit under ``parent`` (a new root when ``parent`` is None: superusers only)."""
    require(by, "organizations.add_orgunit", parent)
    org = OrgUnit(**{k: v for k, v in fields.items() if k in ORG_FIELDS})
    _check_org_rules(org, parent)
    _validate(org)
    with transaction.atomic():
        org = (
            OrgUnit.objects.add_child(parent, instance=org)
            if parent
            else OrgUnit.objects.add_root(instance=org)
        )
        audit.record(by, AuditEntry.Action.CREATE, org, after=audit.snapshot(org))
    return org


def update_org(org, *, by, version=None, **fields):
    """Change a unit's fields; ``version`` guards against a concurrent change (409)."""
    require(by, "organizations.change_orgunit", org)
    with transaction.atomic():
        org = lock_for_update(org)
        check_version(org, version)
        before = audit.snapshot(org)
        for key, value in fields.items():
            if key in ORG_FIELDS:
                setattr(org, key, value)
        _check_org_rules(org, org.parent)
        _validate(org)
        org.version += 1
        org.save()
        audit.record(by, AuditEntry.Action.UPDATE, org, before=before, after=audit.snapshot(org))
    return org


def move_org(org, *, new_parent, by, version=None):
    """Move a unit with its whole subtree under ``new_parent``; members follow."""
    require(by, "organizations.change_orgunit", org)
    require(by, "organizations.add_orgunit", new_parent)
    if new_parent.path.startswith(org.path):
        raise InvalidInput(
            _("A unit cannot be moved under itself or its own descendants."),
            errors=[{"field": "parent_id", "message": _("Choose a unit outside this subtree.")}],
        )
    _check_org_rules(org, new_parent)
    with transaction.atomic():
        org = lock_for_update(org)
        check_version(org, version)
        old_parent = org.parent
        old_path = org.path
        OrgUnit.objects.move(org, new_parent, pos="last-child")
        org = OrgUnit.objects.get(pk=org.pk)
        Member.objects.filter(org_path__startswith=old_path).update(
            org_path=Concat(Value(org.path), Substr("org_path", len(old_path) + 1))
        )
        OrgUnit.objects.filter(pk=org.pk).update(parent=new_parent, version=org.version + 1)
        org.refresh_from_db()
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            org,
            before={"parent_id": old_parent.pk if old_parent else None},
            after={"parent_id": new_parent.pk},
            comment=_("Moved with its subtree"),
        )
    return org


def set_org_active(org, active, *, by, version=None):
    """Deactivate (with its whole subtree) or reactivate a unit. Nothing is deleted."""
    require(by, "organizations.change_orgunit", org)
    with transaction.atomic():
        org = lock_for_update(org)
        check_version(org, version)
        targets = OrgUnit.objects.filter(path__startswith=org.path) if not active else [org]
        for unit in targets:
            if unit.active == active:
                continue
            unit.active = active
            unit.version += 1
            unit.save(update_fields=["active", "version", "updated_at"])
            audit.record(
                by, AuditEntry.Action.UPDATE, unit, before={"active": not active}, after={"active": active}
            )
    org.refresh_from_db()
    return org


def create_member(*, org, by, **fields):
    require(by, "organizations.add_member", org)
    member = Member(org=org, **{k: v for k, v in fields.items() if k in MEMBER_FIELDS})
    _check_member(member)
    with transaction.atomic():
        member.save()
        audit.record(by, AuditEntry.Action.CREATE, member, after=audit.snapshot(member))
    return member


def _check_member(member):
    _validate(member, exclude=["search_key", "sort_key", "user"])
    errors = []
    if member.org.kind not in (OrgKind.GRASSROOTS_UNION, OrgKind.UNION_GROUP, OrgKind.SECTOR_UNION):
        errors.append(
            {"field": "org_id", "message": _("Members belong to a grassroots union or a union group.")}
        )
    if member.is_manager and member.is_direct_worker:
        errors.append(
            {
                "field": "is_direct_worker",
                "message": _("A member who holds a management post is not a direct worker."),
            }
        )
    today = datetime.date.today()
    if member.birth_date and member.birth_date > today:
        errors.append({"field": "birth_date", "message": _("The date of birth is in the future.")})
    if member.union_joined_on and member.birth_date and member.union_joined_on < member.birth_date:
        errors.append(
            {"field": "union_joined_on", "message": _("The member joined before being born.")}
        )
    if member.code and (
        Member.objects.filter(org=member.org, code=member.code).exclude(pk=member.pk).exists()
    ):
        errors.append({"field": "code", "message": _("Another member of this unit has this code.")})
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)


def update_member(member, *, by, version=None, org=None, **fields):
    """Change a member; passing ``org`` transfers them to another unit (both must be in reach)."""
    require(by, "organizations.change_member", member)
    if org is not None and org.pk != member.org_id:
        require(by, "organizations.add_member", org)
    with transaction.atomic():
        member = lock_for_update(member)
        check_version(member, version)
        before = audit.snapshot(member)
        if org is not None:
            member.org = org
        for key, value in fields.items():
            if key in MEMBER_FIELDS:
                setattr(member, key, value)
        if member.active:
            member.left_on = None
        _check_member(member)
        member.version += 1
        member.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, member, before=before, after=audit.snapshot(member)
        )
    return member


def deactivate_member(member, *, by, left_on=None, version=None):
    """Mark a member as having left the union; their history stays."""
    return update_member(
        member, by=by, version=version, active=False, left_on=left_on or datetime.date.today()
    )


def designate_officer(org, *, member, since, by, note=""):
    """Make ``member`` the emulation officer of ``org``, ending the current designation."""
    require(by, "organizations.designate_officer", org)
    if not member.org_path.startswith(org.path) or not member.active:
        raise InvalidInput(
            _("The officer must be an active member of this unit."),
            errors=[{"field": "member_id", "message": _("Choose an active member of this unit.")}],
        )
    with transaction.atomic():
        current = OfficerDesignation.objects.select_for_update().filter(org=org, until__isnull=True)
        for term in current:
            if term.member_id == member.pk:
                raise Conflict(_("This member is already the designated officer."))
            if since < term.since:
                raise InvalidInput(
                    _("The new designation starts before the current one."),
                    errors=[{"field": "since", "message": _("Choose a later date.")}],
                )
            term.until = since
            term.save(update_fields=["until"])
            audit.record(by, AuditEntry.Action.UPDATE, term, after={"until": since.isoformat()})
        try:
            term = OfficerDesignation.objects.create(
                org=org, member=member, since=since, designated_by=by, note=note
            )
        except IntegrityError as exc:
            raise Conflict(_("The unit already has a designated officer.")) from exc
        audit.record(by, AuditEntry.Action.CREATE, term, after=audit.snapshot(term))
    return term


def end_officer_designation(org, *, until, by):
    require(by, "organizations.designate_officer", org)
    with transaction.atomic():
        for term in OfficerDesignation.objects.select_for_update().filter(
            org=org, until__isnull=True
        ):
            term.until = until
            term.save(update_fields=["until"])
            audit.record(by, AuditEntry.Action.UPDATE, term, after={"until": until.isoformat()})


def current_officers(orgs):
    """``{org_id: OfficerDesignation}`` for the current officer of each unit in ``orgs``."""
    terms = OfficerDesignation.objects.filter(org__in=orgs, until__isnull=True).select_related(
        "member"
    )
    return {t.org_id: t for t in terms}
