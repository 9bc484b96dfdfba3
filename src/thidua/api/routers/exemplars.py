"""Exemplary models: find, verify, honour, replicate, publish (thin: the services decide).

Registered at ``/exemplars``. An exemplar is a member (``member_id``) or a collective (``org_id``).
The recording unit (``owner_org_id``) defaults to the caller's own unit when it reaches the
nominee, else the nominee's unit. Exemplars outside the caller's reach answer 404; verified and
honoured ones are visible to the staff of the whole sector.
"""

import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem
from thidua.api.schemas.common import MAX_ID, Day, Flag, Id, LocalDateTime, Text, text
from thidua.core.exceptions import InvalidInput
from thidua.exemplars import services
from thidua.exemplars.filters import ExemplarFilter
from thidua.exemplars.models import Exemplar, ExemplarSource, ExemplarStatus, HonorHow
from thidua.movements.models import Movement
from thidua.organizations.models import Member, OrgUnit

router = Router(tags=["exemplars"])

READ_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}

SourceName = Literal[tuple(ExemplarSource.values)]
StatusName = Literal[tuple(ExemplarStatus.values)]
HowName = Literal[tuple(HonorHow.values)]
Version = Field(None, description="The version read; a stale one is refused (409).")


class ExemplarQuery(Schema):
    status: StatusName | None = None
    source: SourceName | None = None
    org: Id | None = Field(
        None, description="Recorded in this unit's subtree, or whose nominee is in it."
    )
    movement: Id | None = None
    member: Id | None = None
    q: text(200) | None = Field(None, description="Title, name or story, ignoring diacritics.")


class ExemplarIn(Schema):
    member_id: Id | None = Field(None, description="The exemplary member (or give org_id).")
    org_id: Id | None = Field(None, description="The exemplary collective (or give member_id).")
    source: SourceName
    story: Text
    title: text(300) = ""
    achievements: Text = ""
    movement_id: Id | None = None
    owner_org_id: Id | None = Field(
        None,
        description="The recording unit; default: the caller's unit when it reaches the "
        "nominee, else the nominee's unit.",
    )


class VerifyIn(Schema):
    comment: Text = ""
    version: int | None = Version


class HonorIn(Schema):
    honored_on: Day
    how: HowName
    note: Text = ""
    award_reference: text(200) = ""
    version: int | None = Version


class ReplicationIn(Schema):
    org_id: Id = Field(description="The adopting unit.")
    adopted_on: Day
    how: Text = ""
    note: Text = ""


class PublicationIn(Schema):
    publish: Flag
    public_name: text(200) = ""
    public_story: Text = ""
    version: int | None = Version


class ReplicationOut(Schema):
    id: int
    exemplar_id: int
    org_id: int
    adopted_on: datetime.date
    how: str
    note: str
    created_at: LocalDateTime


class ExemplarOut(Schema):
    id: int
    member_id: int | None
    org_id: int | None = Field(description="The exemplary collective (null for a member).")
    nominee_org_id: int = Field(description="The member's unit, or the collective itself.")
    owner_org_id: int
    source: SourceName
    title: str
    story: str
    achievements: str
    movement_id: int | None
    status: StatusName
    found_by_id: int | None
    inspection_id: int | None
    verified_at: LocalDateTime | None
    honored_on: datetime.date | None
    how: HowName | None
    honor_note: str
    award_reference: str
    publish: bool
    public_name: str
    public_story: str
    replications: list[ReplicationOut]
    created_at: LocalDateTime
    version: int


def serialize(exemplar):
    return {
        "id": exemplar.pk,
        "member_id": exemplar.member_id,
        "org_id": exemplar.org_id,
        "nominee_org_id": exemplar.nominee_unit.pk,
        "owner_org_id": exemplar.owner_org_id,
        "source": exemplar.source,
        "title": exemplar.title,
        "story": exemplar.story,
        "achievements": exemplar.achievements,
        "movement_id": exemplar.movement_id,
        "status": exemplar.status,
        "found_by_id": exemplar.found_by_id,
        "inspection_id": exemplar.inspection_id,
        "verified_at": exemplar.verified_at,
        "honored_on": exemplar.honored_on,
        "how": exemplar.how or None,
        "honor_note": exemplar.honor_note,
        "award_reference": exemplar.award_reference,
        "publish": exemplar.publish,
        "public_name": exemplar.public_name,
        "public_story": exemplar.public_story,
        "replications": list(exemplar.replications.all()),
        "created_at": exemplar.created_at,
        "version": exemplar.version,
    }


def visible_exemplars(user):
    return (
        Exemplar.objects.visible_to(user)
        .select_related("member", "member__org", "org")
        .prefetch_related("replications")
    )


def _exemplar_or_404(user, exemplar_id):
    return get_object_or_404(visible_exemplars(user), pk=exemplar_id)


def _fresh(user, exemplar):
    return serialize(_exemplar_or_404(user, exemplar.pk))


def _unknown(field, message):
    return InvalidInput(
        _("Some fields are invalid."), errors=[{"field": field, "message": message}]
    )


def _visible_unit(user, org_id, field="org_id"):
    unit = OrgUnit.objects.visible_to(user).filter(pk=org_id).first()
    if unit is None:
        raise _unknown(field, _("No such unit, or it is not visible to you."))
    return unit


