"""Commendation decisions, certificates and the public verification (thin: the services decide).

Three routers: ``decisions_router`` at ``/decisions``, ``certificates_router`` at
``/certificates`` and ``verify_router`` at ``/verify`` (no authentication, rate-limited per
client address).
"""

import datetime
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem, problem, require_list_access
from thidua.api.schemas.common import MAX_ID, Day, Id, LocalDateTime, text
from thidua.core.exceptions import NotFound
from thidua.core.text import amount_in_words
from thidua.decisions import printing, services, verification
from thidua.decisions.models import (
    Certificate,
    Decision,
    DecisionItem,
    DecisionStatus,
    RevocationReason,
)
from thidua.decisions.views.decisions import may_see_decisions
from thidua.organizations.models import OrgUnit

decisions_router = Router(tags=["decisions"])
certificates_router = Router(tags=["decisions"])
verify_router = Router(tags=["verification"])

READ_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

DecisionStatusName = Literal[tuple(DecisionStatus.values)]
RevocationReasonName = Literal[tuple(RevocationReason.values)]


def _binary(content_type, description):
    return {
        "responses": {
            200: {
                "description": description,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


# --- schemas --------------------------------------------------------------------------------


class DecisionIn(Schema):
    org_id: Id = Field(description="The issuing unit (a sector or grassroots union).")
    nomination_ids: list[Id] = Field(
        max_length=services.MAX_ITEMS, description="Approved nominations of this unit's level."
    )
    signed_on: Day
    signer_name: text(150)
    signer_title: text(150)


class ItemOut(Schema):
    id: int
    nomination_id: int
    member_id: int | None
    org_id: int = Field(description="The recipient's unit (the collective itself for one).")
    recipient: str
    award_type_code: str
    amount: int
    amount_in_words: str
    certificate_id: int
    certificate_code: str
    revoked: bool


class DecisionOut(Schema):
    id: int
    number: str
    org_id: int
    signed_on: datetime.date
    signer_name: str
    signer_title: str
    subject: str
    status: DecisionStatusName
    items: list[ItemOut]
    total_amount: int
    total_in_words: str
    document_id: int
    version: int
    created_at: LocalDateTime


class DecisionQuery(Schema):
    year: int | None = Field(None, ge=1900, le=9999, description="Signed in this year.")
    org: Id | None = Field(None, description="Issued by this unit or a unit below it.")
    status: DecisionStatusName | None = None


class RevokeIn(Schema):
    reason: RevocationReasonName
    detail: text(2000) = ""
    revocation_number: text(60)
    revoked_on: Day
    amount_recovered: int | None = Field(None, ge=0, le=10**15)


class RevocationOut(Schema):
    id: int
    item_id: int
    reason: RevocationReasonName
    detail: str
    revocation_number: str
    revoked_on: datetime.date
    amount_recovered: int | None
    at: LocalDateTime


class VerifyOut(Schema):
    code: str
    valid: bool
    status: Literal["valid", "revoked"]
    recipient: str
    unit: str
    award: str
    decision_number: str
    decided_on: datetime.date
    issued_by: str
    revoked_on: datetime.date | None
    revocation_reason: str | None


# --- helpers --------------------------------------------------------------------------------


def _visible(user):
    return Decision.objects.visible_to(user).select_related("org")


def _items(decision):
    return decision.items.select_related("award_type", "certificate", "revocation").order_by(
        "position", "id"
    )


def serialize(decision):
    items = list(_items(decision))
    total = sum(item.amount for item in items)
    return {
        "id": decision.pk,
        "number": decision.number_symbol,
        "org_id": decision.org_id,
        "signed_on": decision.signed_on,
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
        "subject": decision.subject,
        "status": decision.status,
        "items": [
            {
                "id": item.pk,
                "nomination_id": item.nomination_id,
                "member_id": item.member_id,
                "org_id": item.holder_org_id,
                "recipient": item.recipient_name,
                "award_type_code": item.award_type.code,
                "amount": item.amount,
                "amount_in_words": item.amount_in_words,
                "certificate_id": item.certificate.pk,
                "certificate_code": item.certificate.code,
                "revoked": hasattr(item, "revocation"),
            }
            for item in items
        ],
        "total_amount": total,
        "total_in_words": amount_in_words(total),
        "document_id": decision.document_id,
        "version": decision.version,
        "created_at": decision.created_at,
    }


def _decision_or_404(user, decision_id):
    return get_object_or_404(_visible(user), pk=decision_id)


def _file(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_stem(decision):
    return decision.number_symbol.replace("/", "-")


# --- decisions ------------------------------------------------------------------------------


@decisions_router.get("", response={200: page_of(DecisionOut), **READ_ERRORS, 403: Problem})
def list_decisions(request, filters: Query[DecisionQuery], pagination: Query[PageQuery]):
    """Decisions the caller sees (issued in their reach, or awarding someone in it); 403 without
    a staff role (as the page: a member finds their decisions among their own awards)."""
    user = request.auth
    require_list_access(may_see_decisions(user))
    queryset = _visible(user)
    if filters.year is not None:
        queryset = queryset.filter(signed_on__year=filters.year)
    if filters.org is not None:
        org = OrgUnit.objects.visible_to(user).filter(pk=filters.org).first()
        if org is None:
            raise NotFound(_("No such unit, or it is not visible to you."))
        queryset = queryset.filter(org__path__startswith=org.path)
    if filters.status is not None:
        queryset = queryset.filter(status=filters.status)
    return paginate(
        request, queryset, pagination, lambda decisions: [serialize(d) for d in decisions]
    )


@decisions_router.post(
    "", response={201: DecisionOut, **WRITE_ERRORS}, summary="Issue a commendation decision"
)
def create_decision(request, payload: DecisionIn):
    """Number and issue a decision; the nominations become ``awarded``, each item gets its amount
    and a certificate. 422 with ``reasons`` when a nomination cannot be decided."""
    user = request.auth
    org = OrgUnit.objects.visible_to(user).filter(pk=payload.org_id).first()
    if org is None:
        raise NotFound(_("No such unit, or it is not visible to you."))
    decision = services.issue_decision(
        by=user,
        org=org,
        nominations=payload.nomination_ids,
        signed_on=payload.signed_on,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
    )
    return 201, serialize(decision)


@decisions_router.get("/{decision_id}", response={200: DecisionOut, **READ_ERRORS})
def get_decision(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    return serialize(_decision_or_404(request.auth, decision_id))


@decisions_router.get(
    "/{decision_id}/document.docx",
    response=READ_ERRORS,
    summary="The decision as DOCX",
    openapi_extra=_binary(DOCX, "The decision (QĐ) with its annex"),
)
def decision_docx(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = _decision_or_404(request.auth, decision_id)
    return _file(printing.decision_docx(decision), DOCX, f"{_file_stem(decision)}.docx")


@decisions_router.get(
    "/{decision_id}/document.pdf",
    response=READ_ERRORS,
    summary="The decision as PDF",
    openapi_extra=_binary(PDF, "The decision (QĐ) with its annex"),
)
def decision_pdf(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = _decision_or_404(request.auth, decision_id)
    return _file(printing.decision_pdf(decision), PDF, f"{_file_stem(decision)}.pdf")


@decisions_router.get(
    "/{decision_id}/certificates.pdf",
    response=READ_ERRORS,
    summary="All certificates of the decision in one PDF, for printing",
    openapi_extra=_binary(PDF, "One page per certificate"),
)
def decision_certificates_pdf(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = _decision_or_404(request.auth, decision_id)
    certificates = Certificate.objects.filter(item__decision=decision).select_related(
        "item__decision__org", "item__member__org", "item__award_type", "item__nomination"
    )
    return _file(
        printing.certificates_pdf(certificates), PDF, f"{_file_stem(decision)}-giay-khen.pdf"
    )


@decisions_router.post(
    "/{decision_id}/items/{item_id}/revoke",
    response={201: RevocationOut, **WRITE_ERRORS},
    summary="Revoke one award of the decision",
)
def revoke_item(
    request,
    payload: RevokeIn,
    decision_id: int = Path(..., ge=1, le=MAX_ID),
    item_id: int = Path(..., ge=1, le=MAX_ID),
):
    """The award leaves the effective history; its certificate verifies as revoked."""
    decision = _decision_or_404(request.auth, decision_id)
    item = get_object_or_404(
        DecisionItem.objects.select_related("decision__org", "award_record", "nomination__org"),
        pk=item_id,
        decision=decision,
    )
    revocation = services.revoke_award(
        item,
        by=request.auth,
        reason=payload.reason,
        detail=payload.detail,
        revocation_number=payload.revocation_number,
        revoked_on=payload.revoked_on,
        amount_recovered=payload.amount_recovered,
    )
    return 201, {
        "id": revocation.pk,
        "item_id": item.pk,
        "reason": revocation.reason,
        "detail": revocation.detail,
        "revocation_number": revocation.revocation_number,
        "revoked_on": revocation.revoked_on,
        "amount_recovered": revocation.amount_recovered,
        "at": revocation.at,
    }


# --- certificates ---------------------------------------------------------------------------


@certificates_router.get(
    "/{certificate_id}/pdf",
    response=READ_ERRORS,
    summary="The certificate (Giấy khen) as PDF, with the QR code of its verification page",
    openapi_extra=_binary(PDF, "A4 landscape"),
)
def certificate_pdf(request, certificate_id: int = Path(..., ge=1, le=MAX_ID)):
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.auth).select_related(
            "item__decision__org", "item__member__org", "item__award_type", "item__nomination"
        ),
        pk=certificate_id,
    )
    return _file(printing.certificate_pdf(certificate), PDF, f"giay-khen-{certificate.pk}.pdf")


# --- public verification --------------------------------------------------------------------


@verify_router.get(
    "/{code}",
    auth=None,
    response={200: VerifyOut, 400: Problem, 404: Problem, 422: Problem, 429: Problem},
    summary="Verify a certificate by its code (public)",
)
def verify(request, code: str = Path(..., max_length=40)):
    """Who received what award, by which decision of which unit, and whether it was revoked.
    No authentication; at most 60 lookups a minute per client address by default
    (``RATE_LIMIT_VERIFY_PER_ADDRESS``; 429 with ``Retry-After`` beyond)."""
    wait = verification.check_rate(request)
    if wait:
        response = problem(
            429, _("Too many requests"), _("Too many verifications; wait a minute and try again.")
        )
        response["Retry-After"] = str(wait)
        return response
    certificate = verification.find(code)
    if certificate is None:
        return problem(404, _("Not found"), _("No certificate has this verification code."))
    return verification.public_status(certificate)
