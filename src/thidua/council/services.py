"""The writes of the public notice and the council. Views and the API call these.

Public notice: ``publish_nominations`` → ``send_feedback`` → ``resolve_feedback``; the decisions
app asks ``decision_blockers(nomination)`` before deciding (any unresolved feedback, or a notice
still running, blocks).

Council: ``add_council_member`` / ``remove_council_member``, ``create_session`` (quorum),
``record_ballot`` (threshold against the voting base, less the recused members present),
``close_session``; the minutes are in ``council.minutes``.

Voting base of a ballot: the members present (or every council member when the award type's
``vote_base`` is ``all``), less the recused council members (``nominations.services.recusals``)
among them. When the session recorded only a count of members present, the recused council members
are assumed present.
"""

import math
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.models import User
from thidua.accounts.roles import Role
from thidua.core import audit
from thidua.core.exceptions import (
    Conflict,
    Forbidden,
    InvalidInput,
    InvalidTransition,
    NotFound,
    RuleViolation,
)
from thidua.core.models import AuditEntry
from thidua.core.notifications import notify
from thidua.core.permissions import require
from thidua.core.workflow import transition
from thidua.council.models import (
    Ballot,
    BallotResult,
    CouncilMember,
    CouncilRole,
    CouncilSession,
    Feedback,
    Notice,
    SessionStatus,
)
from thidua.council.rules import PUBLISHER_ROLES, RESOLVER_ROLES, SECTOR_ROLES
from thidua.nominations.models import NOMINATION_TRANSITIONS, Nomination, NominationStatus
from thidua.organizations.models import OrgKind

S = NominationStatus
MAX_TEXT = 5000
MAX_VOTES = 10_000


def _error(field, message):
    return {"field": field, "message": str(message)}


def _invalid(field, message):
    return InvalidInput(message, errors=[_error(field, message)])


def _actor(by):
    return by if getattr(by, "pk", None) else None


def _date(value):
    return value.strftime("%d/%m/%Y")


# --- public notice --------------------------------------------------------------------------


def default_publishing_org(user):
    """The highest unit where ``user`` holds a publishing role."""
    assignments = sorted(
        (a for a in user.role_assignments if a.role in PUBLISHER_ROLES),
        key=lambda a: (a.org.depth, a.org.path),
    )
    return assignments[0].org if assignments else None


def _publishes_at(user, org):
    """Sector roles publish for their unit (or one below); a grassroots chair only for the
    grassroots union where it holds the role."""
    if user.is_superuser or user.roles_at(org) & SECTOR_ROLES:
        return "sector"
    if org.kind == OrgKind.GRASSROOTS_UNION and any(
        a.role == Role.GRASSROOTS_CHAIR and a.org_id == org.pk for a in user.role_assignments
    ):
        return "grassroots"
    return None


def publish_nominations(*, by, org=None, nominations, notice_ends_on):
    """Publish appraised nominations of ``org``'s subtree until ``notice_ends_on`` (inclusive).

    422 for an empty list, a date in the past, a nomination that is not appraised, outside the
    unit, or (for a grassroots chair) not of a grassroots-level award; 409 when a nomination is
    already under a running notice. Returns the ``Notice``.
    """
    org = org or default_publishing_org(by)
    if org is None:
        require(by, "council.publish_nominations")
        raise _invalid("org_id", _("Choose the publishing unit."))
    require(by, "council.publish_nominations", org)
    kind = _publishes_at(by, org)
    if kind is None:
        raise Forbidden(_("You may not publish nominations for this unit."))
    nominations = list({n.pk: n for n in nominations}.values())
    errors = []
    today = timezone.localdate()
    if not nominations:
        errors.append(_error("nomination_ids", _("Choose at least one nomination.")))
    if notice_ends_on is None:
        errors.append(_error("notice_ends_on", _("Give the last day of the notice.")))
    elif notice_ends_on < today:
        errors.append(_error("notice_ends_on", _("The notice cannot end in the past.")))
    for nomination in nominations:
        name = nomination.nominee_name
        if nomination.status != S.APPRAISED:
            errors.append(
                _error(
                    "nomination_ids",
                    _("%(name)s: only an appraised nomination can be published (it is “%(s)s”).")
                    % {"name": name, "s": nomination.get_status_display()},
                )
            )
        elif not nomination.org_path.startswith(org.path):
            errors.append(
                _error(
                    "nomination_ids",
                    _("%(name)s: the nomination is not of %(unit)s or a unit below it.")
                    % {"name": name, "unit": org.name},
                )
            )
        elif kind == "grassroots" and nomination.award_type.issuing_level != "grassroots":
            errors.append(
                _error(
                    "nomination_ids",
                    _("%(name)s: a grassroots union publishes only its own awards.")
                    % {"name": name},
                )
            )
    if errors:
        raise InvalidInput(_("The nominations cannot be published."), errors=errors)
    with transaction.atomic():
        ids = [n.pk for n in nominations]
        list(Nomination.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        running = (
            Notice.objects.running()
            .filter(nominations__in=ids)
            .values_list("nominations__pk", flat=True)
        )
        already = sorted(set(running) & set(ids))
        if already:
            names = ", ".join(n.nominee_name for n in nominations if n.pk in already)
            raise Conflict(
                _("Already under a running public notice: %(names)s.") % {"names": names}
            )
        notice = Notice.objects.create(
            org=org, notice_ends_on=notice_ends_on, published_by=_actor(by)
        )
        notice.nominations.set(ids)
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            notice,
            after={"org": org.pk, "notice_ends_on": notice_ends_on.isoformat(), "nominations": ids},
        )
    return notice