@router.get("", response={200: page_of(ExemplarOut), 400: Problem, 401: Problem, 422: Problem})
def list_exemplars(request, filters: Query[ExemplarQuery], pagination: Query[PageQuery]):
    """Exemplars visible to the caller, newest first."""
    queryset = ExemplarFilter(
        data=filters.dict(exclude_none=True), queryset=visible_exemplars(request.auth)
    ).qs
    return paginate(
        request,
        queryset.order_by("-created_at", "-id"),
        pagination,
        lambda exemplars: [serialize(e) for e in exemplars],
    )


@router.post("", response={201: ExemplarOut, **WRITE_ERRORS}, summary="Record a found exemplar")
def create_exemplar(request, payload: ExemplarIn):
    user = request.auth
    if (payload.member_id is None) == (payload.org_id is None):
        raise _unknown("member_id", _("Give either member_id or org_id."))
    member = org = None
    if payload.member_id is not None:
        member = (
            Member.objects.visible_to(user).select_related("org").filter(pk=payload.member_id)
        ).first()
        if member is None:
            raise _unknown("member_id", _("No such member, or it is not visible to you."))
    else:
        org = _visible_unit(user, payload.org_id)
    nominee_unit = member.org if member is not None else org
    if payload.owner_org_id is not None:
        owner = _visible_unit(user, payload.owner_org_id, "owner_org_id")
    else:
        owner = services.default_owner(user, nominee_unit)
    movement = None
    if payload.movement_id is not None:
        movement = Movement.objects.visible_to(user).filter(pk=payload.movement_id).first()
        if movement is None:
            raise _unknown("movement_id", _("No such movement, or it is not visible to you."))
    exemplar = services.create_exemplar(
        by=user,
        owner_org=owner,
        member=member,
        org=org,
        source=payload.source,
        story=payload.story,
        title=payload.title,
        achievements=payload.achievements,
        movement=movement,
    )
    return 201, _fresh(user, exemplar)


@router.get("/{exemplar_id}", response={200: ExemplarOut, **READ_ERRORS})
def get_exemplar(request, exemplar_id: int = Path(..., ge=1, le=MAX_ID)):
    return serialize(_exemplar_or_404(request.auth, exemplar_id))


@router.post(
    "/{exemplar_id}/verify",
    response={200: ExemplarOut, **WRITE_ERRORS},
    summary="Verify a found exemplar (sector)",
)
def verify_exemplar(
    request, payload: VerifyIn | None = None, exemplar_id: int = Path(..., ge=1, le=MAX_ID)
):
    user = request.auth
    payload = payload or VerifyIn()
    exemplar = _exemplar_or_404(user, exemplar_id)
    services.verify_exemplar(exemplar, by=user, version=payload.version, comment=payload.comment)
    return _fresh(user, exemplar)


@router.post(
    "/{exemplar_id}/honor",
    response={200: ExemplarOut, **WRITE_ERRORS},
    summary="Record how a verified exemplar was honoured",
)
def honor_exemplar(request, payload: HonorIn, exemplar_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    exemplar = _exemplar_or_404(user, exemplar_id)
    services.honor_exemplar(
        exemplar,
        by=user,
        honored_on=payload.honored_on,
        how=payload.how,
        note=payload.note,
        award_reference=payload.award_reference,
        version=payload.version,
    )
    return _fresh(user, exemplar)


@router.post(
    "/{exemplar_id}/publication",
    response={200: ExemplarOut, **WRITE_ERRORS},
    summary="Publish an honoured exemplar on the public showcase, or withdraw it",
)
def set_publication(request, payload: PublicationIn, exemplar_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    exemplar = _exemplar_or_404(user, exemplar_id)
    services.set_publication(
        exemplar,
        by=user,
        publish=payload.publish,
        public_name=payload.public_name,
        public_story=payload.public_story,
        public_photos=list(exemplar.public_photos.all()) if payload.publish else [],
        version=payload.version,
    )
    return _fresh(user, exemplar)


@router.get(
    "/{exemplar_id}/replications",
    response={200: page_of(ReplicationOut), **READ_ERRORS},
    summary="The units that replicated the model",
)
def list_replications(
    request, pagination: Query[PageQuery], exemplar_id: int = Path(..., ge=1, le=MAX_ID)
):
    exemplar = _exemplar_or_404(request.auth, exemplar_id)
    return paginate(request, exemplar.replications.order_by("org__path", "id"), pagination)


@router.post(
    "/{exemplar_id}/replications",
    response={201: ReplicationOut, **WRITE_ERRORS},
    summary="Record that a unit replicated the model",
)
def create_replication(
    request, payload: ReplicationIn, exemplar_id: int = Path(..., ge=1, le=MAX_ID)
):
    """409 unless the exemplar is verified or honoured, and when the unit already replicated it."""
    user = request.auth
    exemplar = _exemplar_or_404(user, exemplar_id)
    org = _visible_unit(user, payload.org_id)
    replication = services.record_replication(
        exemplar,
        by=user,
        org=org,
        adopted_on=payload.adopted_on,
        how=payload.how,
        note=payload.note,
    )
    return 201, replication
