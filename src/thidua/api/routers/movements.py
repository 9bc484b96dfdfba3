"""Emulation movements, unit plans and pledges (thin: the services decide).

Two routers: ``router`` for ``/movements`` and ``plans_router`` for ``/plans``.

Launching needs ``{"confirm": true}`` when some unit would run more concurrent movements than the
threshold: without it the answer is 422 whose ``reasons`` list the overlapping movements.
"""

import datetime
from typing import Literal

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem
from thidua.api.schemas.common import MAX_ID, Day, Flag, Id, LocalDateTime, Text, text
from thidua.core.exceptions import InvalidInput
from thidua.documents.models import Document
from thidua.movements import services
from thidua.movements.filters import MovementFilter
from thidua.movements.models import (
    PLAN_DONE_STATES,
    Movement,
    MovementKind,
    MovementStatus,
    PlanStatus,
    Pledge,
    UnitPlan,
)
from thidua.organizations.models import EmployerType, Member, OrgUnit

router = Router(tags=["movements"])
plans_router = Router(tags=["movements"])

READ_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}

MovementKindName = Literal[tuple(MovementKind.values)]
MovementStatusName = Literal[tuple(MovementStatus.values)]
PlanStatusName = Literal[tuple(PlanStatus.values)]
EmployerTypeName = Literal[tuple(EmployerType.values)]
Version = Field(None, description="The version read; a stale one is refused (409).")


# --- schemas --------------------------------------------------------------------------------


class TargetSchema(Schema):
    name: text(300)
    target_value: float = Field(ge=0, lt=10**14)
    unit: text(50) = ""


class AudienceSchema(Schema):
    employer_types: list[EmployerTypeName] = Field(
        default_factory=list,
        description="Employer types addressed; empty: every grassroots union below the unit.",
    )


class MovementQuery(Schema):
    year: int | None = Field(None, ge=1900, le=9999, description="Movements running that year.")
    status: MovementStatusName | None = None
    org: Id | None = Field(
        None, description="Launched in this unit's subtree or addressed to a unit in it."
    )
    kind: MovementKindName | None = None
    q: text(200) | None = Field(None, description="Title, ignoring diacritics and case.")


class MovementIn(Schema):
    org_id: Id = Field(description="The launching unit.")
    title: text(300)
    kind: MovementKindName = MovementKind.REGULAR
    objectives: Text = ""
    scope: Text = ""
    participants: Text = ""
    content: Text = ""
    measures: Text = ""
    targets: list[TargetSchema] = Field(default_factory=list, max_length=services.MAX_TARGETS)
    audience: AudienceSchema = Field(default_factory=AudienceSchema)
    starts_on: Day
    ends_on: Day
    plan_due_on: Day | None = None
    midterm_review_due_on: Day | None = None
    final_review_due_on: Day | None = None


class MovementPatch(Schema):
    """Only the fields sent change (a draft only: 409 once launched)."""

    title: text(300) | None = None
    kind: MovementKindName | None = None
    objectives: Text | None = None
    scope: Text | None = None
    participants: Text | None = None
    content: Text | None = None
    measures: Text | None = None
    targets: list[TargetSchema] | None = Field(None, max_length=services.MAX_TARGETS)
    audience: AudienceSchema | None = None
    starts_on: Day | None = None
    ends_on: Day | None = None
    plan_due_on: Day | None = None
    midterm_review_due_on: Day | None = None
    final_review_due_on: Day | None = None
    version: int | None = Version


class AmendIn(MovementPatch):
    """A change to a launched movement, recorded with its reason (the audience is fixed)."""

    reason: Text


class LaunchIn(Schema):
    confirm: Flag = Field(
        False, description="Launch although units would run too many movements at once."
    )
    as_cong_van: Flag = Field(False, description="Issue the launch as an official letter.")
    version: int | None = Version


class CloseIn(Schema):
    final_review_summary: Text = Field(description="The final review (tổng kết).")
    reviewed_on: Day | None = Field(None, description="Default: today.")
    final_review_document_id: Id | None = None
    version: int | None = Version


