"""Quotas and nominations (thin: the services decide).

Two routers: ``quotas_router`` for ``/quotas`` and ``router`` for ``/nominations``. A nomination's
``eligibility`` is recomputed when one nomination is read; lists show the snapshot taken at the
last write or submission. ``score`` is the appraisal total once appraised, else the
self-assessment total.
"""

import decimal
from collections import defaultdict
from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from pydantic import create_model

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem
from thidua.api.schemas.common import MAX_ID, Id, LocalDateTime, Text
from thidua.awards.models import AwardType
from thidua.core.exceptions import InvalidInput
from thidua.core.models import Transition
from thidua.core.workflow import transitions_of
from thidua.movements.models import Movement
from thidua.nominations import quotas, services
from thidua.nominations.filters import NominationFilter, QuotaFilter
from thidua.nominations.models import (
    Nomination,
    NominationKind,
    NominationStatus,
    Quota,
    Recommendation,
)
from thidua.organizations.models import Member, OrgUnit

router = Router(tags=["nominations"])
quotas_router = Router(tags=["quotas"])

READ_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}

StatusName = Literal[tuple(NominationStatus.values)]
KindName = Literal[tuple(NominationKind.values)]
RecommendationName = Literal[tuple(Recommendation.values)]
Version = Field(None, description="The version read; a stale one is refused (409).")
Scores = dict[str, float]


# --- schemas --------------------------------------------------------------------------------


