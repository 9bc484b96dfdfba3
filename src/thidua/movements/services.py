"""The writes on movements, unit plans and pledges. Views, the API and commands call these.

Every write checks the actor's permission, validates, writes, and appends the audit entry in one
transaction; state changes go through ``core.workflow.transition``; notifications go out by email
after the commit (``core.notifications.notify``).
"""

import datetime
import decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.roles import Role
from thidua.core import audit
from thidua.core.exceptions import InvalidInput, InvalidTransition, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.notifications import notify
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.core.workflow import transition
from thidua.movements.models import (
    MOVEMENT_TRANSITIONS,
    PLAN_TRANSITIONS,
    Movement,
    MovementAmendment,
    MovementKind,
    MovementStatus,
    MovementTarget,
    PlanStatus,
    Pledge,
    UnitPlan,
)
from thidua.organizations.models import EmployerType, Member, OfficerDesignation, OrgKind, OrgUnit

TEXT_FIELDS = ("title", "objectives", "scope", "participants", "content", "measures")
DATE_FIELDS = (
    "starts_on",
    "ends_on",
    "plan_due_on",
    "midterm_review_due_on",
    "final_review_due_on",
)
MOVEMENT_FIELDS = (*TEXT_FIELDS, "kind", *DATE_FIELDS, "audience_employer_types")
# What may change after the launch (the audience is fixed: the plan slots exist).
AMENDABLE_FIELDS = (*TEXT_FIELDS, "kind", *DATE_FIELDS)
MAX_TARGETS = 50
MAX_TITLE = 300
MAX_TEXT = 20_000
DEFAULT_OVERLAP_THRESHOLD = 2


def overlap_threshold():
    """Concurrent movements a unit may run before a launch needs an explicit confirmation."""
    return int(getattr(settings, "MOVEMENT_OVERLAP_CONFIRM_THRESHOLD", DEFAULT_OVERLAP_THRESHOLD))


def _error(field, message):
    return {"field": field, "message": str(message)}


def _invalid(errors):
    return InvalidInput(_("Some fields are invalid."), errors=errors)


def snapshot(movement):
    data = audit.snapshot(movement, (*MOVEMENT_FIELDS, "status", "org", "version"))
    data["targets"] = [t.as_dict() for t in movement.targets.all()] if movement.pk else []
    return data


# --- validation -----------------------------------------------------------------------------


def _clean_text(fields, errors):
    for name in TEXT_FIELDS:
        if name in fields:
            value = fields[name]
            value = "" if value is None else str(value).strip()
            limit = MAX_TITLE if name == "title" else MAX_TEXT
            if len(value) > limit:
                errors.append(_error(name, _("At most %(n)d characters.") % {"n": limit}))
            fields[name] = value


def _clean_dates(fields, errors):
    for name in DATE_FIELDS:
        if name in fields and fields[name] is not None:
            value = fields[name]
            if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
                errors.append(_error(name, _("Enter a valid date.")))
                fields[name] = None


def clean_employer_types(value, errors):
    """A list of distinct known employer types (empty: every grassroots union)."""
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        errors.append(_error("audience", _("Give a list of employer types.")))
        return []
    cleaned = []
    for item in value:
        if item not in EmployerType.values:
            errors.append(
                _error(
                    "audience.employer_types",
                    _("Unknown employer type “%(value)s”.") % {"value": item},
                )
            )
        elif item not in cleaned:
            cleaned.append(item)
    return cleaned


