"""The writes of decisions: issue a commendation decision, sign it, revoke an award.

Every function checks the actor's permission (``decisions/rules.py``), validates (422 with the
reasons, nothing written), writes in one transaction and appends audit entries. Views, the API and
commands call these.
"""

import datetime
import importlib

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import services as awards
from thidua.awards.models import IssuingLevel, RecordSource, history_batch
from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.notifications import notify
from thidua.core.permissions import require
from thidua.core.text import amount_in_words
from thidua.core.versioning import lock_for_update
from thidua.core.workflow import transition
from thidua.decisions import printing
from thidua.decisions.models import (
    Certificate,
    Decision,
    DecisionItem,
    DecisionStatus,
    Revocation,
    RevocationReason,
)
from thidua.documents import services as documents
from thidua.nominations.models import NOMINATION_TRANSITIONS, Nomination, NominationStatus
from thidua.nominations.services import unit_recipients
from thidua.organizations.models import OrgKind

# The award level a unit of each kind decides itself.
LEVEL_OF_KIND = {
    OrgKind.SECTOR_UNION: IssuingLevel.SECTOR,
    OrgKind.GRASSROOTS_UNION: IssuingLevel.GRASSROOTS,
}
MAX_ITEMS = 500
MAX_NAME = 150
MAX_TEXT = 2000


def _invalid(field, message):
    return InvalidInput(message, errors=[{"field": field, "message": message}])


def decision_blockers(nomination):
    """Reasons from the council app (notice period, unresolved objections), when it exists."""
    try:
        council = importlib.import_module("thidua.council.services")
    except ImportError:
        return []
    blockers = getattr(council, "decision_blockers", None)
    return list(blockers(nomination)) if blockers else []


def _check_fields(*, org, signed_on, signer_name, signer_title):
    errors = []
    if org.kind not in LEVEL_OF_KIND:
        errors.append(
            {
                "field": "org_id",
                "message": _("Only a sector union or a grassroots union issues decisions here."),
            }
        )
    if not isinstance(signed_on, datetime.date):
        errors.append({"field": "signed_on", "message": _("Enter a valid date.")})
    elif signed_on > timezone.localdate():
        errors.append(
            {"field": "signed_on", "message": _("The signing date cannot be later than today.")}
        )
    for field, value in (("signer_name", signer_name), ("signer_title", signer_title)):
        value = (value or "").strip()
        if not value:
            errors.append({"field": field, "message": _("This field is required.")})
        elif len(value) > MAX_NAME:
            errors.append(
                {"field": field, "message": _("At most %(n)d characters.") % {"n": MAX_NAME}}
            )
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)


def _nomination_label(nomination):
    return f"#{nomination.pk} {nomination.nominee_name} — {nomination.award_type.code}"


def decidable_nominations(user, org):
    """Approved nominations in ``org``'s subtree, visible to ``user``, of an award type issued at
    ``org``'s level: the choice of the "new decision" page."""
    level = LEVEL_OF_KIND.get(org.kind)
    if level is None:
        return Nomination.objects.none()
    return (
        Nomination.objects.visible_to(user)
        .in_subtree(org)
        .filter(status=NominationStatus.APPROVED, award_type__issuing_level=level)
        .select_related("award_type", "member__org", "nominee_org", "org")
    )


def _check_nominations(by, org, nominations):
    """The nominations as a list, or 422 with one reason per refused nomination."""
    ids = []
    for value in nominations:
        pk = getattr(value, "pk", value)
        if pk not in ids:
            ids.append(pk)
    if not ids:
        raise _invalid("nomination_ids", _("Choose at least one approved nomination."))
    if len(ids) > MAX_ITEMS:
        raise _invalid(
            "nomination_ids", _("At most %(n)d nominations in one decision.") % {"n": MAX_ITEMS}
        )
    found = {
        n.pk: n
        for n in Nomination.objects.visible_to(by)
        .filter(pk__in=ids)
        .select_related("award_type", "member__org", "nominee_org", "org")
    }
    level = LEVEL_OF_KIND[org.kind]
    reasons = []
    for pk in ids:
        nomination = found.get(pk)
        if nomination is None:
            reasons.append(
                _("Nomination #%(id)s: no such nomination, or not visible to you.") % {"id": pk}
            )
            continue
        label = _nomination_label(nomination)
        if not nomination.org_path.startswith(org.path):
            reasons.append(_("%(n)s: proposed outside %(org)s.") % {"n": label, "org": org.name})
        if nomination.status != NominationStatus.APPROVED:
            reasons.append(
                _("%(n)s: not approved by the council (it is “%(status)s”).")
                % {"n": label, "status": nomination.get_status_display()}
            )
        if nomination.award_type.issuing_level != level:
            reasons.append(
                _("%(n)s: the award is issued at the level “%(level)s”, not by %(org)s.")
                % {
                    "n": label,
                    "level": nomination.award_type.get_issuing_level_display(),
                    "org": org.name,
                }
            )
        for blocker in decision_blockers(nomination):
            reasons.append(f"{label}: {blocker}")
    if reasons:
        raise RuleViolation(
            _("These nominations cannot be decided now."),
            reasons=reasons,
            errors=[{"field": "nomination_ids", "message": r} for r in reasons],
        )
    return [found[pk] for pk in ids]


