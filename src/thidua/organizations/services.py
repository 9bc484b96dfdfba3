"""The writes on units, members and officer designations. Views, the API and commands call these.

Every write checks the actor's permission, validates, writes, and appends the audit entry in one
transaction. A few read helpers that several pages share (member statistics, current officers)
sit at the end.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.organizations.counts import refresh_member_counts_on_commit
from thidua.organizations.models import (
    ALLOWED_PARENT_KINDS,
    Gender,
    Member,
    OfficerDesignation,
    OrgKind,
    OrgUnit,
)
from thidua.organizations.signals import subtree_changed, subtree_changing

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
# Units that members may belong to.
MEMBER_HOLDING_KINDS = (OrgKind.SECTOR_UNION, OrgKind.GRASSROOTS_UNION, OrgKind.UNION_GROUP)


def _validate(instance, exclude=()):
    try:
        instance.full_clean(exclude=[*exclude, "path", "depth", "numchild", "org_path"])
    except ValidationError as exc:
        raise InvalidInput.from_django(exc) from exc


def _invalid(field, message):
    return InvalidInput(
        _("Some fields are invalid."), errors=[{"field": field, "message": message}]
    )


def allowed_child_kinds(parent):
    """The kinds that may sit directly under ``parent`` (under no parent: the confederation)."""
    if parent is None:
        return [kind for kind, parents in ALLOWED_PARENT_KINDS.items() if not parents]
    return [kind for kind, parents in ALLOWED_PARENT_KINDS.items() if parent.kind in parents]


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
    if parent is None and ALLOWED_PARENT_KINDS[org.kind]:
        errors.append(
            {
                "field": "parent_id",
                "message": _("A %(kind)s needs a parent unit.") % {"kind": org.get_kind_display()},
            }
        )
    if org.kind == OrgKind.GRASSROOTS_UNION and not org.employer_type:
        errors.append(
            {"field": "employer_type", "message": _("A grassroots union needs an employer type.")}
        )
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)


def _check_kind_change(org, new_kind):
    """A unit's kind may change only when its children and members still fit under it."""
    children_kinds = set(
        OrgUnit.objects.filter(parent=org).order_by().values_list("kind", flat=True).distinct()
    )
    misfits = [kind for kind in children_kinds if new_kind not in ALLOWED_PARENT_KINDS[kind]]
    if misfits:
        raise _invalid(
            "kind",
            _("Its sub-units (%(kinds)s) cannot sit under a %(kind)s.")
            % {
                "kinds": ", ".join(str(OrgKind(k).label) for k in sorted(misfits)),
                "kind": OrgKind(new_kind).label,
            },
        )
    if new_kind not in MEMBER_HOLDING_KINDS and Member.objects.filter(org=org).exists():
        raise _invalid(
            "kind",
            _("The unit has members; a %(kind)s cannot hold members.")
            % {"kind": OrgKind(new_kind).label},
        )


def create_org(*, parent, by, **fields):
    """Create a unit under ``parent`` (a new root when ``parent`` is None: superusers only).

    The parent must be active. Writes the unit and one audit entry.
    """
    if parent is None:
        if by is None or not by.is_superuser:
            raise Forbidden(_("Only a system administrator can create a top-level unit."))
    else:
        require(by, "organizations.add_orgunit", parent)
        if not parent.active:
            raise _invalid("parent_id", _("The parent unit is inactive."))
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
    """Change a unit's fields; ``version`` guards against a concurrent change (409).

    Changing ``active`` behaves as ``set_org_active`` (deactivation takes the subtree along).
    """
    require(by, "organizations.change_orgunit", org)
    with transaction.atomic():
        org = lock_for_update(org)
        check_version(org, version)
        before = audit.snapshot(org)
        new_active = fields.pop("active", org.active)
        if "kind" in fields and fields["kind"] != org.kind:
            _check_kind_change(org, fields["kind"])
        for key, value in fields.items():
            if key in ORG_FIELDS:
                setattr(org, key, value)
        _check_org_rules(org, org.parent)
        _validate(org)
        reshaped = (
            before.get("kind") != org.kind or before.get("employer_type") != org.employer_type
        )
        if reshaped:
            subtree_changing.send(OrgUnit, org=OrgUnit.objects.get(pk=org.pk))
        org.version += 1
        org.save()
        if reshaped:
            subtree_changed.send(OrgUnit, org=org)
        audit.record(by, AuditEntry.Action.UPDATE, org, before=before, after=audit.snapshot(org))
        if bool(new_active) != org.active:
            _apply_active(org, bool(new_active), by=by)
            org.refresh_from_db()
    return org