def is_published(nomination):
    """Has ``nomination`` been put under a public notice (running or ended)?"""
    return Notice.objects.filter(nominations=nomination).exists()


def running_notice_for(nomination, user):
    """The running notice of ``nomination`` whose subtree contains ``user``'s reach (or which
    ``user`` oversees from above), or None."""
    return (
        Notice.objects.visible_to(user)
        .running()
        .filter(nominations=nomination)
        .order_by("-notice_ends_on")
        .first()
    )


def published_nominations(user):
    """Nominations under a notice visible to ``user`` (the public lists)."""
    notices = Notice.objects.visible_to(user)
    return Nomination.objects.filter(notices__in=notices).distinct()


def send_feedback(nomination, *, by, text, is_objection=True, confidential=False):
    """Send a remark or an objection on ``nomination`` during its notice.

    404 when the nomination is neither published to ``by`` nor visible to them as staff; 422 when
    no notice reaching ``by`` is running, or the text is empty or too long.
    """
    visible = (
        Nomination.objects.visible_to(by).filter(pk=nomination.pk).exists()
        or published_nominations(by).filter(pk=nomination.pk).exists()
    )
    if not visible:
        raise NotFound(_("No such nomination, or it is not visible to you."))
    notice = running_notice_for(nomination, by)
    if notice is None:
        raise RuleViolation(
            _("No public notice of this nomination is running: feedback is closed."),
            reasons=[_("No public notice of this nomination is running.")],
        )
    text = (text or "").strip()
    if not text:
        raise _invalid("text", _("Write your feedback."))
    if len(text) > MAX_TEXT:
        raise _invalid("text", _("At most %(n)d characters.") % {"n": MAX_TEXT})
    with transaction.atomic():
        feedback = Feedback.objects.create(
            notice=notice,
            nomination=nomination,
            author=by,
            text=text,
            is_objection=bool(is_objection),
            confidential=bool(confidential),
        )
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            feedback,
            after={
                "nomination": nomination.pk,
                "is_objection": feedback.is_objection,
                "confidential": feedback.confidential,
            },
        )
        notify(
            resolvers(notice.org),
            title=_("New feedback on %(nominee)s — %(award)s")
            % {"nominee": nomination.nominee_name, "award": nomination.award_type.name},
            body=text[:500],
            url=reverse("council:feedback_list"),
            key=f"council-feedback-{feedback.pk}",
        )
    return feedback


def resolvers(org):
    """The sector's admin and officers at ``org`` or above it."""
    paths = [org.path[:end] for end in range(4, len(org.path) + 1, 4)]
    return list(
        User.objects.filter(
            is_active=True, roles__role__in=RESOLVER_ROLES, roles__org__path__in=paths
        ).distinct()
    )


