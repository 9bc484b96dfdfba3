"""Periodic reporting: ``/reporting-rounds`` (rounds) and ``/reports`` (each unit's report).

Thin: the services of ``thidua.reporting`` decide. A caller sees a round asked in its reach or one
in which a unit of its reach reports, and only the reports of units in its reach (404 otherwise).
"""

import datetime
from collections import defaultdict
from typing import Any, Literal

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Body, Field, Path, Query, Router, Schema

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem, require_list_access
from thidua.api.schemas.common import MAX_ID, Day, Id, LocalDateTime, text
from thidua.core.exceptions import InvalidInput
from thidua.documents.models import Document
from thidua.movements.models import Movement
from thidua.organizations.models import OrgUnit
from thidua.reporting import services
from thidua.reporting.filters import ReportFilter, RoundFilter
from thidua.reporting.models import Period, Report, ReportingRound, ReportStatus
from thidua.reporting.views.rounds import sees_rounds

rounds_router = Router(tags=["reporting"])
reports_router = Router(tags=["reporting"])

READ_ERRORS = {400: Problem, 401: Problem, 422: Problem}
ONE_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}

PeriodName = Literal[tuple(Period.values)]
StatusName = Literal[tuple(ReportStatus.values)]
# An optional JSON body: a transition may be posted with no body at all.
OPTIONAL_BODY = Body(None)


# --- schemas --------------------------------------------------------------------------------------


class RoundIn(Schema):
    org_id: Id = Field(..., description="The asking unit (e.g. the sector union).")
    title: text(300)
    period: PeriodName
    year: int = Field(..., ge=2000, le=2100)
    movement_id: Id | None = Field(None, description="Required for movement_* periods.")
    due_on: Day


class RoundQuery(Schema):
    year: int | None = Field(None, ge=1, le=9999)
    period: PeriodName | None = None
    org: Id | None = Field(
        None, description="Rounds asked by the unit or below it, or in which it reports."
    )


class ReportQuery(Schema):
    year: int | None = Field(None, ge=1, le=9999, description="The round's year.")
    period: PeriodName | None = None
    org: Id | None = Field(None, description="The unit and its sub-units.")
    status: StatusName | None = None
    late: bool | None = Field(
        None, description="Submitted after the due date, or still awaited after it."
    )
    round: Id | None = None


class ReportOut(Schema):
    id: int
    round_id: int
    org_id: int
    org_code: str
    org_name: str
    period: PeriodName
    year: int
    status: StatusName
    due_on: datetime.date
    submitted_at: LocalDateTime | None
    late: bool
    content: str
    figures: dict[str, Any]
    document_id: int | None
    returned_reason: str
    version: int


class RoundCounts(Schema):
    total: int
    pending: int
    submitted: int
    accepted: int
    returned: int
    late: int


class RoundOut(Schema):
    id: int
    org_id: int
    title: str
    period: PeriodName
    year: int
    movement_id: int | None
    due_on: datetime.date
    aggregate_document_id: int | None
    counts: RoundCounts = Field(..., description="Of the reports visible to the caller.")
    version: int
    created_at: LocalDateTime


class RoundDetailOut(RoundOut):
    reports: list[ReportOut]


class SubmitIn(Schema):
    content: text(50_000)
    figures: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "`members_participating`, `initiatives`, `exemplars_found`, `awards_proposed` "
            "(whole numbers ≥ 0); in movement rounds also `targets: [{name, result}]`."
        ),
    )
    document_id: Id | None = Field(None, description="The signed report, a document of the unit.")
    version: int | None = Field(None, description="The version read; a stale one is refused.")


class ReviewIn(Schema):
    version: int | None = None
    comment: text(5000) = ""


class ReturnIn(Schema):
    reason: text(5000)
    version: int | None = None


# --- serialisation --------------------------------------------------------------------------------


def report_item(report):
    return {
        "id": report.pk,
        "round_id": report.round_id,
        "org_id": report.org_id,
        "org_code": report.org.code,
        "org_name": report.org.name,
        "period": report.round.period,
        "year": report.round.year,
        "status": report.status,
        "due_on": report.round.due_on,
        "submitted_at": report.submitted_at,
        "late": report.late,
        "content": report.content,
        "figures": report.figures or {},
        "document_id": report.document_id,
        "returned_reason": report.returned_reason,
        "version": report.version,
    }


def _visible_reports(user):
    return Report.objects.visible_to(user).with_late().select_related("org", "round")


def _counts(user, rounds):
    """``{round_id: counts}`` of the reports of ``rounds`` visible to ``user``, in one query."""
    rows = (
        _visible_reports(user)
        .filter(round__in=rounds)
        .order_by()
        .values("round_id", "status")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(is_late=True)))
    )
    counts = defaultdict(lambda: dict.fromkeys(["total", *ReportStatus.values, "late"], 0))
    for row in rows:
        entry = counts[row["round_id"]]
        entry[row["status"]] += row["n"]
        entry["total"] += row["n"]
        entry["late"] += row["late"]
    return counts


def round_item(round_, counts):
    return {
        "id": round_.pk,
        "org_id": round_.org_id,
        "title": round_.title,
        "period": round_.period,
        "year": round_.year,
        "movement_id": round_.movement_id,
        "due_on": round_.due_on,
        "aggregate_document_id": round_.aggregate_document_id,
        "counts": counts,
        "version": round_.version,
        "created_at": round_.created_at,
    }


def round_detail(user, round_):
    reports = _visible_reports(user).filter(round=round_).order_by("org__path")
    item = round_item(round_, _counts(user, [round_])[round_.pk])
    item["reports"] = [report_item(r) for r in reports]
    return item


