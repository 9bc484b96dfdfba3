"""The award catalogue (``/award-types``), base salaries (``/base-salaries``) and initiatives
(``/initiatives``). Routers are thin: the writes go through ``thidua.awards.services``."""

import datetime
from decimal import Decimal
from typing import Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem
from thidua.api.schemas.common import MAX_ID, Day, Flag, Id, LocalDateTime, SearchText, column_text
from thidua.awards import services
from thidua.awards.models import (
    Audience,
    AwardType,
    BaseSalary,
    Category,
    Criterion,
    DossierPart,
    Initiative,
    IssuingLevel,
    Subject,
    VoteBase,
)
from thidua.core.exceptions import InvalidInput
from thidua.core.permissions import require
from thidua.core.versioning import check_version
from thidua.organizations.models import OrgUnit

award_types_router = Router(tags=["award catalogue"])
base_salaries_router = Router(tags=["award catalogue"])
initiatives_router = Router(tags=["initiatives"])

READ_ERRORS = {400: Problem, 401: Problem, 422: Problem}
ONE_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem}

CategoryName = Literal[tuple(Category.values)]
SubjectName = Literal[tuple(Subject.values)]
LevelName = Literal[tuple(IssuingLevel.values)]
VoteBaseName = Literal[tuple(VoteBase.values)]
AudienceName = Literal[tuple(Audience.values)]
PartName = Literal[tuple(DossierPart.values)]
Fraction = Field(ge=0, le=1)


# --- schemas --------------------------------------------------------------------------------


class CriterionIn(Schema):
    code: column_text(30, required=True)
    name: column_text(500, required=True)
    max_points: float = Field(ge=0, lt=10_000)
    required: Flag = False
    audience: AudienceName = Field(
        "all", description="`direct_worker` or `non_leader` for a rubric of those members only."
    )


class CriterionOut(Schema):
    code: str
    name: str
    max_points: float
    required: bool
    audience: AudienceName


class RuleOut(Schema):
    id: int
    kind: str
    params: dict
    message: str
    active: bool


class AwardTypeOut(Schema):
    id: int
    code: str
    name: str
    category: CategoryName
    subject: SubjectName
    issuing_level: LevelName
    amount_coefficient: float
    amount: int = Field(description="VND at the base salary in force today.")
    vote_threshold: float = Field(description="Fraction of the council's votes needed.")
    vote_base: VoteBaseName
    quorum: float
    secret_ballot: bool
    criteria: list[CriterionOut]
    min_score: float
    quota_limited: bool
    required_dossier_parts: list[PartName]
    simplified_parts: list[PartName]
    share_cap: float | None
    share_cap_base: str
    eligibility_rules: list[RuleOut]
    description: str
    active: bool
    version: int
    updated_at: LocalDateTime


class AwardTypeIn(Schema):
    code: column_text(30, required=True)
    name: column_text(255, required=True)
    category: CategoryName
    subject: SubjectName
    issuing_level: LevelName
    amount_coefficient: float = Field(0, ge=0, lt=10_000)
    vote_threshold: float = Field(0.7, ge=0, le=1)
    vote_base: VoteBaseName = "present"
    quorum: float = Field(0.6667, ge=0, le=1)
    secret_ballot: Flag = False
    criteria: list[CriterionIn] = []
    min_score: float = Field(0, ge=0, lt=10_000)
    quota_limited: Flag = False
    required_dossier_parts: list[PartName] = [
        DossierPart.SUBMISSION,
        DossierPart.ACHIEVEMENT_REPORT,
        DossierPart.COUNCIL_MINUTES,
    ]
    simplified_parts: list[PartName] = [DossierPart.SUBMISSION, DossierPart.SUMMARY]
    share_cap: float | None = Field(None, ge=0, le=1)
    share_cap_base: column_text(40) = Field("members", description="members or award:<code>.")
    description: str = ""
    active: Flag = True


class AwardTypePatch(Schema):
    """Only the fields sent change; ``criteria`` replaces the whole rubric."""

    code: column_text(30, required=True) | None = None
    name: column_text(255, required=True) | None = None
    category: CategoryName | None = None
    subject: SubjectName | None = None
    issuing_level: LevelName | None = None
    amount_coefficient: float | None = Field(None, ge=0, lt=10_000)
    vote_threshold: float | None = Field(None, ge=0, le=1)
    vote_base: VoteBaseName | None = None
    quorum: float | None = Field(None, ge=0, le=1)
    secret_ballot: Flag | None = None
    criteria: list[CriterionIn] | None = None
    min_score: float | None = Field(None, ge=0, lt=10_000)
    quota_limited: Flag | None = None
    required_dossier_parts: list[PartName] | None = None
    simplified_parts: list[PartName] | None = None
    share_cap: float | None = Field(None, ge=0, le=1, description="null removes the cap.")
    share_cap_base: column_text(40) | None = None
    description: str | None = None
    active: Flag | None = None
    version: int | None = Field(None, description="The version read; a stale one is refused (409).")


