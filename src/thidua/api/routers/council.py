"""Public notice, feedback and the council (thin: the services decide).

Three routers: ``notice_router`` beside the nominations router at ``/nominations`` (publish and
feedback), ``feedback_router`` at ``/feedback`` and ``sessions_router`` at ``/council-sessions``.
"""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema

from thidua.api.problems import Problem
from thidua.api.schemas.common import MAX_ID, Day, Flag, Id, LocalDateTime, Text
from thidua.core.exceptions import InvalidInput, NotFound
from thidua.council import minutes, services
from thidua.council.models import CouncilMember, CouncilSession, Feedback
from thidua.nominations.models import Nomination
from thidua.organizations.models import OrgUnit

notice_router = Router(tags=["public notice"])
feedback_router = Router(tags=["public notice"])
sessions_router = Router(tags=["council"])

READ_ERRORS = {400: Problem, 401: Problem, 404: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _invalid(field, message):
    return InvalidInput(message, errors=[{"field": field, "message": str(message)}])


# --- schemas --------------------------------------------------------------------------------


class PublishIn(Schema):
    nomination_ids: list[Id] = Field(max_length=500)
    notice_ends_on: Day
    org_id: Id | None = Field(None, description="The publishing unit (default: the caller's).")


class NoticeOut(Schema):
    id: int
    org_id: int
    notice_ends_on: datetime.date
    nomination_ids: list[int]
    published_at: LocalDateTime
    running: bool


class FeedbackIn(Schema):
    text: Text
    is_objection: Flag = True
    confidential: Flag = Field(False, description="Hide the author from the nominee's unit.")


class FeedbackOut(Schema):
    id: int
    nomination_id: int
    notice_id: int
    text: str
    is_objection: bool
    confidential: bool
    author: str | None = Field(description="Null when kept confidential from the caller.")
    created_at: LocalDateTime
    resolved: bool
    resolution: str
    resolved_at: LocalDateTime | None


class ResolveIn(Schema):
    resolution: Text


class SessionIn(Schema):
    org_id: Id
    held_on: Day
    members_present: int | list[Id] = Field(
        description="A count of members present, or the user ids of the members present."
    )
    nomination_ids: list[Id] = Field(max_length=500)
    place: str = Field("", max_length=255)


class BallotIn(Schema):
    nomination_id: Id
    approve: int = Field(ge=0, le=services.MAX_VOTES)
    disapprove: int = Field(ge=0, le=services.MAX_VOTES)
    abstain: int = Field(ge=0, le=services.MAX_VOTES)


class BallotOut(Schema):
    nomination_id: int
    result: str
    status: str
    approve: int
    disapprove: int
    abstain: int
    voting_base: int
    recused: int
    required: int


class SessionOut(Schema):
    id: int
    org_id: int
    held_on: datetime.date
    place: str
    status: str
    members_present: int
    member_count: int
    member_ids_present: list[int]
    nomination_ids: list[int]
    ballots: list[BallotOut]
    minutes_document_id: int | None
    version: int


# --- helpers --------------------------------------------------------------------------------


def _notice_out(notice):
    return {
        "id": notice.pk,
        "org_id": notice.org_id,
        "notice_ends_on": notice.notice_ends_on,
        "nomination_ids": sorted(notice.nominations.values_list("pk", flat=True)),
        "published_at": notice.published_at,
        "running": notice.is_running,
    }


def _feedback_out(feedback, user):
    return {
        "id": feedback.pk,
        "nomination_id": feedback.nomination_id,
        "notice_id": feedback.notice_id,
        "text": feedback.text,
        "is_objection": feedback.is_objection,
        "confidential": feedback.confidential,
        "author": feedback.author.get_full_name()
        if services.author_shown(feedback, user)
        else None,
        "created_at": feedback.created_at,
        "resolved": feedback.is_resolved,
        "resolution": feedback.resolution,
        "resolved_at": feedback.resolved_at,
    }


def _ballot_out(ballot):
    return {
        "nomination_id": ballot.nomination_id,
        "result": ballot.result,
        "status": ballot.nomination.status,
        "approve": ballot.approve,
        "disapprove": ballot.disapprove,
        "abstain": ballot.abstain,
        "voting_base": ballot.voting_base,
        "recused": ballot.recused,
        "required": ballot.required,
    }


def _session_out(session):
    return {
        "id": session.pk,
        "org_id": session.org_id,
        "held_on": session.held_on,
        "place": session.place,
        "status": session.status,
        "members_present": session.present_count,
        "member_count": session.member_count,
        "member_ids_present": sorted(session.members_present.values_list("user_id", flat=True)),
        "nomination_ids": sorted(session.nominations.values_list("pk", flat=True)),
        "ballots": [_ballot_out(b) for b in session.ballots.select_related("nomination")],
        "minutes_document_id": session.minutes_id,
        "version": session.version,
    }


def _nominations(user, ids, field="nomination_ids"):
    found = {
        n.pk: n
        for n in Nomination.objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related("award_type", "org", "member", "nominee_org")
    }
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise _invalid(
            field,
            _("No such nomination, or it is not visible to you: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in missing)},
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


def _session_or_404(user, session_id):
    return get_object_or_404(
        CouncilSession.objects.visible_to(user).select_related("org"), pk=session_id
    )


# --- public notice --------------------------------------------------------------------------


@notice_router.post(
    "/publish",
    response={201: NoticeOut, **WRITE_ERRORS},
    summary="Publish appraised nominations for public notice",
)
def publish(request, payload: PublishIn):
    """409 when a nomination is already under a running notice; 422 when it is not appraised or
    the end date is in the past."""
    user = request.auth
    org = None
    if payload.org_id is not None:
        org = OrgUnit.objects.visible_to(user).filter(pk=payload.org_id).first()
        if org is None:
            raise _invalid("org_id", _("No such unit, or it is not visible to you."))
    nominations = _nominations(user, payload.nomination_ids)
    notice = services.publish_nominations(
        by=user, org=org, nominations=nominations, notice_ends_on=payload.notice_ends_on
    )
    return 201, _notice_out(notice)


@notice_router.post(
    "/{nomination_id}/feedback",
    response={201: FeedbackOut, **WRITE_ERRORS},
    summary="Send feedback or an objection during the public notice",
)
def send_feedback(request, payload: FeedbackIn, nomination_id: int = Path(..., ge=1, le=MAX_ID)):
    """422 when no notice reaching the caller is running; 404 when the nomination is not
    published to the caller."""
    user = request.auth
    nomination = Nomination.objects.filter(pk=nomination_id).select_related("award_type").first()
    if nomination is None:
        raise NotFound(_("No such nomination, or it is not visible to you."))
    feedback = services.send_feedback(
        nomination,
        by=user,
        text=payload.text,
        is_objection=payload.is_objection,
        confidential=payload.confidential,
    )
    return 201, _feedback_out(feedback, user)


@feedback_router.post(
    "/{feedback_id}/resolve",
    response={200: FeedbackOut, **WRITE_ERRORS},
    summary="Resolve feedback (409 when already resolved)",
)
def resolve(request, payload: ResolveIn, feedback_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    feedback = get_object_or_404(
        Feedback.objects.visible_to(user).select_related("notice__org", "nomination", "author"),
        pk=feedback_id,
    )
    feedback = services.resolve_feedback(feedback, by=user, resolution=payload.resolution)
    return 200, _feedback_out(feedback, user)


# --- council sessions -----------------------------------------------------------------------


@sessions_router.post(
    "", response={201: SessionOut, **WRITE_ERRORS}, summary="Record a council session"
)
def create_session(request, payload: SessionIn):
    """422 when the members present are below the quorum of an agenda award type, or the agenda
    holds a nomination that is not appraised."""
    user = request.auth
    org = OrgUnit.objects.visible_to(user).filter(pk=payload.org_id).first()
    if org is None:
        raise _invalid("org_id", _("No such unit, or it is not visible to you."))
    if isinstance(payload.members_present, int):
        present = payload.members_present
        if present < 0:
            raise _invalid("members_present", _("Enter a number of members present."))
    else:
        ids = list(dict.fromkeys(payload.members_present))
        seats = {
            seat.user_id: seat
            for seat in CouncilMember.objects.filter(org=org, active=True, user_id__in=ids)
        }
        missing = [pk for pk in ids if pk not in seats]
        if missing:
            raise _invalid(
                "members_present",
                _("Not members of this council: %(ids)s.")
                % {"ids": ", ".join(str(pk) for pk in missing)},
            )
        present = [seats[pk] for pk in ids]
    session = services.create_session(
        by=user,
        org=org,
        held_on=payload.held_on,
        nominations=_nominations(user, payload.nomination_ids),
        members_present=present,
        place=payload.place,
    )
    return 201, _session_out(session)


@sessions_router.get("/{session_id}", response={200: SessionOut, **READ_ERRORS, 422: Problem})
def get_session(request, session_id: int = Path(..., ge=1, le=MAX_ID)):
    return _session_out(_session_or_404(request.auth, session_id))


@sessions_router.post(
    "/{session_id}/ballots",
    response={201: BallotOut, **WRITE_ERRORS},
    summary="Record the counts of a secret ballot on one nomination",
)
def record_ballot(request, payload: BallotIn, session_id: int = Path(..., ge=1, le=MAX_ID)):
    """The nomination becomes approved or rejected against its award type's threshold; a second
    ballot on it in the session is 409; counts above the voting base are 422."""
    user = request.auth
    session = _session_or_404(user, session_id)
    nomination = session.nominations.filter(pk=payload.nomination_id).first()
    if nomination is None:
        raise _invalid("nomination_id", _("The nomination is not on this session's agenda."))
    ballot = services.record_ballot(
        session,
        by=user,
        nomination=nomination,
        approve=payload.approve,
        disapprove=payload.disapprove,
        abstain=payload.abstain,
    )
    return 201, _ballot_out(ballot)


@sessions_router.get(
    "/{session_id}/minutes.docx",
    response={**READ_ERRORS, 403: Problem, 409: Problem, 422: Problem},
    summary="The minutes (BB) as DOCX; issued on demand when missing and the caller may",
    openapi_extra={
        "responses": {
            200: {
                "description": "The minutes (BB)",
                "content": {DOCX: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def minutes_docx(request, session_id: int = Path(..., ge=1, le=MAX_ID)):
    user = request.auth
    session = _session_or_404(user, session_id)
    issues = all(
        user.has_perm(perm, session.org)
        for perm in ("council.hold_session", "documents.issue_document")
    )
    if session.minutes_id is None and issues:
        minutes.generate_minutes(session, by=user)
        session.refresh_from_db()
    response = HttpResponse(minutes.minutes_docx(session), content_type=DOCX)
    name = session.minutes.number_symbol.replace("/", "-") if session.minutes_id else "bien-ban"
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response