def resolve_feedback(feedback, *, by, resolution):
    """Record how the feedback was settled; 409 when it already was."""
    require(by, "council.resolve_feedback", feedback.notice.org)
    resolution = (resolution or "").strip()
    if not resolution:
        raise _invalid("resolution", _("Say how the feedback was resolved."))
    if len(resolution) > MAX_TEXT:
        raise _invalid("resolution", _("At most %(n)d characters.") % {"n": MAX_TEXT})
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if feedback.resolved_at is not None:
            raise Conflict(_("This feedback has already been resolved."))
        feedback.resolution = resolution
        feedback.resolved_by = _actor(by)
        feedback.resolved_at = timezone.now()
        feedback.save(update_fields=["resolution", "resolved_by", "resolved_at"])
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            feedback,
            before={"resolution": ""},
            after={"resolution": resolution},
        )
        if feedback.author.is_active:
            notify(
                [feedback.author],
                title=_("Your feedback on %(nominee)s was resolved")
                % {"nominee": feedback.nomination.nominee_name},
                body=resolution[:500],
                url=reverse("council:notice_list"),
                key=f"council-feedback-resolved-{feedback.pk}",
            )
    return feedback


def author_shown(feedback, user):
    """May ``user`` see who sent ``feedback``? A confidential author is hidden from everyone but
    themselves and the levels above the nominee's unit."""
    from thidua.nominations.services import nominee_grassroots

    if not feedback.confidential or user.is_superuser or feedback.author_id == user.pk:
        return True
    nomination = feedback.nomination
    unit = nominee_grassroots(nomination) or nomination.org
    parent = unit.parent
    if parent is None:
        return False
    return bool(user.roles_at(parent) & (RESOLVER_ROLES | {Role.COUNCIL_MEMBER, Role.INSPECTOR}))


def decision_blockers(nomination):
    """Why no decision may be taken on ``nomination`` yet (Vietnamese reasons; empty: none).

    Any unresolved feedback blocks, and so does a public notice that has not ended.
    """
    reasons = []
    unresolved = Feedback.objects.filter(nomination=nomination).unresolved().count()
    if unresolved:
        reasons.append(
            ngettext(
                "%(n)d unresolved objection or feedback from the public notice.",
                "%(n)d unresolved objections or feedback from the public notice.",
                unresolved,
            )
            % {"n": unresolved}
        )
    last = (
        Notice.objects.filter(nominations=nomination)
        .order_by("-notice_ends_on")
        .values_list("notice_ends_on", flat=True)
        .first()
    )
    if last is not None and last >= timezone.localdate():
        reasons.append(_("The public notice period ends on %(date)s.") % {"date": _date(last)})
    return reasons


# --- council members ------------------------------------------------------------------------


def eligible_council_users(org):
    """Users who may sit on ``org``'s council: council members and the sector admin (or the
    grassroots chair) holding the role at ``org`` itself."""
    return (
        User.objects.filter(
            is_active=True,
            roles__org=org,
            roles__role__in=[Role.COUNCIL_MEMBER, Role.SECTOR_ADMIN, Role.GRASSROOTS_CHAIR],
        )
        .distinct()
        .order_by("full_name", "username")
    )


def add_council_member(*, by, org, user, role=CouncilRole.MEMBER, since=None):
    require(by, "council.manage_members", org)
    if role not in CouncilRole.values:
        raise _invalid("role", _("Choose chair or member."))
    if not eligible_council_users(org).filter(pk=user.pk).exists():
        raise _invalid(
            "user", _("Only a council member or the chair of this unit can sit on its council.")
        )
    with transaction.atomic():
        if CouncilMember.objects.filter(org=org, user=user, active=True).exists():
            raise Conflict(_("%(name)s already sits on the council.") % {"name": user})
        if (
            role == CouncilRole.CHAIR
            and CouncilMember.objects.filter(org=org, role=CouncilRole.CHAIR, active=True).exists()
        ):
            raise Conflict(_("The council already has a chair."))
        seat = CouncilMember.objects.create(
            org=org, user=user, role=role, since=since or timezone.localdate()
        )
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            seat,
            after={"org": org.pk, "user": user.pk, "role": role},
        )
    return seat