class AwardTypeQuery(Schema):
    q: SearchText | None = Field(None, description="Code or name, ignoring diacritics and case.")
    category: CategoryName | None = None
    subject: SubjectName | None = None
    issuing_level: LevelName | None = None
    active: bool | None = None


class BaseSalaryIn(Schema):
    amount: int = Field(ge=1, le=10**12)
    effective_from: Day
    note: column_text(255) = ""


class BaseSalaryOut(Schema):
    amount: int
    effective_from: datetime.date
    note: str


class InitiativeIn(Schema):
    org_id: Id
    title: column_text(500, required=True)
    author_ids: list[Id] = Field(min_length=1, max_length=100)
    description: str = ""
    applied_from: Day | None = None
    benefit_value: int | None = Field(None, ge=0, le=10**15, description="VND.")


class RecognizeIn(Schema):
    recognized_on: Day
    version: int | None = None


class InitiativeOut(Schema):
    id: int
    org_id: int
    title: str
    author_ids: list[int]
    description: str
    applied_from: datetime.date | None
    benefit_value: int | None
    recognized: bool
    recognized_on: datetime.date | None
    reward_amount: int | None = Field(description="VND, from the reward brackets.")
    version: int
    created_at: LocalDateTime


class InitiativeQuery(Schema):
    org: Id | None = Field(None, description="The unit and all its sub-units.")
    recognized: bool | None = None
    year: int | None = Field(None, ge=1945, le=2100, description="Year of recognition.")
    q: SearchText | None = None


# --- serialisation --------------------------------------------------------------------------


def _catalogue():
    return AwardType.objects.prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("audience", "order", "id")),
        "eligibility_rules",
    )


def award_type_out(award_type):
    return {
        **{
            name: getattr(award_type, name)
            for name in (
                "id",
                "code",
                "name",
                "category",
                "subject",
                "issuing_level",
                "vote_base",
                "secret_ballot",
                "quota_limited",
                "share_cap_base",
                "description",
                "active",
                "version",
                "updated_at",
            )
        },
        "amount_coefficient": float(award_type.amount_coefficient),
        "amount": award_type.amount,
        "vote_threshold": float(award_type.vote_threshold),
        "quorum": float(award_type.quorum),
        "min_score": float(award_type.min_score),
        "share_cap": float(award_type.share_cap) if award_type.share_cap is not None else None,
        "required_dossier_parts": list(award_type.required_dossier_parts or []),
        "simplified_parts": list(award_type.simplified_parts or []),
        "criteria": [
            {
                "code": c.code,
                "name": c.name,
                "max_points": float(c.max_points),
                "required": c.required,
                "audience": c.audience,
            }
            for c in award_type.criteria.all()
        ],
        "eligibility_rules": [
            {
                "id": r.pk,
                "kind": r.kind,
                "params": r.params,
                "message": r.message,
                "active": r.active,
            }
            for r in award_type.eligibility_rules.all()
        ],
    }


def _model_fields(data):
    """API values → model values: fractions and points as ``Decimal``, criteria as dicts."""
    for name in ("amount_coefficient", "vote_threshold", "quorum", "min_score", "share_cap"):
        if data.get(name) is not None:
            data[name] = Decimal(str(data[name]))
    if data.get("criteria") is not None:
        data["criteria"] = [
            {**c, "max_points": Decimal(str(c["max_points"])), "order": index}
            for index, c in enumerate(data["criteria"], start=1)
        ]
    return data


def initiative_out(initiative):
    return {
        "id": initiative.pk,
        "org_id": initiative.org_id,
        "title": initiative.title,
        "author_ids": sorted(a.pk for a in initiative.authors.all()),
        "description": initiative.description,
        "applied_from": initiative.applied_from,
        "benefit_value": initiative.benefit_value,
        "recognized": initiative.recognised,
        "recognized_on": initiative.recognized_on,
        "reward_amount": initiative.reward_amount,
        "version": initiative.version,
        "created_at": initiative.created_at,
    }


# --- award types ----------------------------------------------------------------------------


@award_types_router.get(
    "", response={200: page_of(AwardTypeOut), **READ_ERRORS}, summary="List award types"
)
def list_award_types(request, filters: Query[AwardTypeQuery], pagination: Query[PageQuery]):
    """The catalogue, in its display order; every signed-in user may read it."""
    queryset = _catalogue().search(filters.q)
    for name in ("category", "subject", "issuing_level", "active"):
        value = getattr(filters, name)
        if value is not None:
            queryset = queryset.filter(**{name: value})
    return paginate(request, queryset, pagination, lambda page: [award_type_out(a) for a in page])


