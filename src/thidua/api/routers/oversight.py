"""Inspections, emulation officers and trainings (API.md, "Other records"). Thin: services decide.

Three routers: ``inspections_router`` for ``/inspections``, ``officers_router`` for ``/officers``
and ``trainings_router`` for ``/trainings``.
"""

import datetime
from typing import Literal

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from thidua.accounts.models import User
from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem, require_list_access
from thidua.api.schemas.common import MAX_ID, Day, Flag, Id, LocalDateTime, Text, text
from thidua.core.exceptions import InvalidInput
from thidua.organizations.models import OrgUnit
from thidua.oversight import queries, services
from thidua.oversight.models import (
    Inspection,
    InspectionPlan,
    InspectionStatus,
    InspectionTopic,
    Recommendation,
    TrainingCourse,
)
from thidua.oversight.views.inspections import may_see_oversight

inspections_router = Router(tags=["inspections"])
officers_router = Router(tags=["officers and training"])
trainings_router = Router(tags=["officers and training"])

READ_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}

TopicName = Literal[tuple(InspectionTopic.values)]
StatusName = Literal[tuple(InspectionStatus.values)]
Version = Field(None, description="The version read; a stale one is refused (409).")
PathId = Path(..., ge=1, le=MAX_ID)


# --- schemas --------------------------------------------------------------------------------


class InspectionQuery(Schema):
    year: int | None = Field(None, ge=1900, le=9999, description="Planned in this year.")
    org: Id | None = Field(None, description="Inspections of this unit and its subtree.")
    status: StatusName | None = None


class InspectionIn(Schema):
    org_id: Id = Field(description="The inspected (lower) unit.")
    planned_on: Day
    topic: TopicName = Field(
        description="emulation_commendation, or integrated: part of a wider inspection."
    )
    topic_detail: text(300) = Field("", description="The subject in words.")
    inspecting_org_id: Id | None = Field(
        None, description="Default: the plan's unit, else the inspected unit's parent."
    )
    plan_id: Id | None = Field(None, description="The annual inspection plan it belongs to.")
    team_ids: list[Id] = Field(
        default_factory=list,
        max_length=50,
        description="Users on the team (inspectors or sector staff); default: the caller.",
    )


class RecommendationIn(Schema):
    text: Text
    follow_up_due_on: Day | None = Field(
        None, description="Default: the request's follow_up_due_on."
    )


class FindingsIn(Schema):
    findings: Text
    recommendations: str | list[RecommendationIn | str] = Field(
        default_factory=list,
        description=(
            "The recommendations: a text (one per line), a list of texts, or a list of "
            '{"text", "follow_up_due_on"}. Texts are due on the top-level follow_up_due_on.'
        ),
    )
    follow_up_due_on: Day | None = Field(
        None, description="The follow-up date of recommendations that give none."
    )
    held_on: Day | None = Field(None, description="Default: today.")
    version: int | None = Version


class VersionIn(Schema):
    version: int | None = Version


class RespondIn(Schema):
    response: Text


class LinkIn(Schema):
    kind: Literal["nomination", "exemplar"]
    record_id: Id
    note: Text = ""


class RecommendationOut(Schema):
    id: int
    text: str
    follow_up_due_on: datetime.date
    response: str
    responded_at: LocalDateTime | None
    responded_by_id: int | None
    overdue: bool


class LinkOut(Schema):
    id: int
    kind: str
    record_id: int
    note: str


class InspectionOut(Schema):
    id: int
    plan_id: int | None
    org_id: int
    inspecting_org_id: int
    planned_on: datetime.date
    held_on: datetime.date | None
    topic: TopicName
    topic_detail: str
    team_ids: list[int]
    status: StatusName
    findings: str
    closed_on: datetime.date | None
    recommendations: list[RecommendationOut]
    links: list[LinkOut]
    version: int


class OfficerQuery(Schema):
    org: Id | None = Field(None, description="Grassroots unions in this unit's subtree.")
    year: int | None = Field(
        None, ge=2000, le=2100, description="Trained in this year (default: this year)."
    )
    missing: bool | None = Field(None, description="true: only unions without an officer.")
    trained: bool | None = Field(None, description="Only unions whose officer is (not) trained.")


class OfficerOut(Schema):
    org_id: int
    org_name: str
    org_code: str
    member_id: int | None
    full_name: str | None
    since: datetime.date | None
    trained: bool
    course_id: int | None = Field(description="The counting course attended in the year.")