class MovementOut(Schema):
    id: int
    org_id: int
    title: str
    kind: MovementKindName
    objectives: str
    scope: str
    participants: str
    content: str
    measures: str
    targets: list[TargetSchema]
    audience: AudienceSchema
    starts_on: datetime.date
    ends_on: datetime.date
    plan_due_on: datetime.date | None
    midterm_review_due_on: datetime.date | None
    final_review_due_on: datetime.date | None
    status: MovementStatusName
    warnings: list[str] = Field(
        description="Other movements running for some of the same units at the same time."
    )
    confirmation_required: bool = Field(
        description='Launching needs {"confirm": true} (too many concurrent movements).'
    )
    launched_on: datetime.date | None
    launch_document_id: int | None
    final_review_summary: str
    final_review_document_id: int | None
    reviewed_on: datetime.date | None
    plans_total: int
    plans_done: int
    version: int


class PlanOut(Schema):
    id: int
    movement_id: int
    org_id: int
    status: PlanStatusName
    summary: str
    submitted_at: LocalDateTime | None
    on_time: bool | None
    document_id: int | None
    returned_reason: str
    version: int


class SubmitIn(Schema):
    summary: Text
    document_id: Id | None = None
    version: int | None = Version


class ReviewIn(Schema):
    version: int | None = Version


class ReturnIn(Schema):
    reason: Text
    version: int | None = Version


class PledgeIn(Schema):
    org_id: Id = Field(description="The unit pledging (one the movement addresses).")
    member_id: Id | None = Field(None, description="null for the unit's collective pledge.")
    commitments: Text


class PledgeOut(Schema):
    id: int
    movement_id: int
    org_id: int
    member_id: int | None
    commitments: str
    created_at: LocalDateTime
    version: int


class PledgeQuery(Schema):
    org: Id | None = Field(None, description="Pledges of this unit and its union groups.")


# --- helpers --------------------------------------------------------------------------------


def _with_counts(queryset):
    return queryset.annotate(
        plans_total=Count("plans", distinct=True),
        plans_done=Count("plans", filter=Q(plans__status__in=PLAN_DONE_STATES), distinct=True),
    ).prefetch_related("targets")


def visible_movements(user):
    return _with_counts(Movement.objects.visible_to(user))


def serialize(movement):
    warnings = services.movement_warnings(movement)
    return {
        "id": movement.pk,
        "org_id": movement.org_id,
        "title": movement.title,
        "kind": movement.kind,
        "objectives": movement.objectives,
        "scope": movement.scope,
        "participants": movement.participants,
        "content": movement.content,
        "measures": movement.measures,
        "targets": [t.as_dict() for t in movement.targets.all()],
        "audience": movement.audience,
        "starts_on": movement.starts_on,
        "ends_on": movement.ends_on,
        "plan_due_on": movement.plan_due_on,
        "midterm_review_due_on": movement.midterm_review_due_on,
        "final_review_due_on": movement.final_review_due_on,
        "status": movement.status,
        "warnings": warnings["messages"],
        "confirmation_required": warnings["confirmation_required"],
        "launched_on": movement.launched_on,
        "launch_document_id": movement.launch_document_id,
        "final_review_summary": movement.final_review_summary,
        "final_review_document_id": movement.final_review_document_id,
        "reviewed_on": movement.reviewed_on,
        "plans_total": getattr(movement, "plans_total", 0),
        "plans_done": getattr(movement, "plans_done", 0),
        "version": movement.version,
    }


def _fresh(user, movement):
    return serialize(visible_movements(user).get(pk=movement.pk))


def _movement_or_404(user, movement_id):
    return get_object_or_404(Movement.objects.visible_to(user), pk=movement_id)


def _plan_or_404(user, plan_id):
    return get_object_or_404(
        UnitPlan.objects.visible_to(user).select_related("movement", "org"), pk=plan_id
    )


def _unknown(field, message):
    return InvalidInput(
        _("Some fields are invalid."), errors=[{"field": field, "message": message}]
    )


def _visible_unit(user, org_id, field="org_id"):
    unit = OrgUnit.objects.visible_to(user).filter(pk=org_id).first()
    if unit is None:
        raise _unknown(field, _("No such unit, or it is not visible to you."))
    return unit