def clean_targets(targets, errors):
    """``[{"name", "target_value", "unit"}]`` → validated dicts (Decimal values)."""
    if targets is None:
        return []
    if not isinstance(targets, list | tuple):
        errors.append(_error("targets", _("Give a list of targets.")))
        return []
    if len(targets) > MAX_TARGETS:
        errors.append(_error("targets", _("At most %(n)d targets.") % {"n": MAX_TARGETS}))
        return []
    cleaned = []
    for index, target in enumerate(targets):
        field = f"targets.{index}"
        if not isinstance(target, dict):
            errors.append(_error(field, _("Each target needs a name, a value and a unit.")))
            continue
        name = str(target.get("name") or "").strip()
        unit = str(target.get("unit") or "").strip()
        raw = target.get("target_value")
        if not name:
            errors.append(_error(f"{field}.name", _("Name the target.")))
        elif len(name) > 300:
            errors.append(_error(f"{field}.name", _("At most %(n)d characters.") % {"n": 300}))
        if len(unit) > 50:
            errors.append(_error(f"{field}.unit", _("At most %(n)d characters.") % {"n": 50}))
        try:
            if isinstance(raw, bool) or raw is None or str(raw).strip() == "":
                raise decimal.InvalidOperation
            value = decimal.Decimal(str(raw).strip().replace(",", "."))
            if not value.is_finite():
                raise decimal.InvalidOperation
        except (decimal.InvalidOperation, ValueError):
            errors.append(_error(f"{field}.target_value", _("Enter a number.")))
            continue
        if value < 0 or value >= 10**14:
            errors.append(
                _error(f"{field}.target_value", _("Enter a number from 0 to 99,999,999,999,999."))
            )
            continue
        cleaned.append(
            {"name": name, "target_value": value.quantize(decimal.Decimal("0.01")), "unit": unit}
        )
    return cleaned


def check_dates(movement, errors):
    """The timetable must hang together: start ≤ plans due ≤ end, mid-term inside, final after."""
    starts, ends = movement.starts_on, movement.ends_on
    if starts is None:
        errors.append(_error("starts_on", _("Give the start date.")))
    if ends is None:
        errors.append(_error("ends_on", _("Give the end date.")))
    if starts is None or ends is None:
        return
    if ends < starts:
        errors.append(_error("ends_on", _("The end date is before the start date.")))
        return
    plan_due, midterm, final = (
        movement.plan_due_on,
        movement.midterm_review_due_on,
        movement.final_review_due_on,
    )
    if plan_due is not None and plan_due > ends:
        errors.append(_error("plan_due_on", _("Plans must be due before the movement ends.")))
    if midterm is not None and not starts <= midterm <= ends:
        errors.append(
            _error(
                "midterm_review_due_on",
                _("The mid-term review falls between the start and the end of the movement."),
            )
        )
    if final is not None:
        if final < starts:
            errors.append(
                _error("final_review_due_on", _("The final review is due after the start."))
            )
        elif midterm is not None and final < midterm:
            errors.append(
                _error(
                    "final_review_due_on", _("The final review is due after the mid-term review.")
                )
            )


def _validate(movement, errors):
    if not movement.title:
        errors.append(_error("title", _("Give the movement a title.")))
    if movement.kind not in MovementKind.values:
        errors.append(_error("kind", _("Choose regular or thematic.")))
    check_dates(movement, errors)
    if errors:
        raise _invalid(errors)


def _check_launching_unit(org):
    if org.kind == OrgKind.UNION_GROUP:
        raise _invalid([_error("org_id", _("A union group does not launch movements."))])
    if not org.active:
        raise _invalid([_error("org_id", _("The unit is inactive."))])


def _prepare(fields, errors):
    """Clean ``fields`` in place; return the cleaned targets (or None when not given)."""
    targets = None
    if "targets" in fields:
        targets = clean_targets(fields.pop("targets"), errors)
    if "audience" in fields:
        audience = fields.pop("audience") or {}
        fields["audience_employer_types"] = audience.get("employer_types", [])
    if "audience_employer_types" in fields:
        fields["audience_employer_types"] = clean_employer_types(
            fields["audience_employer_types"], errors
        )
    _clean_text(fields, errors)
    _clean_dates(fields, errors)
    unknown = sorted(set(fields) - set(MOVEMENT_FIELDS))
    for name in unknown:
        errors.append(_error(name, _("This field cannot be set.")))
    return targets