def _notify_units(decision, items):
    url = reverse("decisions:decision_detail", args=[decision.pk])
    by_unit = {}
    for item in items:
        by_unit.setdefault(item.nomination.org_id, (item.nomination.org, []))[1].append(item)
    for org, unit_items in by_unit.values():
        notify(
            unit_recipients(org),
            title=_("Commendation decision %(number)s") % {"number": decision.number_symbol},
            body=", ".join(f"{i.recipient_name} — {i.award_type.name}" for i in unit_items),
            url=url,
            key=f"decision-{decision.pk}-org-{org.pk}",
        )
    members = [i.member.user for i in items if i.member_id and i.member.user_id]
    notify(
        members,
        title=_("You received an award: decision %(number)s") % {"number": decision.number_symbol},
        url=reverse("decisions:my_awards"),
        key=f"decision-{decision.pk}-member",
    )


def issue_decision(*, by, org, nominations, signed_on, signer_name, signer_title):
    """Issue a numbered commendation decision of ``org`` for approved ``nominations``.

    Refused with 403 unless ``by`` decides at ``org`` (sector admin, or the chair of a grassroots
    union); 422 with reasons unless every nomination is approved, visible, proposed in ``org``'s
    subtree, of an award type issued at ``org``'s level, and free of council blockers (public
    notice running, unresolved objections). Side effects, in one transaction: the QĐ document is
    created and issued (``NN/QĐ-<symbol>``); one item per nomination with the amount at the base
    salary in force on ``signed_on`` and its reading in words; each nomination moves approved →
    awarded; an ``AwardRecord`` per item; a certificate per item; the decision PDF is rendered and
    attached; audit entries; the proposing units and the awarded members are notified on commit.
    """
    require(by, "decisions.issue_decision", org)
    _check_fields(org=org, signed_on=signed_on, signer_name=signer_name, signer_title=signer_title)
    chosen = _check_nominations(by, org, nominations)
    signer_name, signer_title = signer_name.strip(), signer_title.strip()
    with transaction.atomic():
        locked = {
            n.pk: n
            for n in Nomination.objects.select_for_update().filter(pk__in=[n.pk for n in chosen])
        }
        for nomination in chosen:
            if locked[nomination.pk].status != NominationStatus.APPROVED:
                raise Conflict(
                    _("%(n)s was changed meanwhile; reload and try again.")
                    % {"n": _nomination_label(nomination)}
                )
        subject = printing.subject_for(org, _Preview(chosen))
        document = documents.create_document(
            org=org, by=by, doc_type="QĐ", title=subject[:500], summary=subject
        )
        document = documents.issue_document(
            document, by=by, issued_on=signed_on, signer_name=signer_name, signer_title=signer_title
        )
        decision = Decision.objects.create(
            org=org,
            document=document,
            number_symbol=document.number_symbol,
            signed_on=signed_on,
            signer_name=signer_name,
            signer_title=signer_title,
            subject=subject[:500],
            created_by=by,
        )
        documents.link_document(document, decision, by=by)
        items = []
        with history_batch():
            for position, nomination in enumerate(chosen, start=1):
                items.append(_award(decision, nomination, position=position, by=by))
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            decision,
            after={
                **audit.snapshot(decision),
                "items": [
                    {"nomination": i.nomination_id, "amount": i.amount, "code": i.certificate.code}
                    for i in items
                ],
            },
        )
        document.refresh_from_db()
        name = f"{decision.number_symbol.replace('/', '-')}.pdf"
        decision.document = documents.attach_file(
            document, by=by, data=printing.decision_pdf(decision), file_name=name
        )
        _notify_units(decision, items)
    return decision


class _Preview(list):
    """The chosen nominations seen as items, to word the subject before the items exist."""

    def __init__(self, nominations):
        super().__init__(_PreviewItem(n) for n in nominations)


class _PreviewItem:
    def __init__(self, nomination):
        self.nomination = nomination
        self.award_type = nomination.award_type


def _award(decision, nomination, *, position, by):
    """One item: the nomination awarded, its history record and its certificate."""
    award_type = nomination.award_type
    amount = award_type.amount_on(decision.signed_on)
    member = nomination.member if nomination.member_id else None
    collective = nomination.nominee_org if member is None else None
    holder_org = member.org if member is not None else collective
    record = awards.record_award(
        award_type=award_type,
        year=nomination.year,
        holder_org=holder_org,
        by=by,
        member=member,
        org=collective,
        decision_number=decision.number_symbol,
        decided_on=decision.signed_on,
        issued_by_org=decision.org,
        amount=amount,
        source=RecordSource.DECISION,
    )
    item = DecisionItem.objects.create(
        decision=decision,
        position=position,
        nomination=nomination,
        award_type=award_type,
        member=member,
        collective=collective,
        holder_org=holder_org,
        recipient_name=nomination.nominee_name,
        amount=amount,
        amount_in_words=amount_in_words(amount),
        award_record=record,
    )
    Certificate.objects.create(item=item)
    transition(
        nomination,
        NominationStatus.AWARDED,
        by=by,
        allowed=NOMINATION_TRANSITIONS,
        comment=decision.number_symbol,
    )
    return item


