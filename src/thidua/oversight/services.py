"""The writes on inspections and trainings. Views, the API and commands call these.

Every write checks the actor's permission, validates (``InvalidInput`` with ``{"field",
"message"}`` errors, nothing written), writes and appends the audit entry in one transaction;
state changes go through ``core.workflow.transition``.
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.roles import Role
from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput, InvalidTransition, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.notifications import notify
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.core.workflow import transition
from thidua.organizations.models import Member, OrgKind
from thidua.oversight.indicators import designations_in_force, training_of
from thidua.oversight.models import (
    INSPECTION_TRANSITIONS,
    Attendance,
    Inspection,
    InspectionLink,
    InspectionPlan,
    InspectionStatus,
    InspectionTopic,
    Recommendation,
    TrainingCourse,
    TrainingDeadline,
)
from thidua.oversight.rules import TEAM_ROLES

MAX_TITLE = 300
MAX_TEXT = 20_000
MAX_RECOMMENDATIONS = 50
MAX_ATTENDEES = 2_000
# Days before a training deadline when untrained officers start being reminded.
TRAINING_REMINDER_DAYS = 14
# Records an inspection finding may point at: kind → (app label, model name).
LINKABLE = {"nomination": ("nominations", "Nomination"), "exemplar": ("exemplars", "Exemplar")}


def _error(field, message):
    return {"field": field, "message": str(message)}


def _invalid(errors, detail=None):
    return InvalidInput(detail or _("Some fields are invalid."), errors=errors)


def _text(value, field, errors, *, required=False, limit=MAX_TEXT):
    value = "" if value is None else str(value).strip()
    if required and not value:
        errors.append(_error(field, _("This field is required.")))
    elif len(value) > limit:
        errors.append(_error(field, _("At most %(n)d characters.") % {"n": limit}))
    return value


def _date(value, field, errors, *, required=True):
    if value is None:
        if required:
            errors.append(_error(field, _("Enter a valid date.")))
        return None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        errors.append(_error(field, _("Enter a valid date.")))
        return None
    return value


def inspection_snapshot(inspection):
    data = audit.snapshot(
        inspection,
        (
            "plan",
            "org",
            "inspecting_org",
            "planned_on",
            "held_on",
            "topic",
            "topic_detail",
            "status",
            "findings",
            "version",
        ),
    )
    if inspection.pk:
        data["team"] = sorted(inspection.team.values_list("pk", flat=True))
    return data


# --- inspection plans and inspections -------------------------------------------------------


def create_inspection_plan(*, by, org, year, title=""):
    """The annual inspection plan of ``org`` (one per year: a second one is a 409)."""
    require(by, "oversight.add_inspection_plan", org)
    errors = []
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors.append(_error("year", _("Enter a year from 2000 to 2100.")))
    title = _text(title, "title", errors, limit=MAX_TITLE)
    if errors:
        raise _invalid(errors)
    title = title or _("Inspection plan %(year)d of %(unit)s") % {"year": year, "unit": org.name}
    with transaction.atomic():
        if InspectionPlan.objects.filter(org=org, year=year).exists():
            raise Conflict(
                _("This unit already has an inspection plan for %(year)d.") % {"year": year}
            )
        plan = InspectionPlan.objects.create(org=org, year=year, title=title, created_by=by)
        audit.record(by, AuditEntry.Action.CREATE, plan, after=audit.snapshot(plan))
    return plan


def _check_team(team, org, errors):
    """Team members must hold an inspector or sector staff role reaching the inspected unit."""
    members = []
    for user in team:
        if (
            not isinstance(user, User)
            or not user.is_active
            or not (user.roles_at(org) & TEAM_ROLES)
        ):
            label = getattr(user, "username", user)
            errors.append(
                _error(
                    "team_ids",
                    _(
                        "%(user)s cannot sit on this inspection team (an inspector or sector staff "
                        "above the inspected unit)."
                    )
                    % {"user": label},
                )
            )
        else:
            members.append(user)
    return members


def _default_inspecting_org(by, org):
    """The nearest unit strictly above ``org`` where ``by`` plans inspections, else its parent.

    Refuses (422) a unit with nothing above it in the planner's reach: one cannot inspect one's
    own unit.
    """
    above = [
        a.org
        for a in getattr(by, "role_assignments", [])
        if a.role in TEAM_ROLES and org.path.startswith(a.org.path) and a.org.path != org.path
    ]
    if above:
        return max(above, key=lambda unit: len(unit.path))
    holds_here = getattr(by, "is_authenticated", False) and by.roles_at(org) & TEAM_ROLES
    if org.parent is None or holds_here:
        raise _invalid(
            [_error("org_id", _("The inspected unit must be below the inspecting unit."))]
        )
    return org.parent


def create_inspection(
    *,
    by,
    org,
    planned_on,
    topic,
    plan=None,
    team=(),
    inspecting_org=None,
    topic_detail="",
):
    """Plan an inspection of ``org`` (a lower unit) by ``inspecting_org``.

    The inspecting unit is the plan's unit, else the one given, else the inspected unit's parent.
    The team defaults to the planner. Side effects: the inspection, its audit entry, and a
    notification to the inspected unit's chair.
    """
    if plan is not None:
        inspecting_org = plan.org
    inspecting_org = inspecting_org or _default_inspecting_org(by, org)
    require(by, "oversight.add_inspection", inspecting_org)
    errors = []
    if not (org.path.startswith(inspecting_org.path) and org.pk != inspecting_org.pk):
        errors.append(_error("org_id", _("The inspected unit must be below the inspecting unit.")))
    elif not org.active:
        errors.append(_error("org_id", _("The inspected unit is no longer active.")))
    planned_on = _date(planned_on, "planned_on", errors)
    if topic not in InspectionTopic.values:
        errors.append(_error("topic", _("Choose the topic of the inspection.")))
    topic_detail = _text(topic_detail, "topic_detail", errors, limit=MAX_TITLE)
    if plan is not None and planned_on is not None and plan.year != planned_on.year:
        errors.append(
            _error(
                "planned_on",
                _("The date falls outside the plan's year %(year)d.") % {"year": plan.year},
            )
        )
    team_members = _check_team(list(team) or [by], org, errors)
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            plan=plan,
            org=org,
            inspecting_org=inspecting_org,
            planned_on=planned_on,
            topic=topic,
            topic_detail=topic_detail,
            created_by=by,
        )
        inspection.team.set(team_members)
        audit.record(
            by, AuditEntry.Action.CREATE, inspection, after=inspection_snapshot(inspection)
        )
        notify(
            unit_contacts(org),
            title=_("Inspection planned: %(unit)s") % {"unit": org.name},
            body=_("%(by)s plans an inspection of %(unit)s on %(date)s.")
            % {"by": inspecting_org.name, "unit": org.name, "date": f"{planned_on:%d/%m/%Y}"},
            url=inspection_url(inspection),
            key=f"inspection-{inspection.pk}-planned",
        )
    return inspection


def start_inspection(inspection, *, by, version=None):
    """The team arrives: planned → in progress."""
    require(by, "oversight.record_findings", inspection)
    with transaction.atomic():
        inspection = lock_for_update(inspection)
        check_version(inspection, version)
        return transition(
            inspection, InspectionStatus.IN_PROGRESS, by=by, allowed=INSPECTION_TRANSITIONS
        )


def clean_recommendations(items, *, default_due=None, held_on=None):
    """``[{"text", "follow_up_due_on"}]`` (or plain strings, due on ``default_due``) → cleaned
    dicts; raises ``InvalidInput`` naming ``recommendations.<i>.<field>``."""
    errors = []
    if items is None:
        items = []
    if isinstance(items, str):
        items = [line for line in items.splitlines() if line.strip()]
    if not isinstance(items, list | tuple):
        raise _invalid([_error("recommendations", _("Give a list of recommendations."))])
    if len(items) > MAX_RECOMMENDATIONS:
        raise _invalid(
            [
                _error(
                    "recommendations",
                    _("At most %(n)d recommendations.") % {"n": MAX_RECOMMENDATIONS},
                )
            ]
        )
    cleaned = []
    for index, item in enumerate(items):
        field = f"recommendations.{index}"
        if isinstance(item, str):
            item = {"text": item, "follow_up_due_on": default_due}
        if not isinstance(item, dict):
            errors.append(
                _error(field, _("Each recommendation needs a text and a follow-up date."))
            )
            continue
        text = _text(item.get("text"), f"{field}.text", errors, required=True)
        due = item.get("follow_up_due_on") or default_due
        if due is None:
            errors.append(_error(f"{field}.follow_up_due_on", _("Give the follow-up date.")))
            continue
        due = _date(due, f"{field}.follow_up_due_on", errors)
        if due is not None and held_on is not None and due < held_on:
            errors.append(
                _error(
                    f"{field}.follow_up_due_on",
                    _("The follow-up date cannot be before the inspection."),
                )
            )
        cleaned.append({"text": text, "follow_up_due_on": due})
    if errors:
        raise _invalid(errors)
    return cleaned


def record_findings(
    inspection, *, by, findings, recommendations=(), held_on=None, default_due=None, version=None
):
    """Record what the inspection found and what the unit must put right.

    ``recommendations`` is a list of ``{"text", "follow_up_due_on"}`` (or strings due on
    ``default_due``). Moves the inspection to ``findings_recorded`` (409 from another state);
    notifies the inspected unit's chair and officer.
    """
    require(by, "oversight.record_findings", inspection)
    errors = []
    findings = _text(findings, "findings", errors, required=True)
    held_on = _date(held_on, "held_on", errors, required=False) or timezone.localdate()
    if held_on < inspection.planned_on - datetime.timedelta(days=366):
        errors.append(_error("held_on", _("The inspection date is too far from the planned date.")))
    if held_on > timezone.localdate():
        errors.append(_error("held_on", _("The inspection cannot be held in the future.")))
    if errors:
        raise _invalid(errors)
    items = clean_recommendations(recommendations, default_due=default_due, held_on=held_on)
    with transaction.atomic():
        inspection = lock_for_update(inspection)
        check_version(inspection, version)
        if not inspection.accepts_findings:
            raise InvalidTransition(
                _("Findings can be recorded only on a planned or running inspection.")
            )
        inspection.findings = findings
        inspection.held_on = held_on
        inspection.findings_recorded_by = by
        Recommendation.objects.bulk_create(
            [
                Recommendation(inspection=inspection, position=index, **item)
                for index, item in enumerate(items)
            ]
        )
        inspection = transition(
            inspection,
            InspectionStatus.FINDINGS_RECORDED,
            by=by,
            allowed=INSPECTION_TRANSITIONS,
            comment=findings[:500],
        )
        if items:
            notify(
                unit_contacts(inspection.org),
                title=_("Inspection recommendations for %(unit)s") % {"unit": inspection.org.name},
                body=_("The inspection of %(date)s left %(n)d recommendation(s) to answer.")
                % {"date": f"{held_on:%d/%m/%Y}", "n": len(items)},
                url=inspection_url(inspection),
                key=f"inspection-{inspection.pk}-findings",
            )
    return inspection


def respond_to_recommendation(recommendation, *, by, response):
    """The inspected unit answers a recommendation (a later answer replaces it until closing)."""
    require(by, "oversight.respond_to_recommendation", recommendation)
    errors = []
    response = _text(response, "response", errors, required=True)
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        inspection = recommendation.inspection
        if inspection.status != InspectionStatus.FINDINGS_RECORDED:
            raise InvalidTransition(
                _("Recommendations are answered after the findings and before the closing.")
            )
        before = audit.snapshot(recommendation, ("response", "responded_at", "responded_by"))
        recommendation.response = response
        recommendation.responded_at = timezone.now()
        recommendation.responded_by = by
        recommendation.save(update_fields=["response", "responded_at", "responded_by"])
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            recommendation,
            before=before,
            after=audit.snapshot(recommendation, ("response", "responded_at", "responded_by")),
            org_path=inspection.org.path,
        )
    return recommendation


def close_inspection(inspection, *, by, version=None):
    """Close an inspection whose findings are recorded and every recommendation answered.

    409 from another state; 422 listing the recommendations still unanswered.
    """
    require(by, "oversight.close_inspection", inspection)
    with transaction.atomic():
        inspection = lock_for_update(inspection)
        check_version(inspection, version)
        if inspection.status != InspectionStatus.FINDINGS_RECORDED:
            raise InvalidTransition(_("Only an inspection with recorded findings can be closed."))
        unanswered = list(inspection.recommendations.unanswered())
        if unanswered:
            raise RuleViolation(
                _("%(n)d recommendation(s) have no answer from the unit yet.")
                % {"n": len(unanswered)},
                reasons=[
                    _("Unanswered (due %(date)s): %(text)s")
                    % {"date": f"{r.follow_up_due_on:%d/%m/%Y}", "text": r.text[:200]}
                    for r in unanswered
                ],
            )
        inspection.closed_on = timezone.localdate()
        return transition(
            inspection, InspectionStatus.CLOSED, by=by, allowed=INSPECTION_TRANSITIONS
        )


def link_finding(inspection, *, by, record, note=""):
    """Point a finding at ``record`` (a nomination or an exemplar), with a note.

    A false dossier found by the inspection is recorded this way against its nomination (the
    revocation itself is a later step). A second link to the same record is a 409.
    """
    require(by, "oversight.record_findings", inspection)
    errors = []
    note = _text(note, "note", errors)
    if errors:
        raise _invalid(errors)
    if inspection.status == InspectionStatus.CLOSED:
        raise InvalidTransition(_("A closed inspection cannot be changed."))
    content_type = ContentType.objects.get_for_model(record)
    try:
        with transaction.atomic():
            link = InspectionLink.objects.create(
                inspection=inspection,
                content_type=content_type,
                object_id=record.pk,
                note=note,
                created_by=by,
            )
            audit.record(
                by,
                AuditEntry.Action.CREATE,
                link,
                after={
                    "inspection": inspection.pk,
                    "record": f"{content_type.model}:{record.pk}",
                    "note": note,
                },
                org_path=inspection.org.path,
            )
    except IntegrityError as exc:
        raise Conflict(_("This record is already linked to the inspection.")) from exc
    return link


def linkable_model(kind):
    """The model of a linkable ``kind`` ("nomination", "exemplar"), or None if not installed."""
    if kind not in LINKABLE:
        return None
    try:
        return apps.get_model(*LINKABLE[kind])
    except LookupError:
        return None


def exemplar_register_available():
    try:
        from thidua.exemplars import services as exemplar_services
    except ImportError:
        return False
    return hasattr(exemplar_services, "create_exemplar")


def record_exemplar_found(
    inspection, *, by, story, member=None, org=None, title="", achievements=""
):
    """An inspection found a model: register the exemplar (source "inspection") and link it.

    Needs the exemplar register (``thidua.exemplars.services.create_exemplar``); without it the
    request is refused with 422 and nothing is written.
    """
    require(by, "oversight.record_findings", inspection)
    if inspection.status == InspectionStatus.CLOSED:
        raise InvalidTransition(_("A closed inspection cannot be changed."))
    errors = []
    if (member is None) == (org is None):
        errors.append(_error("member_id", _("Choose either a member or a unit as the exemplar.")))
    elif member is not None and not member.org_path.startswith(inspection.org.path):
        errors.append(_error("member_id", _("The member must belong to the inspected unit.")))
    elif org is not None and not org.path.startswith(inspection.org.path):
        errors.append(
            _error("org_id", _("The unit must be the inspected unit or one of its groups."))
        )
    story = _text(story, "story", errors, required=True)
    if errors:
        raise _invalid(errors)
    try:
        from thidua.exemplars.services import create_exemplar
    except ImportError as exc:
        raise RuleViolation(_("The register of exemplars is not available yet.")) from exc
    with transaction.atomic():
        exemplar = create_exemplar(
            by=by,
            owner_org=inspection.inspecting_org,
            member=member,
            org=org,
            source="inspection",
            story=story,
            title=title,
            achievements=achievements,
            inspection=inspection,
        )
        link_finding(inspection, by=by, record=exemplar, note=title or story[:200])
    return exemplar


# --- notifications --------------------------------------------------------------------------


def inspection_url(inspection):
    return reverse("oversight:inspection_detail", args=[inspection.pk])


def _role_holders(org, role):
    """Active users holding ``role`` at ``org`` itself."""
    return list(User.objects.filter(is_active=True, roles__role=role, roles__org=org).distinct())


def officer_users(org):
    """The designated officer's account, else the unit's ``grassroots_officer`` role holders."""
    term = (
        designations_in_force(timezone.localdate())
        .filter(org=org)
        .select_related("member__user")
        .first()
    )
    user = term.member.user if term is not None else None
    if user is not None and user.is_active:
        return [user]
    return _role_holders(org, Role.GRASSROOTS_OFFICER)


def chair_users(org):
    return _role_holders(org, Role.GRASSROOTS_CHAIR)


def unit_contacts(org):
    """The chair and the officer of ``org``, once each."""
    return list({u.pk: u for u in [*chair_users(org), *officer_users(org)]}.values())


# --- trainings ------------------------------------------------------------------------------

COURSE_FIELDS = ("title", "held_on", "organiser", "content", "counts_for_indicator")


def _clean_course(fields, errors, *, partial=False):
    cleaned = {}
    if "title" in fields or not partial:
        cleaned["title"] = _text(
            fields.get("title"), "title", errors, required=True, limit=MAX_TITLE
        )
    if "held_on" in fields or not partial:
        cleaned["held_on"] = _date(fields.get("held_on"), "held_on", errors)
    if "organiser" in fields:
        cleaned["organiser"] = _text(fields["organiser"], "organiser", errors, limit=MAX_TITLE)
    if "content" in fields:
        cleaned["content"] = _text(fields["content"], "content", errors)
    if "counts_for_indicator" in fields:
        cleaned["counts_for_indicator"] = bool(fields["counts_for_indicator"])
    unknown = set(fields) - set(COURSE_FIELDS)
    for name in sorted(unknown):
        errors.append(_error(name, _("Unknown field.")))
    return cleaned


def create_course(*, by, org, **fields):
    """Record a training course organised by ``org`` (fields: ``COURSE_FIELDS``)."""
    require(by, "oversight.add_trainingcourse", org)
    errors = []
    cleaned = _clean_course(fields, errors)
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        course = TrainingCourse.objects.create(org=org, created_by=by, **cleaned)
        audit.record(by, AuditEntry.Action.CREATE, course, after=audit.snapshot(course))
    return course


def update_course(course, *, by, version=None, **fields):
    require(by, "oversight.add_trainingcourse", course.org)
    errors = []
    cleaned = _clean_course(fields, errors, partial=True)
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        course = lock_for_update(course)
        check_version(course, version)
        before = audit.snapshot(course)
        for name, value in cleaned.items():
            setattr(course, name, value)
        course.version += 1
        course.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, course, before=before, after=audit.snapshot(course)
        )
    return course


def attendable_members(user, course):
    """Members ``user`` may record at ``course``: active, visible, in the organiser's subtree."""
    return Member.objects.visible_to(user).filter(active=True, org_path__startswith=course.org.path)