def remove_council_member(seat, *, by):
    require(by, "council.manage_members", seat.org)
    with transaction.atomic():
        seat = CouncilMember.objects.select_for_update().get(pk=seat.pk)
        if not seat.active:
            raise Conflict(_("This member has already left the council."))
        seat.active = False
        seat.until = timezone.localdate()
        seat.version += 1
        seat.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, seat, before={"active": True}, after={"active": False}
        )
    return seat


def council_size(org):
    """The number of council members of ``org``: the recorded active members, or else the users
    eligible to sit on it."""
    recorded = CouncilMember.objects.filter(org=org, active=True).count()
    return recorded or eligible_council_users(org).count()


# --- sessions and ballots -------------------------------------------------------------------


def _needed(fraction, base):
    """The smallest whole number that is at least ``fraction`` times ``base``."""
    return math.ceil(Decimal(fraction) * base)


def create_session(*, by, org, held_on, nominations, members_present, place=""):
    """Open a council session of ``org`` on ``held_on`` with its agenda.

    ``members_present`` is a list of ``CouncilMember`` or a count. 422 when the agenda is empty or
    holds a nomination that is not appraised or not of ``org``'s subtree, when the date is in the
    future, or when fewer members are present than the quorum of any agenda award type requires.
    """
    require(by, "council.hold_session", org)
    nominations = list({n.pk: n for n in nominations}.values())
    errors = []
    if held_on is None:
        errors.append(_error("held_on", _("Give the date of the session.")))
    elif held_on > timezone.localdate():
        errors.append(_error("held_on", _("The session cannot be recorded before it is held.")))
    if not nominations:
        errors.append(_error("nomination_ids", _("Put at least one nomination on the agenda.")))
    for nomination in nominations:
        if nomination.status != S.APPRAISED or not nomination.org_path.startswith(org.path):
            errors.append(
                _error(
                    "nomination_ids",
                    _("%(name)s: only appraised nominations of %(unit)s can be on the agenda.")
                    % {"name": nomination.nominee_name, "unit": org.name},
                )
            )
    seats = []
    total = council_size(org)
    if isinstance(members_present, int):
        present = members_present
    else:
        seats = list(members_present)
        if any(seat.org_id != org.pk or not seat.active for seat in seats):
            errors.append(
                _error("members_present", _("Only active members of this council can be present."))
            )
        present = len(seats)
    if total == 0:
        errors.append(_error("members_present", _("Record the council's members first.")))
    elif present < 0 or present > total:
        errors.append(
            _error(
                "members_present",
                _("Between 0 and %(total)d members can be present.") % {"total": total},
            )
        )
    if errors:
        raise InvalidInput(_("The session cannot be recorded."), errors=errors)
    shortfalls = []
    for award_type in {n.award_type_id: n.award_type for n in nominations}.values():
        needed = _needed(award_type.quorum, total)
        if present < needed:
            shortfalls.append(
                _("%(award)s needs %(needed)d of %(total)d members present; %(present)d are.")
                % {"award": award_type.name, "needed": needed, "total": total, "present": present}
            )
    if shortfalls:
        raise RuleViolation(
            _("The council has no quorum."),
            reasons=shortfalls,
            errors=[_error("members_present", reason) for reason in shortfalls],
        )
    with transaction.atomic():
        session = CouncilSession.objects.create(
            org=org,
            held_on=held_on,
            place=(place or "").strip()[:255],
            present_count=present,
            member_count=total,
            created_by=_actor(by),
        )
        session.members_present.set(seats)
        session.nominations.set([n.pk for n in nominations])
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            session,
            after={
                "held_on": held_on.isoformat(),
                "present": present,
                "members": total,
                "nominations": [n.pk for n in nominations],
            },
        )
    return session


def voting_base(session, nomination):
    """``(base, recused)`` of a ballot on ``nomination`` in ``session``."""
    from thidua.nominations.services import recusals

    recused_users = {user.pk for user in recusals(nomination)}
    if nomination.award_type.vote_base == "all":
        base = session.member_count
        council = set(
            CouncilMember.objects.filter(org=session.org, active=True).values_list(
                "user_id", flat=True
            )
        ) or set(eligible_council_users(session.org).values_list("pk", flat=True))
        recused = len(recused_users & council)
    else:
        base = session.present_count
        present = set(session.members_present.values_list("user_id", flat=True))
        if not present:
            present = set(
                CouncilMember.objects.filter(org=session.org, active=True).values_list(
                    "user_id", flat=True
                )
            ) or set(eligible_council_users(session.org).values_list("pk", flat=True))
        recused = len(recused_users & present)
    recused = min(recused, base)
    return base - recused, recused