class CourseQuery(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    org: Id | None = Field(None, description="Organised in this unit's subtree.")
    counts_for_indicator: bool | None = None


class CourseIn(Schema):
    org_id: Id = Field(description="The organising unit.")
    title: text(300)
    held_on: Day
    organiser: text(300) = ""
    content: Text = ""
    counts_for_indicator: Flag = True


class AttendanceIn(Schema):
    member_ids: list[Id] = Field(min_length=1, max_length=services.MAX_ATTENDEES)


class AttendeeOut(Schema):
    member_id: int
    full_name: str
    org_id: int


class CourseOut(Schema):
    id: int
    org_id: int
    title: str
    held_on: datetime.date
    organiser: str
    content: str
    counts_for_indicator: bool
    attendee_count: int
    attendees: list[AttendeeOut]
    version: int


class AttendanceOut(CourseOut):
    added: list[int] = Field(description="Members recorded by this request.")
    already: list[int] = Field(description="Members already recorded (left unchanged).")


# --- helpers --------------------------------------------------------------------------------


def _invalid(field, message):
    return InvalidInput(
        _("Some fields are invalid."), errors=[{"field": field, "message": message}]
    )


def _visible_unit(user, org_id, field="org_id"):
    unit = OrgUnit.objects.visible_to(user).filter(pk=org_id).first()
    if unit is None:
        raise _invalid(field, _("No such unit, or it is not visible to you."))
    return unit


def _inspections(user):
    return Inspection.objects.visible_to(user).prefetch_related(
        "team",
        Prefetch("recommendations", queryset=Recommendation.objects.select_related("inspection")),
        "links__content_type",
    )


def serialize_inspection(inspection):
    today = timezone.localdate()
    return {
        "id": inspection.pk,
        "plan_id": inspection.plan_id,
        "org_id": inspection.org_id,
        "inspecting_org_id": inspection.inspecting_org_id,
        "planned_on": inspection.planned_on,
        "held_on": inspection.held_on,
        "topic": inspection.topic,
        "topic_detail": inspection.topic_detail,
        "team_ids": sorted(u.pk for u in inspection.team.all()),
        "status": inspection.status,
        "findings": inspection.findings,
        "closed_on": inspection.closed_on,
        "recommendations": [
            {
                "id": r.pk,
                "text": r.text,
                "follow_up_due_on": r.follow_up_due_on,
                "response": r.response,
                "responded_at": r.responded_at,
                "responded_by_id": r.responded_by_id,
                "overdue": r.is_overdue(today),
            }
            for r in inspection.recommendations.all()
        ],
        "links": [
            {"id": link.pk, "kind": link.kind, "record_id": link.object_id, "note": link.note}
            for link in inspection.links.all()
        ],
        "version": inspection.version,
    }


def _fresh(user, inspection):
    return serialize_inspection(_inspections(user).get(pk=inspection.pk))


def _inspection_or_404(user, pk):
    return get_object_or_404(Inspection.objects.visible_to(user), pk=pk)


# --- inspections ----------------------------------------------------------------------------


@inspections_router.get("", response={200: page_of(InspectionOut), **READ_ERRORS, 403: Problem})
def list_inspections(request, filters: Query[InspectionQuery], pagination: Query[PageQuery]):
    """Inspections of units in the caller's reach, latest planned first; 403 without a staff
    role (as the page)."""
    user = request.auth
    require_list_access(may_see_oversight(user))
    queryset = _inspections(user)
    if filters.year:
        queryset = queryset.filter(planned_on__year=filters.year)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.org:
        unit = OrgUnit.objects.visible_to(user).filter(pk=filters.org).first()
        queryset = queryset.in_subtree(unit) if unit else queryset.none()
    return paginate(
        request,
        queryset.order_by("-planned_on", "-id"),
        pagination,
        lambda items: [serialize_inspection(i) for i in items],
    )


@inspections_router.post(
    "", response={201: InspectionOut, **WRITE_ERRORS}, summary="Plan an inspection"
)
def create_inspection(request, payload: InspectionIn):
    """422 when the inspected unit is not below the inspecting one, or a team member may not sit
    on it; 403 without an inspector or sector role at the inspecting unit."""
    user = request.auth
    org = _visible_unit(user, payload.org_id)
    inspecting = None
    if payload.inspecting_org_id is not None:
        inspecting = _visible_unit(user, payload.inspecting_org_id, "inspecting_org_id")
    plan = None
    if payload.plan_id is not None:
        plan = InspectionPlan.objects.visible_to(user).filter(pk=payload.plan_id).first()
        if plan is None:
            raise _invalid("plan_id", _("No such inspection plan, or it is not visible to you."))
    team = list(User.objects.filter(pk__in=payload.team_ids, is_active=True))
    unknown = sorted(set(payload.team_ids) - {u.pk for u in team})
    if unknown:
        raise _invalid(
            "team_ids",
            _("Unknown users: %(ids)s.") % {"ids": ", ".join(str(i) for i in unknown)},
        )
    inspection = services.create_inspection(
        by=user,
        org=org,
        planned_on=payload.planned_on,
        topic=payload.topic,
        topic_detail=payload.topic_detail,
        plan=plan,
        team=team,
        inspecting_org=inspecting,
    )
    return 201, _fresh(user, inspection)


@inspections_router.get("/{inspection_id}", response={200: InspectionOut, **READ_ERRORS})
def get_inspection(request, inspection_id: int = PathId):
    """The inspection with its recommendations (and the unit's answers) and linked records."""
    return serialize_inspection(get_object_or_404(_inspections(request.auth), pk=inspection_id))


@inspections_router.post(
    "/{inspection_id}/start", response={200: InspectionOut, **WRITE_ERRORS}, summary="Start"
)
def start_inspection(request, payload: VersionIn | None = None, inspection_id: int = PathId):
    user = request.auth
    inspection = _inspection_or_404(user, inspection_id)
    inspection = services.start_inspection(
        inspection, by=user, version=(payload or VersionIn()).version
    )
    return _fresh(user, inspection)


@inspections_router.post(
    "/{inspection_id}/findings",
    response={200: InspectionOut, **WRITE_ERRORS},
    summary="Record the findings and recommendations",
)
def record_findings(request, payload: FindingsIn, inspection_id: int = PathId):
    """``recommendations`` is a text (one per line), a list of texts or a list of objects
    ``{"text", "follow_up_due_on"}``; the top-level ``follow_up_due_on`` is the due date of those
    that give none (422 when a recommendation ends up without one). 409 unless the inspection is
    planned or in progress."""
    user = request.auth
    inspection = _inspection_or_404(user, inspection_id)
    items = payload.recommendations
    if not isinstance(items, str):
        items = [item if isinstance(item, str) else item.dict() for item in items]
    inspection = services.record_findings(
        inspection,
        by=user,
        findings=payload.findings,
        recommendations=items,
        default_due=payload.follow_up_due_on,
        held_on=payload.held_on,
        version=payload.version,
    )
    return _fresh(user, inspection)


@inspections_router.post(
    "/{inspection_id}/close", response={200: InspectionOut, **WRITE_ERRORS}, summary="Close"
)
def close_inspection(request, payload: VersionIn | None = None, inspection_id: int = PathId):
    """409 unless findings are recorded; 422 whose ``reasons`` list unanswered recommendations."""
    user = request.auth
    inspection = _inspection_or_404(user, inspection_id)
    inspection = services.close_inspection(
        inspection, by=user, version=(payload or VersionIn()).version
    )
    return _fresh(user, inspection)


@inspections_router.post(
    "/{inspection_id}/recommendations/{recommendation_id}/response",
    response={200: RecommendationOut, **WRITE_ERRORS},
    summary="The inspected unit answers a recommendation",
)
def respond(
    request, payload: RespondIn, inspection_id: int = PathId, recommendation_id: int = PathId
):
    user = request.auth
    inspection = _inspection_or_404(user, inspection_id)
    recommendation = get_object_or_404(inspection.recommendations.all(), pk=recommendation_id)
    recommendation = services.respond_to_recommendation(
        recommendation, by=user, response=payload.response
    )
    item = next(
        r for r in _fresh(user, inspection)["recommendations"] if r["id"] == recommendation.pk
    )
    return item


@inspections_router.post(
    "/{inspection_id}/links",
    response={201: LinkOut, **WRITE_ERRORS},
    summary="Link a finding to a nomination or an exemplar",
)
def link_record(request, payload: LinkIn, inspection_id: int = PathId):
    """E.g. a false dossier found by the inspection, against its nomination. 409 when linked."""
    user = request.auth
    inspection = _inspection_or_404(user, inspection_id)
    model = services.linkable_model(payload.kind)
    record = None
    if model is not None:
        queryset = model.objects.all()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(user)
        record = queryset.filter(pk=payload.record_id).first()
    if record is None:
        raise _invalid("record_id", _("No such record, or it is not visible to you."))
    link = services.link_finding(inspection, by=user, record=record, note=payload.note)
    return 201, {"id": link.pk, "kind": link.kind, "record_id": link.object_id, "note": link.note}


# --- officers -------------------------------------------------------------------------------


@officers_router.get("", response={200: page_of(OfficerOut), **READ_ERRORS, 403: Problem})
def list_officers(request, filters: Query[OfficerQuery], pagination: Query[PageQuery]):
    """The designated emulation-and-commendation officer of each active grassroots union in
    reach, or none (``member_id`` null), and whether they are trained in the year; 403 without
    a staff role (as the officers board)."""
    user = request.auth
    require_list_access(user.has_perm("organizations.view_officers"))
    year = filters.year or timezone.localdate().year
    unions = queries.grassroots_in_reach(user)
    if filters.org is not None:
        unit = OrgUnit.objects.visible_to(user).filter(pk=filters.org).first()
        unions = unions.in_subtree(unit) if unit else unions.none()
    unions = queries.with_officer_status(unions, year)
    if filters.missing is not None:
        unions = unions.filter(has_officer=not filters.missing)
    if filters.trained is not None:
        unions = unions.filter(officer_trained=filters.trained, has_officer=True)

    def serialize(units):
        rows = queries.officer_rows(units, year)
        return [
            {
                "org_id": row.unit.pk,
                "org_name": row.unit.name,
                "org_code": row.unit.code,
                "member_id": row.term.member_id if row.term else None,
                "full_name": row.term.member.full_name if row.term else None,
                "since": row.term.since if row.term else None,
                "trained": row.course is not None,
                "course_id": row.course.pk if row.course else None,
            }
            for row in rows
        ]

    return paginate(request, unions, pagination, serialize)


# --- trainings ------------------------------------------------------------------------------


def _courses(user):
    return TrainingCourse.objects.visible_to(user).annotate(
        attendee_count=Count("attendance", distinct=True)
    )


def serialize_course(course, user):
    attendees = (
        course.attendance.filter(member__in=services.Member.objects.visible_to(user))
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    return {
        "id": course.pk,
        "org_id": course.org_id,
        "title": course.title,
        "held_on": course.held_on,
        "organiser": course.organiser,
        "content": course.content,
        "counts_for_indicator": course.counts_for_indicator,
        "attendee_count": getattr(course, "attendee_count", 0),
        "attendees": [
            {"member_id": a.member_id, "full_name": a.member.full_name, "org_id": a.member.org_id}
            for a in attendees
        ],
        "version": course.version,
    }


def _list_item(course):
    return {
        "id": course.pk,
        "org_id": course.org_id,
        "title": course.title,
        "held_on": course.held_on,
        "organiser": course.organiser,
        "content": course.content,
        "counts_for_indicator": course.counts_for_indicator,
        "attendee_count": course.attendee_count,
        "attendees": [],
        "version": course.version,
    }


@trainings_router.get("", response={200: page_of(CourseOut), **READ_ERRORS, 403: Problem})
def list_courses(request, filters: Query[CourseQuery], pagination: Query[PageQuery]):
    """Training courses organised in reach or attended by members in reach, latest first
    (``attendees`` is filled in ``GET /trainings/{id}`` only); 403 without a staff role (as the
    page)."""
    user = request.auth
    require_list_access(may_see_oversight(user))
    queryset = _courses(user)
    if filters.year:
        queryset = queryset.filter(held_on__year=filters.year)
    if filters.counts_for_indicator is not None:
        queryset = queryset.filter(counts_for_indicator=filters.counts_for_indicator)
    if filters.org:
        unit = OrgUnit.objects.visible_to(user).filter(pk=filters.org).first()
        queryset = queryset.in_subtree(unit) if unit else queryset.none()
    return paginate(
        request,
        queryset.order_by("-held_on", "-id"),
        pagination,
        lambda items: [_list_item(c) for c in items],
    )


@trainings_router.post("", response={201: CourseOut, **WRITE_ERRORS}, summary="Record a course")
def create_course(request, payload: CourseIn):
    user = request.auth
    org = _visible_unit(user, payload.org_id)
    course = services.create_course(by=user, org=org, **payload.dict(exclude={"org_id"}))
    return 201, serialize_course(_courses(user).get(pk=course.pk), user)


@trainings_router.get("/{course_id}", response={200: CourseOut, **READ_ERRORS})
def get_course(request, course_id: int = PathId):
    user = request.auth
    return serialize_course(get_object_or_404(_courses(user), pk=course_id), user)


@trainings_router.post(
    "/{course_id}/attendance",
    response={200: AttendanceOut, **WRITE_ERRORS},
    summary="Record who attended",
)
def record_attendance(request, payload: AttendanceIn, course_id: int = PathId):
    """All or nothing: unknown, inactive or invisible members → 422 listing them, nothing saved.
    Members already recorded are left unchanged (listed in ``already``): the call is idempotent."""
    user = request.auth
    course = get_object_or_404(TrainingCourse.objects.visible_to(user), pk=course_id)
    result = services.record_attendance(course, by=user, member_ids=payload.member_ids)
    body = serialize_course(_courses(user).get(pk=course.pk), user)
    return {**body, **result}
