"""Forwarding to the upper levels (thin: the services decide).

Two routers: ``upper_router`` adds ``POST /nominations/{id}/forward`` and
``POST /nominations/{id}/upper-result`` beside the nominations router (same prefix, other paths);
``router`` serves ``/forwarding``: the batches, and each batch's dossier package.
A forwarded nomination is answered with the nominations API's own shape plus ``batch_id`` and
``upper_result``.
"""

import datetime
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem
from thidua.api.routers.nominations import NominationOut, serialize
from thidua.api.schemas.common import MAX_ID, Day, Flag, LocalDateTime, Text, column_text
from thidua.documents.storage import read_blob
from thidua.forwarding import services
from thidua.forwarding.models import ForwardedNomination, ForwardingBatch, UpperResult
from thidua.nominations.models import Nomination

upper_router = Router(tags=["nominations"])
router = Router(tags=["forwarding"])

READ_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}
Version = Field(None, description="The version read; a stale one is refused (409).")
ResultName = Literal[tuple(UpperResult.values)]
LevelName = Literal["federation", "confederation", "state"]


class ForwardIn(Schema):
    upper_body: column_text(255) = Field(
        "", description="Addressee of the TTr (default: the standing committee of the upper unit)."
    )
    version: int | None = Version


class UpperResultIn(Schema):
    approved: Flag
    decision_number: column_text(60) | None = Field(
        None, description="Number of the upper level's decision (required when approved)."
    )
    decided_on: Day | None = Field(
        None, description="Date of the upper level's decision (required when approved)."
    )
    reason: Text = Field("", description="Required when rejected.")
    version: int | None = Version


class ForwardedOut(NominationOut):
    batch_id: int | None = Field(description="The forwarding batch, once forwarded.")
    upper_result: ResultName | None = Field(description="The upper level's answer, once forwarded.")


class BatchItemOut(Schema):
    nomination_id: int
    status: str
    upper_result: ResultName
    decision_number: str
    decided_on: datetime.date | None
    reason: str


class BatchOut(Schema):
    id: int
    org_id: int = Field(description="The forwarding unit.")
    upper_org_id: int | None = Field(description="The unit whose award it is (none for the State).")
    upper_body: str
    level: LevelName
    year: int
    title: str
    submission_document_id: int | None
    package_document_id: int | None
    package_sha256: str | None
    nominations: list[BatchItemOut]
    created_at: LocalDateTime
    version: int


class BatchQuery(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    level: LevelName | None = None


def _nomination_or_404(user, nomination_id):
    return get_object_or_404(
        Nomination.objects.visible_to(user).select_related(
            "award_type", "org", "member", "member__org", "nominee_org", "submission"
        ),
        pk=nomination_id,
    )


def _forwarded_out(user, nomination_id):
    nomination = _nomination_or_404(user, nomination_id)
    data = serialize(nomination)
    item = ForwardedNomination.objects.filter(nomination=nomination).first()
    data["batch_id"] = item.batch_id if item else None
    data["upper_result"] = item.upper_result if item else None
    return data


def serialize_batch(batch):
    package = batch.package_document
    return {
        "id": batch.pk,
        "org_id": batch.org_id,
        "upper_org_id": batch.upper_org_id,
        "upper_body": batch.upper_body,
        "level": batch.level,
        "year": batch.year,
        "title": batch.title,
        "submission_document_id": batch.submission_document_id,
        "package_document_id": batch.package_document_id,
        "package_sha256": package.file.sha256 if package and package.file_id else None,
        "nominations": [
            {
                "nomination_id": item.nomination_id,
                "status": item.nomination.status,
                "upper_result": item.upper_result,
                "decision_number": item.decision_number,
                "decided_on": item.decided_on,
                "reason": item.reason,
            }
            for item in batch.items.all()
        ],
        "created_at": batch.created_at,
        "version": batch.version,
    }


def _batches(user):
    return (
        ForwardingBatch.objects.visible_to(user)
        .select_related("package_document__file")
        .prefetch_related("items__nomination")
    )


@upper_router.post(
    "/{nomination_id}/forward",
    response={200: ForwardedOut, **WRITE_ERRORS},
    summary="Forward an approved nomination to the upper level whose award it is",
    description=(
        "Creates a batch with its TTr and dossier package; approved → forwarded. 409 when the "
        "nomination is not approved; 422 when its award is not given by an upper level."
    ),
)
def forward_nomination(
    request, payload: ForwardIn | None = None, nomination_id: int = Path(..., ge=1, le=MAX_ID)
):
    user = request.auth
    payload = payload or ForwardIn()
    nomination = _nomination_or_404(user, nomination_id)
    services.forward_nomination(
        nomination, by=user, version=payload.version, upper_body=payload.upper_body
    )
    return _forwarded_out(user, nomination_id)


@upper_router.post(
    "/{nomination_id}/upper-result",
    response={200: ForwardedOut, **WRITE_ERRORS},
    summary="Record the upper level's result on a forwarded nomination",
    description=(
        "approved → upper_approved (the award enters the nominee's history; decision number and "
        "date required) or upper_rejected (reason required). 409 from any other state."
    ),
)
def record_upper_result(
    request, payload: UpperResultIn, nomination_id: int = Path(..., ge=1, le=MAX_ID)
):
    user = request.auth
    nomination = _nomination_or_404(user, nomination_id)
    services.record_upper_result(
        nomination,
        by=user,
        approved=payload.approved,
        decision_number=payload.decision_number,
        decided_on=payload.decided_on,
        reason=payload.reason,
        version=payload.version,
    )
    return _forwarded_out(user, nomination_id)


@router.get("/batches", response={200: page_of(BatchOut), 400: Problem, 401: Problem, 422: Problem})
def list_batches(request, filters: Query[BatchQuery], pagination: Query[PageQuery]):
    batches = _batches(request.auth).order_by("-created_at", "-id")
    if filters.year is not None:
        batches = batches.filter(year=filters.year)
    if filters.level is not None:
        batches = batches.filter(level=filters.level)
    return paginate(request, batches, pagination, lambda items: [serialize_batch(b) for b in items])


@router.get("/batches/{batch_id}", response={200: BatchOut, **READ_ERRORS})
def get_batch(request, batch_id: int = Path(..., ge=1, le=MAX_ID)):
    return serialize_batch(get_object_or_404(_batches(request.auth), pk=batch_id))


@router.get(
    "/batches/{batch_id}/package.zip",
    response={**READ_ERRORS},
    openapi_extra={
        "responses": {
            200: {
                "description": "The dossier package (ZIP)",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
    summary="The batch's dossier package (manifest.json, nominations.json, files)",
)
def batch_package(request, batch_id: int = Path(..., ge=1, le=MAX_ID)):
    batch = get_object_or_404(
        _batches(request.auth), pk=batch_id, package_document__file__isnull=False
    )
    stored = batch.package_document.file
    response = HttpResponse(read_blob(stored), content_type="application/zip")
    name = batch.package_document.file_name or f"ho-so-{batch.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