def _visible_document(user, document_id, field):
    if document_id is None:
        return None
    document = Document.objects.visible_to(user).filter(pk=document_id).first()
    if document is None:
        raise _unknown(field, _("No such document, or it is not visible to you."))
    return document


def _fields(payload, *, exclude=()):
    data = payload.dict(exclude_unset=True, exclude={"version", *exclude})
    if "audience" in data:
        audience = data.pop("audience")
        data["audience_employer_types"] = (audience or {}).get("employer_types", [])
    empty = [
        name
        for name in ("title", "kind", "starts_on", "ends_on", "targets")
        if name in data and data[name] is None
    ]
    if empty:
        raise InvalidInput(
            _("Some fields are invalid."),
            errors=[{"field": name, "message": _("This field cannot be empty.")} for name in empty],
        )
    for name in services.TEXT_FIELDS:
        if name in data and data[name] is None:
            data[name] = ""
    return data


# --- movements ------------------------------------------------------------------------------


@router.get("", response={200: page_of(MovementOut), 400: Problem, 401: Problem, 422: Problem})
def list_movements(request, filters: Query[MovementQuery], pagination: Query[PageQuery]):
    """Movements visible to the caller (launched in its reach or addressed to it), newest first."""
    queryset = MovementFilter(
        data=filters.dict(exclude_none=True), queryset=visible_movements(request.auth)
    ).qs
    return paginate(
        request,
        queryset.order_by("-starts_on", "-id"),
        pagination,
        lambda movements: [serialize(m) for m in movements],
    )


@router.post("", response={201: MovementOut, **WRITE_ERRORS}, summary="Draft a movement")
def create_movement(request, payload: MovementIn):
    user = request.auth
    org = _visible_unit(user, payload.org_id)
    movement = services.create_movement(org=org, by=user, **_fields(payload, exclude={"org_id"}))
    return 201, _fresh(user, movement)


@router.get("/{movement_id}", response={200: MovementOut, **READ_ERRORS})
def get_movement(request, movement_id: int = Path(..., ge=1, le=MAX_ID)):
    movement = get_object_or_404(visible_movements(request.auth), pk=movement_id)
    return serialize(movement)


@router.patch("/{movement_id}", response={200: MovementOut, **WRITE_ERRORS})
def update_movement(request, payload: MovementPatch, movement_id: int = Path(..., ge=1, le=MAX_ID)):
    """Change a draft; a launched or closed movement answers 409 (amend it instead)."""
    user = request.auth
    movement = _movement_or_404(user, movement_id)
    movement = services.update_movement(
        movement, by=user, version=payload.version, **_fields(payload)
    )
    return _fresh(user, movement)