def _write_targets(movement, targets):
    movement.targets.all().delete()
    MovementTarget.objects.bulk_create(
        MovementTarget(movement=movement, position=i, **t) for i, t in enumerate(targets)
    )


# --- movements ------------------------------------------------------------------------------


def create_movement(*, org, by, **fields):
    """Draft a movement of ``org``. ``targets`` is a list of ``{name, target_value, unit}``;
    ``audience_employer_types`` (or ``audience={"employer_types": [...]}``) the employer types
    addressed. Writes the movement, its targets and one audit entry."""
    require(by, "movements.add_movement", org)
    _check_launching_unit(org)
    errors = []
    targets = _prepare(fields, errors)
    movement = Movement(org=org, created_by=by, **fields)
    movement.kind = movement.kind or MovementKind.REGULAR
    _validate(movement, errors)
    with transaction.atomic():
        movement.save()
        _write_targets(movement, targets or [])
        audit.record(by, AuditEntry.Action.CREATE, movement, after=snapshot(movement))
    return movement


def update_movement(movement, *, by, version=None, **fields):
    """Change a draft (409 once launched: use ``amend_movement``); ``version`` guards (409)."""
    require(by, "movements.change_movement", movement)
    errors = []
    targets = _prepare(fields, errors)
    with transaction.atomic():
        movement = lock_for_update(movement)
        check_version(movement, version)
        if not movement.is_draft:
            raise InvalidTransition(
                _("Only a draft can be edited; a launched movement is amended with a reason.")
            )
        before = snapshot(movement)
        for key, value in fields.items():
            setattr(movement, key, value)
        _validate(movement, errors)
        movement.version += 1
        movement.save()
        if targets is not None:
            _write_targets(movement, targets)
        audit.record(
            by, AuditEntry.Action.UPDATE, movement, before=before, after=snapshot(movement)
        )
    return movement


def amend_movement(movement, *, by, reason, version=None, **fields):
    """Change a launched movement, recording a ``MovementAmendment`` (who, when, what, why).

    The audience cannot change after the launch. The units addressed are notified.
    """
    require(by, "movements.change_movement", movement)
    reason = (reason or "").strip()
    errors = []
    if not reason:
        errors.append(_error("reason", _("Give the reason for the amendment.")))
    if "audience" in fields or "audience_employer_types" in fields:
        errors.append(
            _error("audience", _("The audience cannot change once the movement is launched."))
        )
        fields.pop("audience", None)
        fields.pop("audience_employer_types", None)
    targets = _prepare(fields, errors)
    with transaction.atomic():
        movement = lock_for_update(movement)
        check_version(movement, version)
        if not movement.is_launched:
            raise InvalidTransition(
                _("Only a launched movement is amended; a draft is simply edited.")
                if movement.is_draft
                else _("A closed movement cannot be changed.")
            )
        before = snapshot(movement)
        for key, value in fields.items():
            setattr(movement, key, value)
        _validate(movement, errors)
        if targets is not None:
            _write_targets(movement, targets)
        after = snapshot(movement)
        changed = [k for k in after if k not in ("version",) and after[k] != before.get(k)]
        if not changed:
            raise _invalid([_error("__all__", _("Nothing was changed."))])
        movement.version += 1
        movement.save()
        after["version"] = movement.version
        amendment = MovementAmendment.objects.create(
            movement=movement,
            by=by if getattr(by, "pk", None) else None,
            reason=reason,
            before={k: before.get(k) for k in changed},
            after={k: after[k] for k in changed},
        )
        audit.record(
            by, AuditEntry.Action.UPDATE, movement, before=before, after=after, comment=reason
        )
        notify(
            plan_recipients(movement.plans.values_list("org_id", flat=True)),
            title=_("Movement amended: %(title)s") % {"title": movement.title},
            body=reason,
            url=reverse("movements:movement_detail", args=[movement.pk]),
            key=f"movement-amend-{amendment.pk}",
        )
    return movement


