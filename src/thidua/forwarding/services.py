"""The writes of the forwarding app. Views, the API and commands call these.

- ``forward_nominations`` sends a round of approved nominations for awards of the federation, the
  Confederation or the State to the upper level: one ``ForwardingBatch`` with its TTr (issued and
  rendered) and its dossier package (``package.build_package``, stored as a document of the
  forwarding unit); each nomination moves approved → forwarded.
- ``record_upper_result`` records the upper level's answer: forwarded → upper_approved (an
  ``AwardRecord`` with source ``upper_level``) or upper_rejected (with the reason).
- ``import_package`` receives a package at the upper level, all or nothing.

Quotas (``nominations.quotas``): a place is taken from submission on, in every status of
``nominations.models.QUOTA_STATUSES`` (approved, forwarded and upper_approved included), so
forwarding changes nothing in the use of the quota the upper level allocated (the nomination is
counted once, before and after). ``upper_rejected`` is not in that list: an upper level's
rejection frees the place, like any other rejection.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.roles import Role
from thidua.awards.models import UPPER_LEVELS, IssuingLevel, RecordSource
from thidua.awards.services import record_award
from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput, InvalidTransition, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.notifications import notify
from thidua.core.permissions import require
from thidua.core.scoping import ancestor_paths
from thidua.core.versioning import check_version
from thidua.core.workflow import transition
from thidua.documents import dossier as documents_dossier
from thidua.documents import services as documents
from thidua.documents.models import DocumentStatus
from thidua.documents.storage import sha256_of
from thidua.documents.uploads import CheckedFile, FileKind
from thidua.forwarding import package
from thidua.forwarding.models import (
    ForwardedNomination,
    ForwardingBatch,
    IncomingBatch,
    IncomingNomination,
    UpperResult,
)
from thidua.forwarding.submission_document import issue_batch_document
from thidua.nominations.models import NOMINATION_TRANSITIONS, Nomination, NominationStatus
from thidua.nominations.services import unit_recipients
from thidua.organizations.models import OrgKind, OrgUnit

S = NominationStatus
PACKAGE_KIND = FileKind("zip", "ZIP", "application/zip", (".zip",))
MAX_NOMINATIONS = 500
MAX_TEXT = 20_000
STATE_BODY = "Thủ tướng Chính phủ"
BATCH_FIELDS = ("org", "upper_org", "upper_body", "level", "year", "title")
ITEM_FIELDS = ("upper_result", "decision_number", "decided_on", "reason", "award_record")
# The kind of unit whose award each upper level is.
LEVEL_KINDS = {
    IssuingLevel.FEDERATION: OrgKind.FEDERATION,
    IssuingLevel.CONFEDERATION: OrgKind.CONFEDERATION,
}


def _error(field, message):
    return {"field": field, "message": str(message)}


def _actor(by):
    return by if getattr(by, "pk", None) else None


def _nearest_ancestor(org, kind):
    paths = ancestor_paths([org.path], org.steplen)
    return OrgUnit.objects.filter(path__in=paths, kind=kind).order_by("-depth").first()


def upper_org_for(org, level):
    """The nearest ancestor of ``org`` whose award ``level`` is (``None`` for the State)."""
    kind = LEVEL_KINDS.get(level)
    return _nearest_ancestor(org, kind) if kind is not None else None


def forwarding_unit_for(nomination):
    """The unit that forwards ``nomination``: the nearest sector union at or above its unit."""
    org = nomination.org
    if org.kind == OrgKind.SECTOR_UNION:
        return org
    return _nearest_ancestor(org, OrgKind.SECTOR_UNION) or org


def default_title(nominations, upper_body):
    awards = list(dict.fromkeys(n.award_type.name for n in nominations))
    year = nominations[0].year
    if len(awards) <= 3:
        return f"Về việc đề nghị {upper_body} tặng {', '.join(awards)} năm {year}"
    return f"Về việc đề nghị {upper_body} khen thưởng năm {year}"


def _locked(pks):
    return list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related("award_type", "org", "member", "member__org", "nominee_org")
        .filter(pk__in=pks)
        .order_by("org_path", "id")
    )


def _reasons(org, nominations):
    """Why each of ``nominations`` cannot go in one batch of ``org`` (empty list: all can)."""
    reasons = []
    for n in nominations:
        name = n.nominee_name
        if not n.org.is_within(org):
            reasons.append(
                _("%(nominee)s is proposed by a unit outside %(unit)s.")
                % {"nominee": name, "unit": org.name}
            )
        elif n.status != S.APPROVED:
            reasons.append(
                _("%(nominee)s is “%(s)s”; only a nomination approved by the council is forwarded.")
                % {"nominee": name, "s": n.get_status_display()}
            )
        elif n.award_type.issuing_level not in UPPER_LEVELS:
            reasons.append(
                _("%(award)s (%(nominee)s) is given by %(level)s, not by an upper level.")
                % {
                    "award": n.award_type.name,
                    "nominee": name,
                    "level": n.award_type.get_issuing_level_display(),
                }
            )
    if not reasons:
        if len({n.award_type.issuing_level for n in nominations}) > 1:
            reasons.append(_("Forward the awards of one upper level in a batch."))
        if len({n.year for n in nominations}) > 1:
            reasons.append(_("Forward the nominations of one year in a batch."))
    return reasons


def _dossiers(nominations):
    result = {}
    for n in nominations:
        result[n.pk] = [
            link.document
            for link in n.dossier_links.select_related(
                "document__file", "document__doc_type", "document__org"
            )
            if link.document.status != DocumentStatus.CANCELLED
        ]
    return result


def _store_package(batch, data, *, by):
    """The package as a document of the forwarding unit, linked to the batch."""
    document = documents.create_document(
        org=batch.org,
        by=by,
        doc_type="CV",
        title=f"Hồ sơ đề nghị khen thưởng kèm Tờ trình số "
        f"{batch.submission_document.number_symbol}"[:500],
        summary=batch.title,
        recipients=batch.upper_body,
        record=batch,
    )
    before = documents.snapshot(document)
    name = f"ho-so-{batch.submission_document.number_symbol.replace('/', '-')}.zip"
    documents.apply_file(document, CheckedFile(data=data, kind=PACKAGE_KIND, name=name))
    document.version += 1
    document.save()
    audit.record(
        by, AuditEntry.Action.UPDATE, document, before=before, after=documents.snapshot(document)
    )
    return document


def _upper_recipients(batch):
    """Users who act for or follow the upper level: its staff and viewers."""
    if batch.upper_org_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            roles__org=batch.upper_org,
            roles__role__in=[Role.VIEWER, Role.SECTOR_ADMIN, Role.SECTOR_OFFICER],
        ).distinct()
    )


def forward_nominations(*, by, org, nominations, upper_body="", title=""):
    """Forward approved nominations of ``org``'s subtree to the upper level as one batch.

    Every nomination must be approved, for an award of the federation, the Confederation or the
    State, of one level and one year (422 with the reasons otherwise). In one transaction: the
    batch, its TTr (created, issued, rendered with the annex list), each nomination approved →
    forwarded, the dossier package (a document of ``org``), audit entries; then the proposing
    units and the upper level are notified. Returns the ``ForwardingBatch``.
    """
    require(by, "forwarding.forward", org)
    pks = list(dict.fromkeys(n.pk for n in nominations))
    if not pks:
        raise InvalidInput(
            _("Choose at least one nomination."),
            errors=[_error("nominations", _("Choose at least one nomination."))],
        )
    if len(pks) > MAX_NOMINATIONS:
        raise InvalidInput(
            _("Forward at most %(n)d nominations at once.") % {"n": MAX_NOMINATIONS},
            errors=[_error("nominations", _("Too many nominations."))],
        )
    upper_body = " ".join((upper_body or "").split())[:255]
    title = " ".join((title or "").split())[:500]
    with transaction.atomic():
        locked = _locked(pks)
        reasons = _reasons(org, locked)
        if reasons:
            raise RuleViolation(_("These nominations cannot be forwarded."), reasons=reasons)
        level = locked[0].award_type.issuing_level
        upper_org = upper_org_for(org, level)
        if level != IssuingLevel.STATE and upper_org is None:
            raise RuleViolation(
                _("%(unit)s has no %(level)s above it to forward to.")
                % {"unit": org.name, "level": IssuingLevel(level).label}
            )
        body = upper_body or (
            f"Ban Thường vụ {upper_org.name}" if upper_org is not None else STATE_BODY
        )
        batch = ForwardingBatch.objects.create(
            org=org,
            upper_org=upper_org,
            upper_body=body,
            level=level,
            year=locked[0].year,
            title=title or default_title(locked, body),
            created_by=_actor(by),
        )
        batch.submission_document = issue_batch_document(batch, locked, by=by)
        for nomination in locked:
            transition(
                nomination,
                S.FORWARDED,
                by=by,
                allowed=NOMINATION_TRANSITIONS,
                comment=_("Forwarded to %(upper)s") % {"upper": body},
            )
            ForwardedNomination.objects.create(batch=batch, nomination=nomination)
        data = package.build_package(batch, locked, _dossiers(locked))
        batch.package_document = _store_package(batch, data, by=by)
        batch.save()
        audit.record(by, AuditEntry.Action.CREATE, batch, after=audit.snapshot(batch, BATCH_FIELDS))
        url = reverse("forwarding:batch_detail", args=[batch.pk])
        recipients = {u.pk: u for n in locked for u in unit_recipients(n.org)}
        notify(
            list(recipients.values()),
            title=_("Nominations forwarded to %(upper)s") % {"upper": body},
            body=batch.title,
            url=url,
            key=f"forwarding-batch-{batch.pk}",
        )
        notify(
            _upper_recipients(batch),
            title=_("%(unit)s forwarded %(n)d nominations") % {"unit": org.name, "n": len(locked)},
            body=batch.title,
            url=reverse("forwarding:follow"),
            key=f"forwarding-batch-upper-{batch.pk}",
        )
    return batch


def forward_nomination(nomination, *, by, version=None, upper_body=""):
    """Forward one nomination (a batch of one): 409 when it is not approved (or was forwarded),
    422 when its award is not given by an upper level. Returns the batch."""
    org = forwarding_unit_for(nomination)
    require(by, "forwarding.forward", org)
    nomination.refresh_from_db(fields=["status", "version"])
    check_version(nomination, version)
    if nomination.status != S.APPROVED:
        raise InvalidTransition(
            _("Only a nomination approved by the council is forwarded; this one is “%(s)s”.")
            % {"s": nomination.get_status_display()}
        )
    return forward_nominations(by=by, org=org, nominations=[nomination], upper_body=upper_body)


def _clean_result(approved, decision_number, decided_on, reason):
    errors = []
    if not isinstance(approved, bool):
        errors.append(_error("approved", _("Say whether the upper level approved it.")))
    decision_number = " ".join(str(decision_number or "").split())
    reason = (reason or "").strip()
    if len(decision_number) > 60:
        errors.append(_error("decision_number", _("At most %(n)d characters.") % {"n": 60}))
    if decided_on is not None and not isinstance(decided_on, datetime.date):
        errors.append(_error("decided_on", _("Enter a valid date.")))
        decided_on = None
    if decided_on is not None and decided_on > timezone.localdate():
        errors.append(_error("decided_on", _("The decision date cannot be in the future.")))
    if approved is True:
        if not decision_number:
            errors.append(
                _error("decision_number", _("Give the number of the upper level's decision."))
            )
        if decided_on is None:
            errors.append(_error("decided_on", _("Give the date of the upper level's decision.")))
    elif approved is False and not reason:
        errors.append(_error("reason", _("Give the reason the upper level gave for rejecting.")))
    if len(reason) > MAX_TEXT:
        errors.append(_error("reason", _("At most %(n)d characters.") % {"n": MAX_TEXT}))
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)
    return decision_number, decided_on, reason


def record_upper_result(
    nomination,
    *,
    by,
    approved,
    decision_number=None,
    decided_on=None,
    reason="",
    version=None,
):
    """Record the upper level's answer on a forwarded nomination.

    Approved: forwarded → upper_approved, and the award enters the nominee's history
    (``AwardRecord``, source ``upper_level``, the decision's number and date, issued by the upper
    unit); the number and date are required. Rejected: forwarded → upper_rejected; the reason is
    required (422). Any other state: 409. The proposing unit is notified.
    """
    item = (
        ForwardedNomination.objects.select_related("batch", "batch__org")
        .filter(nomination_id=nomination.pk)
        .first()
    )
    org = item.batch.org if item is not None else forwarding_unit_for(nomination)
    require(by, "forwarding.record_upper_result", org)
    with transaction.atomic():
        nomination = _locked([nomination.pk])[0]
        if item is None or nomination.status != S.FORWARDED:
            raise InvalidTransition(
                _("Only a forwarded nomination gets the upper level's result; this one is “%(s)s”.")
                % {"s": nomination.get_status_display()}
            )
        check_version(nomination, version)
        decision_number, decided_on, reason = _clean_result(
            approved, decision_number, decided_on, reason
        )
        item = ForwardedNomination.objects.select_for_update().get(pk=item.pk)
        before = audit.snapshot(item, ITEM_FIELDS)
        batch = ForwardingBatch.objects.select_related("upper_org").get(pk=item.batch_id)
        if approved:
            member = nomination.member
            item.award_record = record_award(
                award_type=nomination.award_type,
                year=nomination.year,
                holder_org=member.org if member is not None else nomination.nominee_org,
                by=by,
                member=member,
                org=None if member is not None else nomination.nominee_org,
                decision_number=decision_number,
                decided_on=decided_on,
                issued_by_org=batch.upper_org,
                issued_by_name=batch.upper_body,
                source=RecordSource.UPPER_LEVEL,
            )
            item.upper_result = UpperResult.APPROVED
            target, comment = S.UPPER_APPROVED, decision_number
        else:
            item.upper_result = UpperResult.REJECTED
            target, comment = S.UPPER_REJECTED, reason
        item.decision_number = decision_number
        item.decided_on = decided_on
        item.reason = reason
        item.recorded_by = _actor(by)
        item.recorded_at = timezone.now()
        item.save()
        transition(nomination, target, by=by, allowed=NOMINATION_TRANSITIONS, comment=comment)
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            item,
            before=before,
            after=audit.snapshot(item, ITEM_FIELDS),
            org_path=nomination.org_path,
        )
        notify(
            unit_recipients(nomination.org),
            title=_("Upper level's result: %(nominee)s — %(award)s: %(status)s")
            % {
                "nominee": nomination.nominee_name,
                "award": nomination.award_type.name,
                "status": nomination.get_status_display(),
            },
            body=reason or decision_number,
            url=reverse("nominations:nomination_detail", args=[nomination.pk]),
            key=f"forwarding-result-{nomination.pk}",
        )
    return nomination


def import_package(zip_bytes, *, by, org):
    """Import a package of forwarded nominations at ``org`` (an upper-level installation).

    Checks ``nominations.json`` against the manifest's checksum and its content, then every
    document file against its SHA-256 and size (``documents.dossier.import_dossier``); any fault:
    422 listing it, nothing saved. The same package imported twice at one unit: 409. Side effects:
    the ``IncomingBatch``, one ``IncomingNomination`` per nominee, the received documents (linked to
    the batch) and audit entries. Returns the ``IncomingBatch``.
    """
    require(by, "forwarding.import_package", org)
    _manifest, data = package.read_package(zip_bytes)
    digest = sha256_of(zip_bytes)
    with transaction.atomic():
        if IncomingBatch.objects.filter(org=org, package_sha256=digest).exists():
            raise Conflict(_("This package was already imported at %(unit)s.") % {"unit": org.name})
        batch = IncomingBatch.objects.create(
            org=org,
            from_org_code=data["from_code"],
            from_org_name=data["from_name"],
            title=data["title"],
            level=data["level"],
            year=data["year"],
            submission_number=data["submission_number"],
            package_sha256=digest,
            generated_at=str(_manifest.get("generated_at") or "")[:40],
            imported_by=_actor(by),
        )
        created = documents_dossier.import_dossier(zip_bytes, org=org, by=by, record=batch)
        for person in data["nominations"]:
            indexes = person.pop("documents")
            item = IncomingNomination.objects.create(batch=batch, **person)
            item.documents.set([created[i] for i in indexes])
        audit.record(
            by,
            AuditEntry.Action.IMPORT,
            batch,
            after=audit.snapshot(batch, ("org", "from_org_code", "from_org_name", "title")),
        )
    return batch