@router.post(
    "/{movement_id}/amend",
    response={200: MovementOut, **WRITE_ERRORS},
    summary="Amend a launched movement, with the reason",
)
def amend_movement(request, payload: AmendIn, movement_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    movement = _movement_or_404(user, movement_id)
    data = _fields(payload, exclude={"reason"})
    movement = services.amend_movement(
        movement, by=user, reason=payload.reason, version=payload.version, **data
    )
    return _fresh(user, movement)


@router.post(
    "/{movement_id}/launch",
    response={200: MovementOut, **WRITE_ERRORS},
    summary="Launch a draft: plan slots, launch document, notifications",
)
def launch_movement(
    request, payload: LaunchIn | None = None, movement_id: int = Path(..., ge=1, le=MAX_ID)
):
    """Creates one plan slot per unit addressed, issues the numbered launch plan (KH) and notifies
    the units. 422 with ``reasons`` when units would run too many movements at once and
    ``confirm`` is not true; 409 unless the movement is a draft."""
    user = request.auth
    payload = payload or LaunchIn()
    movement = _movement_or_404(user, movement_id)
    movement = services.launch_movement(
        movement,
        by=user,
        confirm=payload.confirm,
        as_cong_van=payload.as_cong_van,
        version=payload.version,
    )
    return _fresh(user, movement)


@router.post(
    "/{movement_id}/close",
    response={200: MovementOut, **WRITE_ERRORS},
    summary="Close a launched movement with its final review",
)
def close_movement(request, payload: CloseIn, movement_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    movement = _movement_or_404(user, movement_id)
    document = _visible_document(user, payload.final_review_document_id, "final_review_document_id")
    movement = services.close_movement(
        movement,
        by=user,
        final_review_summary=payload.final_review_summary,
        reviewed_on=payload.reviewed_on or timezone.localdate(),
        final_review_document=document,
        version=payload.version,
    )
    return _fresh(user, movement)


@router.get(
    "/{movement_id}/plans",
    response={200: page_of(PlanOut), **READ_ERRORS},
    summary="The units' plans (those visible to the caller)",
)
def list_plans(
    request, pagination: Query[PageQuery], movement_id: int = Path(..., ge=1, le=MAX_ID)
):
    user = request.auth
    movement = _movement_or_404(user, movement_id)
    plans = UnitPlan.objects.visible_to(user).filter(movement=movement).order_by("org__path")
    return paginate(request, plans, pagination)


@router.get(
    "/{movement_id}/pledges",
    response={200: page_of(PledgeOut), **READ_ERRORS},
    summary="Pledges registered for the movement",
)
def list_pledges(
    request,
    filters: Query[PledgeQuery],
    pagination: Query[PageQuery],
    movement_id: int = Path(..., ge=1, le=MAX_ID),
):
    user = request.auth
    movement = _movement_or_404(user, movement_id)
    pledges = Pledge.objects.visible_to(user).filter(movement=movement)
    if filters.org is not None:
        org = OrgUnit.objects.filter(pk=filters.org).only("path").first()
        pledges = pledges.filter(org__path__startswith=org.path) if org else pledges.none()
    return paginate(request, pledges.order_by("org__path", "member__sort_key", "id"), pagination)


@router.post(
    "/{movement_id}/pledges",
    response={201: PledgeOut, **WRITE_ERRORS},
    summary="Register a pledge (replaces the same member's or the unit's collective one)",
)
def create_pledge(request, payload: PledgeIn, movement_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    movement = _movement_or_404(user, movement_id)
    org = _visible_unit(user, payload.org_id)
    member = None
    if payload.member_id is not None:
        member = Member.objects.visible_to(user).filter(pk=payload.member_id).first()
        if member is None:
            raise _unknown("member_id", _("No such member, or it is not visible to you."))
    try:
        (pledge,) = services.record_pledges(
            movement,
            org=org,
            by=user,
            entries=[{"member": member, "commitments": payload.commitments}],
        )
    except InvalidInput as exc:
        for error in exc.errors:
            error.pop("row", None)
        raise
    return 201, pledge


# --- plans ----------------------------------------------------------------------------------


@plans_router.get("/{plan_id}", response={200: PlanOut, **READ_ERRORS})
def get_plan(request, plan_id: int = Path(..., ge=1, le=MAX_ID)):
    return _plan_or_404(request.auth, plan_id)


@plans_router.post(
    "/{plan_id}/submit",
    response={200: PlanOut, **WRITE_ERRORS},
    summary="Submit (or resubmit after a return) the unit's plan",
)
def submit_plan(request, payload: SubmitIn, plan_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    plan = _plan_or_404(user, plan_id)
    document = _visible_document(user, payload.document_id, "document_id")
    return services.submit_plan(
        plan, by=user, summary=payload.summary, document=document, version=payload.version
    )


@plans_router.post(
    "/{plan_id}/accept", response={200: PlanOut, **WRITE_ERRORS}, summary="Accept a plan"
)
def accept_plan(
    request, payload: ReviewIn | None = None, plan_id: int = Path(..., ge=1, le=MAX_ID)
):
    user = request.auth
    plan = _plan_or_404(user, plan_id)
    return services.accept_plan(plan, by=user, version=(payload or ReviewIn()).version)


@plans_router.post(
    "/{plan_id}/return",
    response={200: PlanOut, **WRITE_ERRORS},
    summary="Return a plan for revision, with the reason",
)
def return_plan(request, payload: ReturnIn, plan_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    plan = _plan_or_404(user, plan_id)
    return services.return_plan(plan, by=user, reason=payload.reason, version=payload.version)