def audience_units(movement):
    """The active units a launch addresses: grassroots unions below a sector (filtered by the
    employer types), or the union groups directly below a grassroots union."""
    org = movement.org
    units = OrgUnit.objects.filter(active=True, path__startswith=org.path).exclude(pk=org.pk)
    if org.kind == OrgKind.GRASSROOTS_UNION:
        return units.filter(kind=OrgKind.UNION_GROUP, parent=org)
    units = units.filter(kind=OrgKind.GRASSROOTS_UNION)
    if movement.audience_employer_types:
        units = units.filter(employer_type__in=movement.audience_employer_types)
    return units


def plan_recipients(org_ids):
    """Users to tell about a unit's plan: the designated officers and the chairs and emulation
    officers holding a role at those units."""
    org_ids = list(org_ids)
    today = timezone.localdate()
    designated = OfficerDesignation.objects.filter(
        org_id__in=org_ids, since__lte=today, member__user__isnull=False
    ).filter(Q(until__isnull=True) | Q(until__gte=today))
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(pk__in=designated.values("member__user_id"))
            | Q(
                roles__org_id__in=org_ids,
                roles__role__in=[Role.GRASSROOTS_CHAIR, Role.GRASSROOTS_OFFICER],
            )
        )
        .distinct()
    )


def movement_warnings(movement):
    """Other launched movements running at the same time for some of the same units.

    Returns ``{"overlaps": [{"movement_id", "title", "starts_on", "ends_on", "units"}],
    "units": [{"org_id", "name", "running"}], "max_concurrent", "threshold",
    "confirmation_required", "messages"}``. ``running`` counts the other movements each affected
    unit already runs; ``max_concurrent`` includes this one. Three queries.
    """
    empty = {
        "overlaps": [],
        "units": [],
        "max_concurrent": 1,
        "threshold": overlap_threshold(),
        "confirmation_required": False,
        "messages": [],
    }
    if movement.is_closed or movement.starts_on is None or movement.ends_on is None:
        return empty
    if movement.is_draft:
        unit_ids = audience_units(movement).values("pk")
    else:
        unit_ids = movement.plans.values("org_id")
    others = UnitPlan.objects.filter(
        org_id__in=unit_ids,
        movement__status=MovementStatus.LAUNCHED,
        movement__starts_on__lte=movement.ends_on,
        movement__ends_on__gte=movement.starts_on,
    ).exclude(movement_id=movement.pk)
    overlaps = list(
        others.values("movement_id", "movement__title", "movement__starts_on", "movement__ends_on")
        .annotate(units=Count("org_id", distinct=True))
        .order_by("movement__starts_on", "movement_id")
    )
    if not overlaps:
        return empty
    units = list(
        others.values("org_id", "org__name")
        .annotate(running=Count("movement_id", distinct=True))
        .order_by("-running", "org__path")
    )
    max_concurrent = 1 + max(u["running"] for u in units)
    threshold = overlap_threshold()
    messages = [
        _("“%(title)s” runs from %(start)s to %(end)s for %(count)d of the same units.")
        % {
            "title": o["movement__title"],
            "start": o["movement__starts_on"].strftime("%d/%m/%Y"),
            "end": o["movement__ends_on"].strftime("%d/%m/%Y"),
            "count": o["units"],
        }
        for o in overlaps
    ]
    messages.append(
        _("Some units would run %(n)d movements at the same time (%(unit)s).")
        % {"n": max_concurrent, "unit": units[0]["org__name"]}
    )
    return {
        "overlaps": [
            {
                "movement_id": o["movement_id"],
                "title": o["movement__title"],
                "starts_on": o["movement__starts_on"],
                "ends_on": o["movement__ends_on"],
                "units": o["units"],
            }
            for o in overlaps
        ],
        "units": [
            {"org_id": u["org_id"], "name": u["org__name"], "running": u["running"]} for u in units
        ],
        "max_concurrent": max_concurrent,
        "threshold": threshold,
        "confirmation_required": movement.is_draft and max_concurrent > threshold,
        "messages": [str(m) for m in messages],
    }