@award_types_router.get("/{award_type_id}", response={200: AwardTypeOut, **ONE_ERRORS})
def get_award_type(request, award_type_id: int = Path(..., ge=1, le=MAX_ID)):
    return award_type_out(get_object_or_404(_catalogue(), pk=award_type_id))


@award_types_router.post(
    "", response={201: AwardTypeOut, **WRITE_ERRORS}, summary="Add an award type (sector admin)"
)
def create_award_type(request, payload: AwardTypeIn):
    data = _model_fields(payload.dict())
    award_type = services.create_award_type(by=request.auth, **data)
    return 201, award_type_out(_catalogue().get(pk=award_type.pk))


@award_types_router.patch(
    "/{award_type_id}",
    response={200: AwardTypeOut, 404: Problem, **WRITE_ERRORS},
    summary="Change an award type (sector admin)",
)
def update_award_type(
    request, payload: AwardTypePatch, award_type_id: int = Path(..., ge=1, le=MAX_ID)
):
    award_type = get_object_or_404(AwardType.objects.all(), pk=award_type_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    nullable = {"share_cap", "description"}
    empty = [name for name, value in data.items() if value is None and name not in nullable]
    if empty:
        raise InvalidInput(
            _("Some fields are invalid."),
            errors=[{"field": name, "message": _("This field cannot be empty.")} for name in empty],
        )
    if not data:
        require(request.auth, "awards.change_catalogue", award_type)
        check_version(award_type, version)
    else:
        services.update_award_type(
            award_type, by=request.auth, version=version, **_model_fields(data)
        )
    return award_type_out(_catalogue().get(pk=award_type.pk))


# --- base salaries --------------------------------------------------------------------------


@base_salaries_router.get(
    "", response={200: list[BaseSalaryOut], 401: Problem}, summary="Base salaries, newest first"
)
def list_base_salaries(request):
    return list(BaseSalary.objects.order_by("-effective_from"))


@base_salaries_router.post(
    "", response={201: BaseSalaryOut, **WRITE_ERRORS}, summary="Add a base salary (sector admin)"
)
def add_base_salary(request, payload: BaseSalaryIn):
    salary = services.add_base_salary(by=request.auth, **payload.dict())
    return 201, salary


# --- initiatives ----------------------------------------------------------------------------


def _visible_initiatives(user):
    return Initiative.objects.visible_to(user).prefetch_related("authors")


@initiatives_router.get(
    "", response={200: page_of(InitiativeOut), **READ_ERRORS}, summary="List initiatives"
)
def list_initiatives(request, filters: Query[InitiativeQuery], pagination: Query[PageQuery]):
    """Initiatives of the units the caller reaches, newest first."""
    queryset = _visible_initiatives(request.auth).search(filters.q)
    if filters.org is not None:
        org = OrgUnit.objects.filter(pk=filters.org).first()
        queryset = queryset.in_subtree(org) if org else queryset.none()
    if filters.recognized is not None:
        queryset = queryset.filter(recognized_on__isnull=not filters.recognized)
    if filters.year is not None:
        queryset = queryset.filter(recognized_on__year=filters.year)
    return paginate(request, queryset, pagination, lambda page: [initiative_out(i) for i in page])


@initiatives_router.post(
    "", response={201: InitiativeOut, **WRITE_ERRORS}, summary="Register an initiative"
)
def create_initiative(request, payload: InitiativeIn):
    user = request.auth
    org = OrgUnit.objects.visible_to(user).filter(pk=payload.org_id).first()
    if org is None:
        raise InvalidInput(
            _("Some fields are invalid."),
            errors=[
                {"field": "org_id", "message": _("No such unit, or it is not visible to you.")}
            ],
        )
    initiative = services.create_initiative(org=org, by=user, **payload.dict(exclude={"org_id"}))
    return 201, initiative_out(initiative)


@initiatives_router.get("/{initiative_id}", response={200: InitiativeOut, **ONE_ERRORS})
def get_initiative(request, initiative_id: int = Path(..., ge=1, le=MAX_ID)):
    return initiative_out(get_object_or_404(_visible_initiatives(request.auth), pk=initiative_id))


@initiatives_router.post(
    "/{initiative_id}/recognize",
    response={200: InitiativeOut, 404: Problem, **WRITE_ERRORS},
    summary="Recognise an initiative (the unit's council)",
)
def recognize_initiative(
    request, payload: RecognizeIn, initiative_id: int = Path(..., ge=1, le=MAX_ID)
):
    initiative = get_object_or_404(_visible_initiatives(request.auth), pk=initiative_id)
    initiative = services.recognize_initiative(
        initiative, by=request.auth, recognized_on=payload.recognized_on, version=payload.version
    )
    return initiative_out(initiative)