def record_ballot(session, *, by, nomination, approve, disapprove, abstain):
    """Record the counts of the secret ballot on ``nomination``; approved when the approvals reach
    the award type's threshold of the voting base. Moves the nomination to approved or rejected.

    422 for counts that are negative or exceed the voting base, or a nomination not on the agenda;
    409 when the session is closed, the nomination already has a ballot in it, or is no longer
    appraised.
    """
    require(by, "council.hold_session", session.org)
    counts = {"approve": approve, "disapprove": disapprove, "abstain": abstain}
    errors = [
        _error(name, _("Enter a whole number from 0 to %(max)d.") % {"max": MAX_VOTES})
        for name, value in counts.items()
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_VOTES
    ]
    if errors:
        raise InvalidInput(_("The ballot counts are invalid."), errors=errors)
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if session.status != SessionStatus.OPEN:
            raise InvalidTransition(_("The session is closed."))
        if not session.nominations.filter(pk=nomination.pk).exists():
            raise _invalid("nomination_id", _("The nomination is not on this session's agenda."))
        if Ballot.objects.filter(session=session, nomination=nomination).exists():
            raise Conflict(_("This nomination has already been voted on in this session."))
        nomination = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("award_type", "org", "member", "nominee_org")
            .get(pk=nomination.pk)
        )
        if nomination.status != S.APPRAISED:
            raise InvalidTransition(
                _("Only an appraised nomination can be voted on; this one is “%(s)s”.")
                % {"s": nomination.get_status_display()}
            )
        base, recused = voting_base(session, nomination)
        cast = approve + disapprove + abstain
        if cast > base:
            raise _invalid(
                "approve",
                _("%(cast)d votes were counted but only %(base)d members may vote.")
                % {"cast": cast, "base": base},
            )
        threshold = nomination.award_type.vote_threshold
        required = _needed(threshold, base)
        approved = base > 0 and Decimal(approve) >= Decimal(threshold) * base
        result = BallotResult.APPROVED if approved else BallotResult.REJECTED
        comment = _(
            "Council %(date)s: %(approve)d in favour, %(disapprove)d against, %(abstain)d "
            "abstaining of %(base)d voting (%(recused)d recused); %(required)d needed."
        ) % {
            "date": _date(session.held_on),
            "approve": approve,
            "disapprove": disapprove,
            "abstain": abstain,
            "base": base,
            "recused": recused,
            "required": required,
        }
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    session=session,
                    nomination=nomination,
                    approve=approve,
                    disapprove=disapprove,
                    abstain=abstain,
                    voting_base=base,
                    recused=recused,
                    required=required,
                    result=result,
                    recorded_by=_actor(by),
                )
        except IntegrityError as exc:
            raise Conflict(_("This nomination has already been voted on in this session.")) from exc
        target = S.APPROVED if approved else S.REJECTED
        transition(nomination, target, by=by, allowed=NOMINATION_TRANSITIONS, comment=comment)
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            ballot,
            after={**counts, "base": base, "required": required, "result": result},
            org_path=session.org_path,
        )
        from thidua.nominations.services import unit_recipients

        notify(
            unit_recipients(nomination.org),
            title=_("Council vote: %(nominee)s — %(award)s: %(status)s")
            % {
                "nominee": nomination.nominee_name,
                "award": nomination.award_type.name,
                "status": nomination.get_status_display(),
            },
            body=comment,
            url=reverse("nominations:nomination_detail", args=[nomination.pk]),
            key=f"council-ballot-{ballot.pk}",
        )
    ballot.nomination = nomination
    return ballot


def close_session(session, *, by):
    require(by, "council.hold_session", session.org)
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if session.status != SessionStatus.OPEN:
            raise InvalidTransition(_("The session is already closed."))
        session.status = SessionStatus.CLOSED
        session.version += 1
        session.save()
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            session,
            before={"status": SessionStatus.OPEN},
            after={"status": SessionStatus.CLOSED},
        )
    return session