def _invalid(field, message):
    return InvalidInput(
        _("Some fields are invalid."), errors=[{"field": field, "message": message}]
    )


# --- rounds ---------------------------------------------------------------------------------------


@rounds_router.get(
    "", response={200: page_of(RoundOut), **READ_ERRORS, 403: Problem}, summary="List rounds"
)
def list_rounds(request, filters: Query[RoundQuery], pagination: Query[PageQuery]):
    """Rounds visible to the caller, latest due date first; 403 without a staff role (as the
    page)."""
    user = request.auth
    require_list_access(sees_rounds(user))
    queryset = RoundFilter(
        data=filters.dict(exclude_none=True), queryset=ReportingRound.objects.visible_to(user)
    ).qs.order_by("-due_on", "-id")

    def serialize(rounds):
        counts = _counts(user, rounds)
        return [round_item(r, counts[r.pk]) for r in rounds]

    return paginate(request, queryset, pagination, serialize)


@rounds_router.post(
    "",
    response={201: RoundDetailOut, **WRITE_ERRORS},
    summary="Ask the grassroots unions for a report",
    description=(
        "Creates the round and one report slot per active grassroots union below `org_id` (for a "
        "movement review: per unit of the movement's plan slots). Sector roles only."
    ),
)
def create_round(request, payload: RoundIn):
    user = request.auth
    org = OrgUnit.objects.visible_to(user).filter(pk=payload.org_id).first()
    if org is None:
        raise _invalid("org_id", str(services.UNIT_NOT_VISIBLE))
    movement = None
    if payload.movement_id is not None:
        movement = Movement.objects.visible_to(user).filter(pk=payload.movement_id).first()
        if movement is None:
            raise _invalid("movement_id", str(services.MOVEMENT_NOT_VISIBLE))
    round_ = services.create_round(
        org=org,
        by=user,
        title=payload.title,
        period=payload.period,
        year=payload.year,
        due_on=payload.due_on,
        movement=movement,
    )
    return 201, round_detail(user, round_)


@rounds_router.get(
    "/{round_id}", response={200: RoundDetailOut, **ONE_ERRORS}, summary="A round with its reports"
)
def get_round(request, round_id: int = Path(..., ge=1, le=MAX_ID)):
    """The round and the reports of the units visible to the caller."""
    user = request.auth
    round_ = get_object_or_404(ReportingRound.objects.visible_to(user), pk=round_id)
    return round_detail(user, round_)


# --- reports --------------------------------------------------------------------------------------


@reports_router.get(
    "", response={200: page_of(ReportOut), **READ_ERRORS, 403: Problem}, summary="List reports"
)
def list_reports(request, filters: Query[ReportQuery], pagination: Query[PageQuery]):
    """Reports of the units visible to the caller, latest due date first; 403 without a staff
    role (as the rounds' pages)."""
    require_list_access(sees_rounds(request.auth))
    queryset = ReportFilter(
        data=filters.dict(exclude_none=True), queryset=_visible_reports(request.auth)
    ).qs.order_by("-round__due_on", "round_id", "org__path")
    return paginate(
        request, queryset, pagination, lambda reports: [report_item(r) for r in reports]
    )


def _report(request, report_id):
    return get_object_or_404(_visible_reports(request.auth), pk=report_id)


@reports_router.get("/{report_id}", response={200: ReportOut, **ONE_ERRORS}, summary="A report")
def get_report(request, report_id: int = Path(..., ge=1, le=MAX_ID)):
    return report_item(_report(request, report_id))


@reports_router.post(
    "/{report_id}/submit",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="Submit the unit's report",
    description="From `pending` or `returned` (else 409); the unit's officer or chair.",
)
def submit_report(request, payload: SubmitIn, report_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    report = _report(request, report_id)
    document = None
    if payload.document_id is not None:
        document = Document.objects.visible_to(user).filter(pk=payload.document_id).first()
        if document is None:
            raise _invalid("document_id", str(services.DOCUMENT_NOT_VISIBLE))
    services.submit_report(
        report,
        by=user,
        content=payload.content,
        figures=payload.figures,
        document=document,
        version=payload.version,
    )
    return report_item(_report(request, report_id))


@reports_router.post(
    "/{report_id}/accept",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="Accept a submitted report",
    description="From `submitted` (else 409); sector roles at the asking unit or above.",
)
def accept_report(
    request, report_id: int = Path(..., ge=1, le=MAX_ID), payload: ReviewIn | None = OPTIONAL_BODY
):
    payload = payload or ReviewIn()
    report = _report(request, report_id)
    services.accept_report(
        report, by=request.auth, version=payload.version, comment=payload.comment
    )
    return report_item(_report(request, report_id))


@reports_router.post(
    "/{report_id}/return",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="Return a submitted report for revision",
    description="From `submitted` (else 409) with a `reason`; the unit submits again.",
)
def return_report(request, payload: ReturnIn, report_id: int = Path(..., ge=1, le=MAX_ID)):
    report = _report(request, report_id)
    services.return_report(report, by=request.auth, reason=payload.reason, version=payload.version)
    return report_item(_report(request, report_id))


@reports_router.post(
    "/{report_id}/remind",
    response={200: dict[str, int], **WRITE_ERRORS},
    summary="Remind the unit of its report",
    description="Notifies the unit's officer and chair (at most once a day); sector roles.",
)
def remind_report(request, report_id: int = Path(..., ge=1, le=MAX_ID)):
    report = _report(request, report_id)
    return {"notified": services.remind_unit(report, by=request.auth)}