def move_org(org, *, new_parent, by, version=None):
    """Move a unit with its whole subtree under ``new_parent``; members' ``org_path`` follows.

    Refused when the new parent lies in the subtree, is inactive, or may not hold this kind.
    The member counts of the old and the new ancestors are refreshed after the commit.
    """
    require(by, "organizations.change_orgunit", org)
    require(by, "organizations.add_orgunit", new_parent)
    if new_parent.path.startswith(org.path):
        raise InvalidInput(
            _("A unit cannot be moved under itself or its own descendants."),
            errors=[{"field": "parent_id", "message": _("Choose a unit outside this subtree.")}],
        )
    if not new_parent.active:
        raise _invalid("parent_id", _("The new parent unit is inactive."))
    if org.parent_id == new_parent.pk:
        raise _invalid("parent_id", _("The unit is already under this parent."))
    _check_org_rules(org, new_parent)
    with transaction.atomic():
        org = lock_for_update(org)
        check_version(org, version)
        old_parent = org.parent
        old_path = org.path
        subtree_changing.send(OrgUnit, org=org)
        OrgUnit.objects.move(org, new_parent, pos="last-child")
        org = OrgUnit.objects.get(pk=org.pk)
        Member.objects.filter(org_path__startswith=old_path).update(
            org_path=Concat(Value(org.path), Substr("org_path", len(old_path) + 1))
        )
        OrgUnit.objects.filter(pk=org.pk).update(parent=new_parent, version=org.version + 1)
        org.refresh_from_db()
        subtree_changed.send(OrgUnit, org=org)
        # The subtree keeps its counts; both branches above it change.
        refresh_member_counts_on_commit([old_parent, new_parent])
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            org,
            before={"parent_id": old_parent.pk if old_parent else None},
            after={"parent_id": new_parent.pk},
            comment=_("Moved with its subtree"),
        )
    return org


def _apply_active(org, active, *, by):
    """Deactivate ``org`` and its active descendants, or reactivate ``org`` alone."""
    if active:
        if org.parent_id and not OrgUnit.objects.filter(pk=org.parent_id, active=True).exists():
            raise _invalid("active", _("Reactivate the parent unit first."))
        targets = OrgUnit.objects.filter(pk=org.pk, active=False)
    else:
        targets = OrgUnit.objects.filter(path__startswith=org.path, active=True)
    units = list(targets.only("pk", "path", "name", "kind", "code"))
    if not units:
        return
    OrgUnit.objects.filter(pk__in=[u.pk for u in units]).update(
        active=active, version=F("version") + 1
    )
    for unit in units:
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            unit,
            before={"active": not active},
            after={"active": active},
        )


def set_org_active(org, active, *, by, version=None):
    """Deactivate (with its whole subtree) or reactivate a unit (its parent must be active).

    Nothing is deleted; members keep their records. One audit entry per unit that changed.
    """
    require(by, "organizations.change_orgunit", org)
    with transaction.atomic():
        org = lock_for_update(org)
        check_version(org, version)
        _apply_active(org, bool(active), by=by)
    org.refresh_from_db()
    return org


def create_member(*, org, by, **fields):
    """Add a member to ``org`` (an active unit that holds members). Writes one audit entry.

    The unit's and its ancestors' member counts are refreshed after the commit.
    """
    require(by, "organizations.add_member", org)
    member = Member(org=org, **{k: v for k, v in fields.items() if k in MEMBER_FIELDS})
    if not org.active:
        raise _invalid("org_id", _("The unit is inactive."))
    if not member.active and not member.left_on:
        member.left_on = datetime.date.today()
    _check_member(member)
    with transaction.atomic():
        member.save()
        audit.record(by, AuditEntry.Action.CREATE, member, after=audit.snapshot(member))
        if member.active:
            refresh_member_counts_on_commit([member.org_id])
    return member