def _check_ready_to_launch(movement):
    errors = []
    if movement.plan_due_on is None:
        errors.append(_error("plan_due_on", _("Set the date by which units send their plans.")))
    if movement.final_review_due_on is None:
        errors.append(_error("final_review_due_on", _("Set the date of the final review.")))
    if errors:
        raise InvalidInput(_("The movement is not ready to be launched."), errors=errors)


def launch_movement(movement, *, by, confirm=False, as_cong_van=False, version=None):
    """Launch a draft: one plan slot per unit addressed, the numbered launch document (a KH, or
    a công văn with ``as_cong_van``) issued by the launching unit, and a notification to the
    units' officers and chairs.

    When a unit would run more concurrent movements than ``MOVEMENT_OVERLAP_CONFIRM_THRESHOLD``,
    the launch needs ``confirm=True`` (422 with the reasons otherwise). Refused from any state
    but draft (409). Side effects: plans, a document with its number and file, a transition row,
    audit entries, notifications (emails after the commit).
    """
    require(by, "movements.launch_movement", movement)
    with transaction.atomic():
        movement = lock_for_update(movement)
        check_version(movement, version)
        if not movement.is_draft:
            raise InvalidTransition(_("Only a draft movement can be launched."))
        _check_ready_to_launch(movement)
        units = list(audience_units(movement).order_by("path"))
        if not units:
            raise RuleViolation(
                _("No active unit matches the audience; nobody would receive the movement."),
                reasons=[_("Check the employer types of the audience.")],
            )
        warnings = movement_warnings(movement)
        if warnings["confirmation_required"] and not confirm:
            raise RuleViolation(
                _(
                    "Some units would run %(n)d movements at the same time (more than "
                    "%(threshold)d); confirm the launch."
                )
                % {"n": warnings["max_concurrent"], "threshold": warnings["threshold"]},
                reasons=warnings["messages"],
            )
        today = timezone.localdate()
        UnitPlan.objects.bulk_create(UnitPlan(movement=movement, org=unit) for unit in units)
        movement.launched_on = today
        movement.launched_by = by if getattr(by, "pk", None) else None
        transition(
            movement,
            MovementStatus.LAUNCHED,
            by=by,
            allowed=MOVEMENT_TRANSITIONS,
            comment=_("%(n)d units addressed") % {"n": len(units)},
        )
        from thidua.movements.launch_document import issue_launch_document

        document = issue_launch_document(movement, by=by, units=units, as_cong_van=as_cong_van)
        Movement.objects.filter(pk=movement.pk).update(launch_document=document)
        movement.launch_document = document
        notify(
            plan_recipients(u.pk for u in units),
            title=_("New emulation movement: %(title)s") % {"title": movement.title},
            body=_("Your unit is asked to send its plan by %(date)s (%(document)s).")
            % {
                "date": movement.plan_due_on.strftime("%d/%m/%Y"),
                "document": document.number_symbol,
            },
            url=reverse("movements:movement_detail", args=[movement.pk]),
            key=f"movement-launch-{movement.pk}",
        )
    return movement


def close_movement(
    movement, *, by, final_review_summary, reviewed_on, final_review_document=None, version=None
):
    """Close a launched movement with its final review (tổng kết): a summary and its date,
    optionally the review document. 422 without the review, 409 from any state but launched."""
    require(by, "movements.close_movement", movement)
    summary = (final_review_summary or "").strip()
    errors = []
    if not summary:
        errors.append(_error("final_review_summary", _("Write the final review.")))
    if len(summary) > MAX_TEXT:
        errors.append(
            _error("final_review_summary", _("At most %(n)d characters.") % {"n": MAX_TEXT})
        )
    if not isinstance(reviewed_on, datetime.date) or isinstance(reviewed_on, datetime.datetime):
        errors.append(_error("reviewed_on", _("Give the date of the final review.")))
    elif reviewed_on > timezone.localdate():
        errors.append(_error("reviewed_on", _("The review date cannot be later than today.")))
    elif reviewed_on < movement.starts_on:
        errors.append(_error("reviewed_on", _("The review cannot precede the movement's start.")))
    if final_review_document is not None and not final_review_document.org.is_within(movement.org):
        errors.append(
            _error("final_review_document_id", _("Attach a document of the launching unit."))
        )
    with transaction.atomic():
        movement = lock_for_update(movement)
        check_version(movement, version)
        if not movement.is_launched:
            raise InvalidTransition(_("Only a launched movement can be closed."))
        if errors:
            raise InvalidInput(_("The final review is missing or invalid."), errors=errors)
        movement.final_review_summary = summary
        movement.reviewed_on = reviewed_on
        movement.final_review_document = final_review_document
        transition(
            movement, MovementStatus.CLOSED, by=by, allowed=MOVEMENT_TRANSITIONS, comment=summary
        )
    return movement