# --- signing ---------------------------------------------------------------------------------


def attach_signed_pdf(decision, *, by, data, file_name):
    """Replace the decision's PDF by the signed one (a scan or a digitally signed file); the
    documents app checks the file and verifies its signatures."""
    require(by, "decisions.sign_decision", decision.org)
    if not (file_name or "").lower().endswith(".pdf"):
        raise _invalid("file", _("Upload the signed decision as a PDF file."))
    return documents.attach_file(decision.document, by=by, data=data, file_name=file_name)


def sign_decision(decision, *, by):
    """Sign the decision's PDF with the issuing unit's certificate (PAdES)."""
    require(by, "decisions.sign_decision", decision.org)
    return documents.sign_document(
        decision.document, by=by, reason=f"Ký Quyết định {decision.number_symbol}"
    )


# --- revocation ------------------------------------------------------------------------------


def _check_revocation(reason, detail, revocation_number, revoked_on, amount_recovered, item):
    errors = []
    if reason not in RevocationReason.values:
        errors.append({"field": "reason", "message": _("Choose a reason from the list.")})
    elif reason == RevocationReason.OTHER and not (detail or "").strip():
        errors.append({"field": "detail", "message": _("Describe the reason.")})
    if len(detail or "") > MAX_TEXT:
        errors.append(
            {"field": "detail", "message": _("At most %(n)d characters.") % {"n": MAX_TEXT}}
        )
    number = (revocation_number or "").strip()
    if not number:
        errors.append(
            {"field": "revocation_number", "message": _("Give the revocation decision's number.")}
        )
    elif len(number) > 60:
        errors.append(
            {"field": "revocation_number", "message": _("At most %(n)d characters.") % {"n": 60}}
        )
    if not isinstance(revoked_on, datetime.date):
        errors.append({"field": "revoked_on", "message": _("Enter a valid date.")})
    elif revoked_on > timezone.localdate():
        errors.append({"field": "revoked_on", "message": _("The date cannot be later than today.")})
    elif revoked_on < item.decision.signed_on:
        errors.append(
            {
                "field": "revoked_on",
                "message": _("The revocation cannot precede the decision (%(date)s).")
                % {"date": f"{item.decision.signed_on:%d/%m/%Y}"},
            }
        )
    if amount_recovered is not None and not 0 <= amount_recovered <= item.amount:
        errors.append(
            {
                "field": "amount_recovered",
                "message": _("The amount recovered must be between 0 and the amount awarded."),
            }
        )
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)


def revoke_award(
    item,
    *,
    by,
    reason,
    detail="",
    revocation_number,
    revoked_on,
    amount_recovered=None,
):
    """Revoke the award of one decision item (law chapter VII).

    403 unless ``by`` is a sector admin at or above the issuing unit; 422 for a missing number,
    an unknown reason, a date before the decision or in the future, or a recovered amount above the
    amount awarded; 409 when already revoked. Side effects, in one transaction: a ``Revocation``,
    the ``AwardRecord`` revoked (it leaves the effective history and the statistics), the
    certificate then verifies as revoked, the decision becomes partially or wholly revoked, audit
    entries, and the holder's unit is notified.
    """
    require(by, "decisions.revoke_award", item.decision.org)
    _check_revocation(reason, detail, revocation_number, revoked_on, amount_recovered, item)
    detail = (detail or "").strip()
    with transaction.atomic():
        decision = lock_for_update(item.decision)
        if Revocation.objects.filter(item=item).exists():
            raise Conflict(_("This award was already revoked."))
        revocation = Revocation.objects.create(
            item=item,
            reason=reason,
            detail=detail,
            revocation_number=revocation_number.strip(),
            revoked_on=revoked_on,
            amount_recovered=amount_recovered,
            by=by,
        )
        label = str(revocation.get_reason_display())
        awards.revoke_award(
            item.award_record,
            by=by,
            reason=f"{revocation.revocation_number}: {label}" + (f" — {detail}" if detail else ""),
        )
        before = audit.snapshot(decision)
        remaining = decision.items.filter(revocation__isnull=True).count()
        decision.status = (
            DecisionStatus.REVOKED if remaining == 0 else DecisionStatus.PARTIALLY_REVOKED
        )
        decision.version += 1
        decision.save()
        audit.record(
            by,
            AuditEntry.Action.TRANSITION,
            decision,
            before=before,
            after={
                **audit.snapshot(decision),
                "revoked_item": item.pk,
                "revocation": audit.snapshot(revocation),
            },
            comment=revocation.revocation_number,
        )
        org = item.nomination.org
        notify(
            unit_recipients(org),
            title=_("Award revoked: %(name)s — %(award)s")
            % {"name": item.recipient_name, "award": item.award_type.name},
            body=revocation.reason_text,
            url=reverse("decisions:decision_detail", args=[decision.pk]),
            key=f"revocation-{revocation.pk}",
        )
    return revocation