def record_attendance(course, *, by, member_ids):
    """Record that the members ``member_ids`` attended ``course``; all or nothing.

    Unknown or invisible ids (or members outside the organiser's subtree) are refused with 422
    listing them, and nothing is written. Members already recorded are left as they are (the call
    is idempotent). Returns ``{"added": [ids], "already": [ids]}``.
    """
    require(by, "oversight.record_attendance", course)
    if not isinstance(member_ids, list | tuple | set):
        raise _invalid([_error("member_ids", _("Give a list of member ids."))])
    ids = []
    for value in member_ids:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid([_error("member_ids", _("Member ids are whole numbers."))])
        if value not in ids:
            ids.append(value)
    if not ids:
        raise _invalid([_error("member_ids", _("Choose at least one member."))])
    if len(ids) > MAX_ATTENDEES:
        raise _invalid(
            [_error("member_ids", _("At most %(n)d members at once.") % {"n": MAX_ATTENDEES})]
        )
    found = set(attendable_members(by, course).filter(pk__in=ids).values_list("pk", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(
            _("Some members are unknown, inactive or outside your reach: %(ids)s.")
            % {"ids": ", ".join(str(i) for i in missing)},
            errors=[
                _error("member_ids", _("No member %(id)d among those you may record.") % {"id": i})
                for i in missing
            ],
        )
    with transaction.atomic():
        TrainingCourse.objects.select_for_update().filter(pk=course.pk).first()
        already = set(
            Attendance.objects.filter(course=course, member_id__in=ids).values_list(
                "member_id", flat=True
            )
        )
        added = [i for i in ids if i not in already]
        Attendance.objects.bulk_create(
            [Attendance(course=course, member_id=i, recorded_by=by) for i in added]
        )
        if added:
            audit.record(
                by,
                AuditEntry.Action.UPDATE,
                course,
                after={"attendance_added": added},
            )
    return {"added": added, "already": [i for i in ids if i in already]}


def remove_attendance(course, *, by, member):
    """Remove a member's attendance recorded by mistake."""
    require(by, "oversight.record_attendance", course)
    with transaction.atomic():
        deleted, _rows = Attendance.objects.filter(course=course, member=member).delete()
        if deleted:
            audit.record(
                by, AuditEntry.Action.UPDATE, course, after={"attendance_removed": [member.pk]}
            )
    return bool(deleted)


def set_training_deadline(*, by, org, year, due_on):
    """Set (or move) the date by which every officer under ``org`` should be trained in ``year``."""
    require(by, "oversight.set_training_deadline", org)
    errors = []
    if org.kind not in (OrgKind.SECTOR_UNION, OrgKind.FEDERATION, OrgKind.CONFEDERATION):
        errors.append(_error("org_id", _("Training deadlines are set by a sector union or above.")))
    due_on = _date(due_on, "due_on", errors)
    if due_on is not None and due_on.year != year:
        errors.append(_error("due_on", _("The date must fall in %(year)d.") % {"year": year}))
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        deadline, created = TrainingDeadline.objects.select_for_update().get_or_create(
            org=org, year=year, defaults={"due_on": due_on, "set_by": by}
        )
        before = None if created else {"due_on": deadline.due_on.isoformat()}
        if not created:
            deadline.due_on, deadline.set_by = due_on, by
            deadline.save()
        audit.record(
            by,
            AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            deadline,
            before=before,
            after={"year": year, "due_on": due_on.isoformat()},
        )
    return deadline


def send_training_reminders(today=None):
    """Remind each designated officer not yet trained this year of the sector's deadline.

    From ``TRAINING_REMINDER_DAYS`` before a deadline, the officer is reminded once; once the
    deadline has passed, the officer and the unit's chair are told once more. Each (deadline,
    kind, officer term) reaches each person once, however often this runs. Returns
    ``{"reminders", "overdue", "without_recipient"}`` (notifications created, and untrained
    officers nobody could be told about).
    """
    today = today or timezone.localdate()
    counts = {"reminders": 0, "overdue": 0, "without_recipient": 0}
    deadlines = TrainingDeadline.objects.filter(
        year=today.year, due_on__lte=today + datetime.timedelta(days=TRAINING_REMINDER_DAYS)
    ).select_related("org")
    for deadline in deadlines:
        kind = "overdue" if today > deadline.due_on else "reminder"
        terms = list(
            designations_in_force(today)
            .filter(org__path__startswith=deadline.org.path)
            .select_related("org", "member__user")
            .order_by("org__path")
        )
        trained = training_of(deadline.year, [t.member_id for t in terms])
        due = f"{deadline.due_on:%d/%m/%Y}"
        for term in terms:
            if term.member_id in trained:
                continue
            officer = term.member.user
            officers = [officer] if officer is not None and officer.is_active else []
            officers = officers or _role_holders(term.org, Role.GRASSROOTS_OFFICER)
            if kind == "overdue":
                recipients = list({u.pk: u for u in [*officers, *chair_users(term.org)]}.values())
                title = _("Emulation officer not yet trained: %(unit)s") % {"unit": term.org.name}
                body = _(
                    "%(name)s, the emulation officer of %(unit)s, has not attended a counting "
                    "training in %(year)d; the deadline was %(due)s."
                ) % {
                    "name": term.member.full_name,
                    "unit": term.org.name,
                    "year": deadline.year,
                    "due": due,
                }
            else:
                recipients = officers
                title = _("Training due by %(due)s") % {"due": due}
                body = _(
                    "Please attend a training on emulation and commendation work by %(due)s "
                    "(%(unit)s)."
                ) % {"due": due, "unit": term.org.name}
            if not recipients:
                counts["without_recipient"] += 1
                continue
            with transaction.atomic():
                sent = notify(
                    recipients,
                    title=title,
                    body=body,
                    url=reverse("oversight:officers"),
                    key=f"training-{deadline.pk}-{kind}-{term.pk}",
                )
            counts["overdue" if kind == "overdue" else "reminders"] += len(sent)
    return counts