# --- plans ----------------------------------------------------------------------------------


def _plan_still_open(plan):
    if not plan.movement.is_launched:
        raise InvalidTransition(_("The movement is not running; its plans are closed."))


def submit_plan(plan, *, by, summary, document=None, version=None):
    """The unit sends (or re-sends after a return) its plan. Records when, and whether it was on
    time against the movement's ``plan_due_on``. The document, if any, must be the unit's own."""
    require(by, "movements.submit_plan", plan)
    summary = (summary or "").strip()
    errors = []
    if not summary:
        errors.append(_error("summary", _("Summarise the unit's plan.")))
    elif len(summary) > MAX_TEXT:
        errors.append(_error("summary", _("At most %(n)d characters.") % {"n": MAX_TEXT}))
    if document is not None and not document.org.is_within(plan.org):
        errors.append(_error("document_id", _("Attach a document of your own unit.")))
    with transaction.atomic():
        plan = lock_for_update(plan)
        check_version(plan, version)
        _plan_still_open(plan)
        if not plan.is_open:
            raise InvalidTransition(
                _("This plan is “%(status)s”; it cannot be sent again.")
                % {"status": plan.get_status_display()}
            )
        if errors:
            raise _invalid(errors)
        now = timezone.now()
        due = plan.movement.plan_due_on
        plan.summary = summary
        plan.document = document
        plan.submitted_at = now
        plan.submitted_by = by if getattr(by, "pk", None) else None
        plan.on_time = due is None or timezone.localdate(now) <= due
        plan.returned_reason = ""
        transition(
            plan, PlanStatus.SUBMITTED, by=by, allowed=PLAN_TRANSITIONS, comment=summary[:500]
        )
        if document is not None and (
            document.content_type_id is None or document.object_id != plan.pk
        ):
            from thidua.documents.services import link_document

            link_document(document, plan, by=by)
    return plan


def accept_plan(plan, *, by, version=None):
    """The launching level accepts a submitted plan."""
    require(by, "movements.review_plan", plan)
    with transaction.atomic():
        plan = lock_for_update(plan)
        check_version(plan, version)
        _plan_still_open(plan)
        plan.reviewed_at = timezone.now()
        plan.reviewed_by = by if getattr(by, "pk", None) else None
        transition(plan, PlanStatus.ACCEPTED, by=by, allowed=PLAN_TRANSITIONS)
    return plan


def return_plan(plan, *, by, reason, version=None):
    """The launching level returns a submitted plan for revision, with the reason; the unit's
    officers and chair are notified."""
    require(by, "movements.review_plan", plan)
    reason = (reason or "").strip()
    with transaction.atomic():
        plan = lock_for_update(plan)
        check_version(plan, version)
        _plan_still_open(plan)
        if plan.status != PlanStatus.SUBMITTED:
            raise InvalidTransition(_("Only a submitted plan can be returned."))
        if not reason:
            raise _invalid([_error("reason", _("Give the reason for returning the plan."))])
        plan.returned_reason = reason
        plan.reviewed_at = timezone.now()
        plan.reviewed_by = by if getattr(by, "pk", None) else None
        transition(plan, PlanStatus.RETURNED, by=by, allowed=PLAN_TRANSITIONS, comment=reason)
        notify(
            plan_recipients([plan.org_id]),
            title=_("Plan returned: %(title)s") % {"title": plan.movement.title},
            body=reason,
            url=reverse("movements:plan_detail", args=[plan.pk]),
            key=f"plan-return-{plan.pk}-{plan.version}",
        )
    return plan