class QuotaQuery(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    org: Id | None = Field(None, description="Quotas held by this unit or a unit below it.")
    award_type: Id | None = None


class QuotaIn(Schema):
    year: int | None = Field(
        None, ge=2000, le=2100, description="Required unless parent_id is given."
    )
    award_type_id: Id | None = Field(None, description="Required unless parent_id is given.")
    org_id: Id = Field(description="The holding unit.")
    granted_by_org_id: Id | None = Field(
        None, description="The granting unit (default: the holder's parent, or the parent quota's)."
    )
    parent_id: Id | None = Field(
        None, description="The quota this one is sub-allocated from (its holder passes it on)."
    )
    count: int = Field(ge=0, le=quotas.MAX_COUNT)
    min_direct_worker_share: float | None = Field(None, ge=0, le=1)
    note: str = Field("", max_length=255)


class QuotaPatch(Schema):
    count: int | None = Field(None, ge=0, le=quotas.MAX_COUNT)
    min_direct_worker_share: float | None = Field(None, ge=0, le=1)
    note: str | None = Field(None, max_length=255)
    version: int | None = Version


class QuotaOut(Schema):
    id: int
    year: int
    award_type_id: int
    org_id: int
    granted_by_org_id: int
    parent_id: int | None
    count: int
    min_direct_worker_share: float
    used: int = Field(description="Places taken by nominations of the holder's subtree.")
    remaining: int = Field(description="Places left (places passed on to sub-units are taken).")
    allocated: int = Field(description="Places passed on to sub-units.")
    direct_workers: int = Field(description="Direct workers among the places used.")
    reachable_direct_worker_share: float = Field(
        description="The direct-worker share if every remaining place went to a direct worker."
    )
    note: str
    version: int


class NominationQuery(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    org: Id | None = Field(None, description="Proposed by this unit or a unit below it.")
    status: StatusName | None = None
    award_type: Id | None = None
    member: Id | None = None


class NominationIn(Schema):
    award_type_id: Id
    year: int = Field(ge=2000, le=2100)
    org_id: Id = Field(description="The proposing unit.")
    member_id: Id | None = None
    nominee_org_id: Id | None = None
    movement_id: Id | None = None
    kind: KindName = NominationKind.PERIODIC
    achievements: Text = ""
    self_scores: Scores = Field(default_factory=dict)
    document_ids: list[Id] = Field(default_factory=list, max_length=100)
    dossier_parts: dict[str, str] | None = Field(
        None, description="Optional {document_id: dossier part code}; default: by document type."
    )


class NominationPatch(Schema):
    movement_id: Id | None = None
    kind: KindName | None = None
    achievements: Text | None = None
    self_scores: Scores | None = None
    document_ids: list[Id] | None = Field(None, max_length=100)
    dossier_parts: dict[str, str] | None = None
    version: int | None = Version


class EligibilityOut(Schema):
    eligible: bool
    reasons: list[str]


# "from" is a Python keyword: the model is built by name.
HistoryOut = create_model(
    "HistoryOut",
    __base__=Schema,
    **{
        "from": (str, Field(description="The status before.")),
        "to": (str, Field(description="The status after.")),
        "by": (str | None, Field(description="Username of who made the change.")),
        "at": (LocalDateTime, ...),
        "comment": (str, ...),
    },
)


class DossierOut(Schema):
    document_id: int
    part: str


class NominationOut(Schema):
    id: int
    award_type_id: int
    year: int
    org_id: int
    member_id: int | None
    nominee_org_id: int | None
    movement_id: int | None
    kind: KindName
    achievements: str
    self_scores: dict[str, float]
    appraisal_scores: dict[str, float]
    score: float
    status: StatusName
    eligibility: EligibilityOut
    document_ids: list[int]
    dossier: list[DossierOut]
    submission_id: int | None
    submitted_at: LocalDateTime | None
    returned_reason: str
    recommendation: str
    appraisal_comment: str
    history: list[HistoryOut]
    version: int


class TransitionIn(Schema):
    version: int | None = Version


class ReturnIn(Schema):
    reason: Text
    version: int | None = Version


class WithdrawIn(Schema):
    reason: Text = ""
    version: int | None = Version


class AppraiseIn(Schema):
    scores: Scores = Field(default_factory=dict)
    recommendation: RecommendationName
    comment: Text = ""
    checklist: dict[str, bool] | None = None
    version: int | None = Version


# --- helpers --------------------------------------------------------------------------------


def _invalid(field, message):
    errors = [{"field": field, "message": message}]
    return InvalidInput(_("Some fields are invalid."), errors=errors)


def _visible(queryset, user, pk, field):
    if pk is None:
        return None
    obj = queryset.visible_to(user).filter(pk=pk).first()
    if obj is None:
        raise _invalid(field, _("No such record, or it is not visible to you."))
    return obj


def _award_type(pk, field="award_type_id"):
    award_type = AwardType.objects.filter(pk=pk).first()
    if award_type is None:
        raise _invalid(field, _("No such award type."))
    return award_type


def serialize_quota(quota, usage):
    return {
        "id": quota.pk,
        "year": quota.year,
        "award_type_id": quota.award_type_id,
        "org_id": quota.org_id,
        "granted_by_org_id": quota.granted_by_org_id,
        "parent_id": quota.parent_id,
        "count": quota.count,
        "min_direct_worker_share": float(quota.min_direct_worker_share),
        "used": usage.used,
        "remaining": usage.remaining,
        "allocated": usage.allocated,
        "direct_workers": usage.direct,
        "reachable_direct_worker_share": round(usage.reachable_share, 4),
        "note": quota.note,
        "version": quota.version,
    }


def _quota_out(quota):
    quota = Quota.objects.select_related("org").get(pk=quota.pk)
    return serialize_quota(quota, quotas.usage_of(quota))


def _quota_or_404(user, quota_id):
    return get_object_or_404(Quota.objects.visible_to(user).select_related("org"), pk=quota_id)


def _number(value):
    value = decimal.Decimal(str(value))
    return float(value)


def _histories(nominations):
    """``{str(pk): [Transition, ...]}`` for a page of nominations, read in one query."""
    steps = Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(Nomination),
        object_id__in=[str(nomination.pk) for nomination in nominations],
    ).select_related("actor")
    grouped = defaultdict(list)
    for step in steps:
        grouped[step.object_id].append(step)
    return grouped


def _serialize_page(nominations):
    histories = _histories(nominations)
    return [serialize(n, history=histories.get(str(n.pk), [])) for n in nominations]


def _history(nomination, steps=None):
    return [
        {
            "from": step.from_state,
            "to": step.to_state,
            "by": step.actor.username if step.actor_id else None,
            "at": step.at,
            "comment": step.comment,
        }
        for step in (transitions_of(nomination) if steps is None else steps)
    ]


def serialize(nomination, *, fresh_eligibility=False, history=None):
    eligibility = nomination.eligibility or {}
    if fresh_eligibility and nomination.is_editable:
        eligibility = services.evaluate_eligibility(nomination)
    links = list(nomination.dossier_links.all())
    return {
        "id": nomination.pk,
        "award_type_id": nomination.award_type_id,
        "year": nomination.year,
        "org_id": nomination.org_id,
        "member_id": nomination.member_id,
        "nominee_org_id": nomination.nominee_org_id,
        "movement_id": nomination.movement_id,
        "kind": nomination.kind,
        "achievements": nomination.achievements,
        "self_scores": nomination.self_scores or {},
        "appraisal_scores": nomination.appraisal_scores or {},
        "score": _number(nomination.score),
        "status": nomination.status,
        "eligibility": {
            "eligible": bool(eligibility.get("eligible", False)),
            "reasons": list(eligibility.get("reasons", [])),
        },
        "document_ids": [link.document_id for link in links],
        "dossier": [{"document_id": link.document_id, "part": link.part} for link in links],
        "submission_id": nomination.submission_id,
        "submitted_at": nomination.submitted_at,
        "returned_reason": nomination.returned_reason,
        "recommendation": nomination.recommendation,
        "appraisal_comment": nomination.appraisal_comment,
        "history": _history(nomination, history),
        "version": nomination.version,
    }


def _base(user):
    return Nomination.objects.visible_to(user).select_related(
        "award_type", "org", "member", "member__org", "nominee_org", "submission"
    )


def _nomination_or_404(user, nomination_id):
    return get_object_or_404(_base(user), pk=nomination_id)


def _fresh(user, nomination):
    return serialize(_nomination_or_404(user, nomination.pk))


def _part_map(parts):
    if not parts:
        return None
    cleaned = {}
    for key, value in parts.items():
        if not str(key).isdigit():
            raise _invalid("dossier_parts", _("Give the parts by document id."))
        cleaned[int(key)] = value
    return cleaned


# --- quotas ---------------------------------------------------------------------------------


@quotas_router.get("", response={200: page_of(QuotaOut), 400: Problem, 401: Problem, 422: Problem})
def list_quotas(request, filters: Query[QuotaQuery], pagination: Query[PageQuery]):
    """Quotas visible to the caller (held in its reach), newest year first."""
    queryset = QuotaFilter(
        data=filters.dict(exclude_none=True),
        queryset=Quota.objects.visible_to(request.auth).select_related("org"),
    ).qs.order_by("-year", "award_type_id", "org__path", "id")

    def serialize_page(items):
        usages = quotas.usage_map(items)
        return [serialize_quota(q, usages[q.pk]) for q in items]

    return paginate(request, queryset, pagination, serialize_page)


@quotas_router.post(
    "", response={201: QuotaOut, **WRITE_ERRORS}, summary="Record or sub-allocate a quota"
)
def create_quota(request, payload: QuotaIn):
    """Without ``parent_id``: a quota granted from above (``year``, ``award_type_id`` required).
    With it: part of the parent's places passed on to a unit below; the children's counts never
    exceed the parent's (422 with the numbers)."""
    user = request.auth
    org = _visible(OrgUnit.objects, user, payload.org_id, "org_id")
    parent = _visible(Quota.objects, user, payload.parent_id, "parent_id")
    granted_by = None
    if payload.granted_by_org_id is not None:
        granted_by = OrgUnit.objects.filter(pk=payload.granted_by_org_id).first()
        if granted_by is None:
            raise _invalid("granted_by_org_id", _("No such unit."))
    award_type = None
    if parent is None:
        errors = []
        if payload.year is None:
            errors.append({"field": "year", "message": _("Give the year.")})
        if payload.award_type_id is None:
            errors.append({"field": "award_type_id", "message": _("Choose the award type.")})
        if errors:
            raise InvalidInput(_("Some fields are invalid."), errors=errors)
        award_type = _award_type(payload.award_type_id)
    quota = quotas.create_quota(
        by=user,
        year=payload.year,
        award_type=award_type,
        org=org,
        count=payload.count,
        granted_by_org=granted_by,
        parent=parent,
        min_direct_worker_share=payload.min_direct_worker_share,
        note=payload.note,
    )
    return 201, _quota_out(quota)


@quotas_router.get("/{quota_id}", response={200: QuotaOut, **READ_ERRORS})
def get_quota(request, quota_id: int = Path(..., ge=1, le=MAX_ID)):
    return _quota_out(_quota_or_404(request.auth, quota_id))


@quotas_router.patch("/{quota_id}", response={200: QuotaOut, **WRITE_ERRORS})
def update_quota(request, payload: QuotaPatch, quota_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    quota = _quota_or_404(user, quota_id)
    data = payload.dict(exclude_unset=True)
    quota = quotas.update_quota(
        quota,
        by=user,
        version=data.get("version"),
        count=data.get("count"),
        min_direct_worker_share=data.get("min_direct_worker_share"),
        note=data.get("note"),
    )
    return _quota_out(quota)


# --- nominations ----------------------------------------------------------------------------


@router.get("", response={200: page_of(NominationOut), 400: Problem, 401: Problem, 422: Problem})
def list_nominations(request, filters: Query[NominationQuery], pagination: Query[PageQuery]):
    """Nominations visible to the caller (its unit's and those below), by year, unit and id."""
    queryset = (
        NominationFilter(data=filters.dict(exclude_none=True), queryset=_base(request.auth))
        .qs.prefetch_related("dossier_links")
        .order_by("-year", "org_path", "id")
    )
    return paginate(request, queryset, pagination, _serialize_page)


@router.post("", response={201: NominationOut, **WRITE_ERRORS}, summary="Draft a nomination")
def create_nomination(request, payload: NominationIn):
    user = request.auth
    org = _visible(OrgUnit.objects, user, payload.org_id, "org_id")
    member = _visible(Member.objects, user, payload.member_id, "member_id")
    nominee_org = _visible(OrgUnit.objects, user, payload.nominee_org_id, "nominee_org_id")
    movement = _visible(Movement.objects, user, payload.movement_id, "movement_id")
    nomination = services.create_nomination(
        by=user,
        award_type=_award_type(payload.award_type_id),
        year=payload.year,
        org=org,
        member=member,
        nominee_org=nominee_org,
        movement=movement,
        kind=payload.kind,
        achievements=payload.achievements,
        self_scores=payload.self_scores,
        document_ids=payload.document_ids,
        dossier_parts=_part_map(payload.dossier_parts),
    )
    return 201, _fresh(user, nomination)


@router.get("/{nomination_id}", response={200: NominationOut, **READ_ERRORS})
def get_nomination(request, nomination_id: int = Path(..., ge=1, le=MAX_ID)):
    """One nomination; its eligibility is recomputed while the unit may still change it."""
    return serialize(_nomination_or_404(request.auth, nomination_id), fresh_eligibility=True)


@router.patch("/{nomination_id}", response={200: NominationOut, **WRITE_ERRORS})
def update_nomination(
    request, payload: NominationPatch, nomination_id: int = Path(..., ge=1, le=MAX_ID)
):
    """Change a draft or returned nomination (409 otherwise). ``document_ids`` replaces the
    dossier."""
    user = request.auth
    nomination = _nomination_or_404(user, nomination_id)
    data = payload.dict(exclude_unset=True)
    fields = {}
    for name in ("kind", "achievements", "self_scores"):
        if name in data:
            if data[name] is None:
                raise _invalid(name, _("This field cannot be empty."))
            fields[name] = data[name]
    if "movement_id" in data:
        fields["movement"] = _visible(Movement.objects, user, data["movement_id"], "movement_id")
    nomination = services.update_nomination(
        nomination,
        by=user,
        version=data.get("version"),
        document_ids=data.get("document_ids"),
        dossier_parts=_part_map(data.get("dossier_parts")),
        **fields,
    )
    return _fresh(user, nomination)


@router.post(
    "/{nomination_id}/submit",
    response={200: NominationOut, **WRITE_ERRORS},
    summary="Submit for appraisal: duplicates 409; eligibility, score, dossier, quota 422",
)
def submit_nomination(
    request, payload: TransitionIn | None = None, nomination_id: int = Path(..., ge=1, le=MAX_ID)
):
    user = request.auth
    nomination = _nomination_or_404(user, nomination_id)
    nomination = services.submit_nomination(
        nomination, by=user, version=(payload or TransitionIn()).version
    )
    return _fresh(user, nomination)


@router.post(
    "/{nomination_id}/return",
    response={200: NominationOut, **WRITE_ERRORS},
    summary="Return for revision, with the reason",
)
def return_nomination(request, payload: ReturnIn, nomination_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    nomination = _nomination_or_404(user, nomination_id)
    nomination = services.return_nomination(
        nomination, by=user, reason=payload.reason, version=payload.version
    )
    return _fresh(user, nomination)


@router.post(
    "/{nomination_id}/withdraw",
    response={200: NominationOut, **WRITE_ERRORS},
    summary="Withdraw (the proposing unit)",
)
def withdraw_nomination(
    request, payload: WithdrawIn | None = None, nomination_id: int = Path(..., ge=1, le=MAX_ID)
):
    user = request.auth
    payload = payload or WithdrawIn()
    nomination = _nomination_or_404(user, nomination_id)
    nomination = services.withdraw_nomination(
        nomination, by=user, version=payload.version, reason=payload.reason
    )
    return _fresh(user, nomination)


@router.post(
    "/{nomination_id}/appraise",
    response={200: NominationOut, **WRITE_ERRORS},
    summary="Appraise: scores, recommendation (approve → appraised, reject → rejected), comment",
)
def appraise_nomination(
    request, payload: AppraiseIn, nomination_id: int = Path(..., ge=1, le=MAX_ID)
):
    user = request.auth
    nomination = _nomination_or_404(user, nomination_id)
    nomination = services.appraise_nomination(
        nomination,
        by=user,
        scores=payload.scores,
        recommendation=payload.recommendation,
        comment=payload.comment,
        checklist=payload.checklist,
        version=payload.version,
    )
    return _fresh(user, nomination)