def _check_member(member):
    _validate(member, exclude=["search_key", "sort_key", "user"])
    errors = []
    if member.org.kind not in MEMBER_HOLDING_KINDS:
        errors.append(
            {
                "field": "org_id",
                "message": _("Members belong to a grassroots union or a union group."),
            }
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
    if member.left_on and member.left_on > today:
        errors.append({"field": "left_on", "message": _("The leaving date is in the future.")})
    if member.left_on and member.union_joined_on and member.left_on < member.union_joined_on:
        errors.append(
            {"field": "left_on", "message": _("The member cannot leave before joining the union.")}
        )
    if member.code and (
        Member.objects.filter(org=member.org, code=member.code).exclude(pk=member.pk).exists()
    ):
        errors.append({"field": "code", "message": _("Another member of this unit has this code.")})
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)


def update_member(member, *, by, version=None, org=None, **fields):
    """Change a member; passing ``org`` transfers them to another unit (both must be in reach).

    A member made active again loses their leaving date. Writes one audit entry. When the unit
    or the ``active`` flag changes, the member counts of the old and the new unit's branches are
    refreshed after the commit.
    """
    require(by, "organizations.change_member", member)
    if org is not None and org.pk != member.org_id:
        require(by, "organizations.add_member", org)
        if not org.active:
            raise _invalid("org_id", _("The unit is inactive."))
    with transaction.atomic():
        member = lock_for_update(member)
        check_version(member, version)
        before = audit.snapshot(member)
        old_org_id, was_active = member.org_id, member.active
        if org is not None:
            member.org = org
        for key, value in fields.items():
            if key in MEMBER_FIELDS:
                setattr(member, key, value)
        if member.active:
            member.left_on = None
        elif not member.left_on:
            member.left_on = datetime.date.today()
        _check_member(member)
        member.version += 1
        member.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, member, before=before, after=audit.snapshot(member)
        )
        if member.org_id != old_org_id or member.active != was_active:
            refresh_member_counts_on_commit({old_org_id, member.org_id})
    return member


def deactivate_member(member, *, by, left_on=None, version=None):
    """Mark a member as having left the union; their history stays."""
    if not member.active:
        raise Conflict(_("The member has already left the union."))
    return update_member(
        member, by=by, version=version, active=False, left_on=left_on or datetime.date.today()
    )


def designate_officer(org, *, member, since, by, note=""):
    """Make ``member`` the emulation officer of the grassroots union ``org``.

    The current designation, if any, ends on ``since``. Writes the term and its audit entries.
    """
    require(by, "organizations.designate_officer", org)
    if org.kind != OrgKind.GRASSROOTS_UNION:
        raise _invalid("org_id", _("Emulation officers are designated in grassroots unions."))
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
            with transaction.atomic():
                term = OfficerDesignation.objects.create(
                    org=org, member=member, since=since, designated_by=by, note=note
                )
        except IntegrityError as exc:
            raise Conflict(_("The unit already has a designated officer.")) from exc
        audit.record(by, AuditEntry.Action.CREATE, term, after=audit.snapshot(term))
    return term


def end_officer_designation(org, *, until, by):
    """End the current designation of ``org`` on ``until`` (not before it started)."""
    require(by, "organizations.designate_officer", org)
    with transaction.atomic():
        for term in OfficerDesignation.objects.select_for_update().filter(
            org=org, until__isnull=True
        ):
            if until < term.since:
                raise _invalid("until", _("The designation cannot end before it started."))
            term.until = until
            term.save(update_fields=["until"])
            audit.record(by, AuditEntry.Action.UPDATE, term, after={"until": until.isoformat()})


# Reads shared by the pages and the API.


def current_officers(orgs):
    """``{org_id: OfficerDesignation}`` for the current officer of each unit in ``orgs``."""
    terms = OfficerDesignation.objects.filter(org__in=orgs, until__isnull=True).select_related(
        "member"
    )
    return {t.org_id: t for t in terms}


def member_stats(org):
    """Active members of ``org``'s subtree: total, of the unit itself, direct workers, managers,
    women (one aggregate query)."""
    return Member.objects.filter(active=True, org_path__startswith=org.path).aggregate(
        total=Count("id"),
        own=Count("id", filter=Q(org_id=org.pk)),
        direct_workers=Count("id", filter=Q(is_direct_worker=True)),
        managers=Count("id", filter=Q(is_manager=True)),
        women=Count("id", filter=Q(gender=Gender.FEMALE)),
    )