# --- pledges --------------------------------------------------------------------------------


def pledging_units(movement):
    """Units that may register pledges: those the movement addresses."""
    return OrgUnit.objects.filter(pk__in=movement.plans.values("org_id"))


def record_pledges(movement, *, org, by, entries, progress=None):
    """Register pledges of ``org`` for a running movement, all or nothing.

    ``entries``: ``[{"member": Member | None, "commitments": str}]`` (``None``: the unit's
    collective pledge). A member must belong to ``org`` or its union groups. A second pledge of the
    same member (or a second collective one) replaces the first. Errors carry ``row`` (from 1).
    ``progress(n)``, when given, is told how many entries are written so far (an import's job).
    Returns the pledges written.
    """
    require(by, "movements.record_pledges", org)
    if not movement.is_launched:
        raise InvalidTransition(_("Pledges are registered while the movement is running."))
    if not movement.plans.filter(org=org).exists():
        raise _invalid([_error("org_id", _("The movement is not addressed to this unit."))])
    errors, seen, cleaned = [], set(), []
    if not entries:
        raise _invalid([_error("entries", _("Enter at least one pledge."))])
    for row, entry in enumerate(entries, start=1):
        member = entry.get("member")
        text = (entry.get("commitments") or "").strip()
        if not text:
            errors.append(
                {"row": row, "field": "commitments", "message": _("Write the commitments.")}
            )
        elif len(text) > MAX_TEXT:
            errors.append(
                {
                    "row": row,
                    "field": "commitments",
                    "message": _("At most %(n)d characters.") % {"n": MAX_TEXT},
                }
            )
        if member is not None:
            if not member.org_path.startswith(org.path):
                errors.append(
                    {
                        "row": row,
                        "field": "member_id",
                        "message": _("The member is not in this unit."),
                    }
                )
            elif not member.active:
                errors.append(
                    {
                        "row": row,
                        "field": "member_id",
                        "message": _("The member has left the union."),
                    }
                )
        key = member.pk if member is not None else None
        if key in seen:
            errors.append(
                {
                    "row": row,
                    "field": "member_id",
                    "message": _("This member appears twice.")
                    if member is not None
                    else _("Only one collective pledge per unit."),
                }
            )
        seen.add(key)
        cleaned.append((member, text))
    if errors:
        raise InvalidInput(
            _("Nothing was saved: %(count)d problems.") % {"count": len(errors)}, errors=errors
        )
    written = []
    with transaction.atomic():
        existing = {
            p.member_id: p
            for p in Pledge.objects.select_for_update()
            .filter(movement=movement, org=org)
            .order_by("pk")
        }
        for member, text in cleaned:
            pledge = existing.get(member.pk if member is not None else None)
            if pledge is None:
                pledge = Pledge.objects.create(
                    movement=movement, org=org, member=member, commitments=text, created_by=by
                )
                audit.record(by, AuditEntry.Action.CREATE, pledge, after=audit.snapshot(pledge))
            elif pledge.commitments != text:
                before = audit.snapshot(pledge)
                pledge.commitments = text
                pledge.version += 1
                pledge.save()
                audit.record(
                    by,
                    AuditEntry.Action.UPDATE,
                    pledge,
                    before=before,
                    after=audit.snapshot(pledge),
                )
            written.append(pledge)
            if progress is not None:
                progress(len(written))
    return written


def members_for_pledges(org):
    """The active members who may pledge for ``org`` (the unit and its union groups)."""
    return Member.objects.filter(active=True, org_path__startswith=org.path).in_vietnamese_order()
