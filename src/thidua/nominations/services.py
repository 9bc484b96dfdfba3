"""The writes on nominations. Views, the API and commands call these.

Each function checks the actor's permission, validates, writes in one transaction, and appends the
audit entry; state changes go through ``core.workflow.transition`` (a ``Transition`` row each: the
nomination's history); notifications to the proposing unit go out after the commit.

Submitting checks, in this order, and refuses with:
1. another nomination of the same nominee, award type and year anywhere in the tree that is not a
   draft and still alive (``models.BLOCKING_STATUSES``): 409 naming its unit;
2. eligibility (``thidua.awards.eligibility.evaluate``): 422 with its reasons;
3. the award type's minimum score and required criteria: 422;
4. the required dossier parts (simplified set for an ad-hoc award): 422 listing the missing ones;
5. the quota of a quota-limited award type (the proposing unit's, or its nearest ancestor's):
   422 when there is none, or with the numbers when it is used up.
"""

import datetime
import decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.accounts.roles import Role
from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput, InvalidTransition, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.notifications import notify
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.core.workflow import transition
from thidua.nominations import dossier, quotas
from thidua.nominations.models import (
    BLOCKING_STATUSES,
    EDITABLE_STATUSES,
    NOMINATION_TRANSITIONS,
    Nomination,
    NominationDocument,
    NominationKind,
    NominationStatus,
    PeriodKind,
    Recommendation,
    WorkplaceAward,
)
from thidua.organizations.models import OrgKind

S = NominationStatus
NOT_SUBMITTABLE = gettext_lazy(
    "Only a draft or a returned nomination can be submitted; this one is “%(s)s”."
)
MAX_TEXT = 20_000
MAX_BULK = 500
NOMINATION_FIELDS = (
    "award_type",
    "year",
    "org",
    "member",
    "nominee_org",
    "movement",
    "kind",
    "achievements",
    "self_scores",
    "appraisal_scores",
    "score",
    "status",
    "submission",
    "recommendation",
    "appraisal_comment",
    "version",
)


def _error(field, message):
    return {"field": field, "message": str(message)}


def _invalid(errors, detail=None):
    return InvalidInput(detail or _("Some fields are invalid."), errors=errors)


def snapshot(nomination):
    data = audit.snapshot(nomination, NOMINATION_FIELDS)
    if nomination.pk:
        data["documents"] = sorted(nomination.dossier_links.values_list("document_id", flat=True))
    return data


def _actor(by):
    return by if getattr(by, "pk", None) else None


# --- scores and eligibility -----------------------------------------------------------------


def criteria_of(award_type, member=None):
    return list(award_type.criteria_for(member))


def clean_scores(award_type, member, scores, *, field="self_scores"):
    """``{criterion_code: points}`` checked against the rubric that applies to ``member``:
    known codes only, numbers from 0 to the criterion's maximum. Returns JSON-ready numbers."""
    if scores is None:
        return {}
    if not isinstance(scores, dict):
        raise _invalid([_error(field, _("Give the points per criterion code."))])
    criteria = {c.code: c for c in criteria_of(award_type, member)}
    errors, cleaned = [], {}
    for code, value in scores.items():
        key = f"{field}.{code}"
        criterion = criteria.get(str(code))
        if criterion is None:
            errors.append(
                _error(key, _("“%(code)s” is not a criterion of this award.") % {"code": code})
            )
            continue
        if value is None or value == "":
            continue
        try:
            if isinstance(value, bool):
                raise decimal.InvalidOperation
            points = decimal.Decimal(str(value).strip().replace(",", "."))
            if not points.is_finite():
                raise decimal.InvalidOperation
        except (decimal.InvalidOperation, ValueError):
            errors.append(_error(key, _("Enter a number of points.")))
            continue
        if points < 0 or points > criterion.max_points:
            errors.append(
                _error(
                    key,
                    _("%(code)s: from 0 to %(max)s points.")
                    % {"code": code, "max": _points(criterion.max_points)},
                )
            )
            continue
        points = points.quantize(decimal.Decimal("0.01"))
        cleaned[str(code)] = int(points) if points == points.to_integral_value() else float(points)
    if errors:
        raise _invalid(errors)
    return cleaned


def _points(value):
    value = decimal.Decimal(value)
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


def total(scores):
    return sum((decimal.Decimal(str(v)) for v in (scores or {}).values()), decimal.Decimal("0"))


def current_score(nomination):
    """The appraisal total once appraised, else the self-assessment total."""
    if nomination.appraisal_scores:
        return total(nomination.appraisal_scores)
    return total(nomination.self_scores)


def evaluate_eligibility(nomination):
    """``{"eligible", "reasons"}`` from the award rules, for this nominee, unit, year."""
    from thidua.awards.eligibility import evaluate

    result = evaluate(
        award_type=nomination.award_type,
        year=nomination.year,
        proposing_org=nomination.org,
        member=nomination.member,
        nominee_org=nomination.nominee_org,
        exclude_nomination=nomination if nomination.pk else None,
    )
    return {"eligible": bool(result.eligible), "reasons": [str(r) for r in result.reasons]}


def refresh_eligibility(nomination):
    """Recompute and store the eligibility snapshot (without a version bump)."""
    nomination.eligibility = evaluate_eligibility(nomination)
    Nomination.objects.filter(pk=nomination.pk).update(eligibility=nomination.eligibility)
    return nomination.eligibility


# --- creating and editing -------------------------------------------------------------------


def _check_subject(award_type, org, member, nominee_org, errors):
    if award_type.subject == "individual":
        if member is None:
            errors.append(
                _error("member_id", _("This award is for an individual: choose a member."))
            )
        if nominee_org is not None:
            errors.append(_error("nominee_org_id", _("This award is for an individual.")))
    else:
        if nominee_org is None:
            errors.append(
                _error("nominee_org_id", _("This award is for a collective: choose a unit."))
            )
        if member is not None:
            errors.append(_error("member_id", _("This award is for a collective.")))
    if member is not None:
        if not member.org_path.startswith(org.path):
            errors.append(_error("member_id", _("The member is not in the proposing unit.")))
        elif not member.active:
            errors.append(_error("member_id", _("The member has left the union.")))
    if nominee_org is not None and not nominee_org.is_within(org):
        errors.append(_error("nominee_org_id", _("The collective is not in the proposing unit.")))


def _check_common(*, award_type, year, org, movement, kind, achievements, errors):
    if not award_type.active:
        errors.append(_error("award_type_id", _("This award type is no longer in use.")))
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        errors.append(_error("year", _("Enter a year from 2000 to 2100.")))
    if org.kind == OrgKind.UNION_GROUP:
        errors.append(_error("org_id", _("A union group does not propose awards.")))
    if not org.active:
        errors.append(_error("org_id", _("The unit is inactive.")))
    if kind not in NominationKind.values:
        errors.append(_error("kind", _("Choose periodic, thematic or ad-hoc.")))
    if (
        movement is not None
        and not (org.is_within(movement.org) or movement.org.is_within(org))
        and not movement.plans.filter(org__path__in=_ancestor_paths(org)).exists()
    ):
        errors.append(_error("movement_id", _("The movement is not addressed to this unit.")))
    if len(achievements or "") > MAX_TEXT:
        errors.append(_error("achievements", _("At most %(n)d characters.") % {"n": MAX_TEXT}))


def _ancestor_paths(org):
    return [org.path[:end] for end in range(org.steplen, len(org.path) + 1, org.steplen)]


def _documents_for(org, document_ids, by, errors):
    """The documents of ``document_ids`` visible to ``by`` (field errors for the others)."""
    from thidua.documents.models import Document, DocumentStatus

    ids = list(dict.fromkeys(document_ids or ()))
    if not ids:
        return []
    found = {
        d.pk: d
        for d in Document.objects.visible_to(by)
        .filter(pk__in=ids)
        .select_related("doc_type", "org")
    }
    documents = []
    for index, pk in enumerate(ids):
        document = found.get(pk)
        if document is None:
            errors.append(
                _error(f"document_ids.{index}", _("No such document, or it is not visible to you."))
            )
        elif document.status == DocumentStatus.CANCELLED:
            errors.append(_error(f"document_ids.{index}", _("The document was cancelled.")))
        else:
            documents.append(document)
    return documents


def _attach(nomination, documents, by, parts=None):
    parts = parts or {}
    existing = set(nomination.dossier_links.values_list("document_id", flat=True))
    for document in documents:
        if document.pk in existing:
            continue
        part = parts.get(document.pk) or dossier.default_part(document, nomination)
        NominationDocument.objects.create(
            nomination=nomination, document=document, part=part, added_by=_actor(by)
        )


def _new(*, by, award_type, year, org, member, nominee_org, movement, kind, achievements, scores):
    nomination = Nomination(
        award_type=award_type,
        year=year,
        org=org,
        member=member,
        nominee_org=nominee_org,
        movement=movement,
        kind=kind,
        achievements=(achievements or "").strip(),
        self_scores=scores,
        created_by=_actor(by),
    )
    nomination.score = current_score(nomination)
    return nomination


def create_nomination(
    *,
    by,
    award_type,
    year,
    org,
    member=None,
    nominee_org=None,
    movement=None,
    kind=NominationKind.PERIODIC,
    achievements="",
    self_scores=None,
    document_ids=(),
    dossier_parts=None,
):
    """Draft a nomination of ``org`` (the proposing unit) for ``member`` or ``nominee_org``.

    The nominee must match the award's subject and lie in ``org``'s subtree; the self-scores must
    use the rubric's codes within their maxima (422 otherwise). ``document_ids`` are filed in the
    dossier under the part their type fills (``dossier_parts``: ``{document_id: part}`` to say).
    Side effects: the nomination, its dossier links, the eligibility snapshot, one audit entry.
    """
    require(by, "nominations.add_nomination", org)
    errors = []
    _check_common(
        award_type=award_type,
        year=year,
        org=org,
        movement=movement,
        kind=kind,
        achievements=achievements,
        errors=errors,
    )
    _check_subject(award_type, org, member, nominee_org, errors)
    documents = _documents_for(org, document_ids, by, errors)
    if errors:
        raise _invalid(errors)
    scores = clean_scores(award_type, member, self_scores)
    with transaction.atomic():
        nomination = _new(
            by=by,
            award_type=award_type,
            year=year,
            org=org,
            member=member,
            nominee_org=nominee_org,
            movement=movement,
            kind=kind,
            achievements=achievements,
            scores=scores,
        )
        nomination.save()
        _attach(nomination, documents, by, _clean_part_map(dossier_parts))
        refresh_eligibility(nomination)
        audit.record(by, AuditEntry.Action.CREATE, nomination, after=snapshot(nomination))
    return nomination


def _clean_part_map(parts):
    if not parts:
        return {}
    valid = dossier.valid_parts()
    errors = [
        _error("dossier", _("Unknown dossier part “%(part)s”.") % {"part": part})
        for part in parts.values()
        if part not in valid
    ]
    if errors:
        raise _invalid(errors)
    return {int(k): v for k, v in parts.items()}


def bulk_create_nominations(
    *,
    by,
    award_type,
    year,
    org,
    members,
    kind=NominationKind.PERIODIC,
    movement=None,
    achievements="",
):
    """Draft one nomination per member of ``members`` for one award type, all or nothing.

    Errors carry ``row`` (from 1) and name the member. Returns the nominations created.
    """
    require(by, "nominations.add_nomination", org)
    members = list(members)
    errors = []
    if not members:
        raise _invalid([_error("members", _("Choose at least one member."))])
    if len(members) > MAX_BULK:
        raise _invalid([_error("members", _("At most %(n)d at once.") % {"n": MAX_BULK})])
    _check_common(
        award_type=award_type,
        year=year,
        org=org,
        movement=movement,
        kind=kind,
        achievements=achievements,
        errors=errors,
    )
    if errors:
        raise _invalid(errors)
    seen = set()
    for row, member in enumerate(members, start=1):
        member_errors = []
        _check_subject(award_type, org, member, None, member_errors)
        if member.pk in seen:
            member_errors.append(_error("member_id", _("This member appears twice.")))
        seen.add(member.pk)
        for error in member_errors:
            errors.append({**error, "row": row, "message": f"{member}: {error['message']}"})
    if errors:
        raise InvalidInput(
            _("Nothing was saved: %(count)d problems.") % {"count": len(errors)}, errors=errors
        )
    created = []
    with transaction.atomic():
        for member in members:
            nomination = _new(
                by=by,
                award_type=award_type,
                year=year,
                org=org,
                member=member,
                nominee_org=None,
                movement=movement,
                kind=kind,
                achievements=achievements,
                scores={},
            )
            nomination.save()
            refresh_eligibility(nomination)
            audit.record(by, AuditEntry.Action.CREATE, nomination, after=snapshot(nomination))
            created.append(nomination)
    return created


UPDATABLE = ("achievements", "self_scores", "movement", "kind")


def update_nomination(
    nomination, *, by, version=None, document_ids=None, dossier_parts=None, **fields
):
    """Change a draft or returned nomination (409 in any other state; ``version`` guards).

    ``document_ids``, when given, is the whole dossier: documents not listed are unlinked.
    """
    require(by, "nominations.change_nomination", nomination)
    unknown = sorted(set(fields) - set(UPDATABLE))
    errors = [_error(name, _("This field cannot be changed.")) for name in unknown]
    with transaction.atomic():
        nomination = lock_for_update(nomination)
        check_version(nomination, version)
        if nomination.status not in EDITABLE_STATUSES:
            raise InvalidTransition(
                _("Only a draft or a returned nomination can be changed; this one is “%(s)s”.")
                % {"s": nomination.get_status_display()}
            )
        before = snapshot(nomination)
        kind = fields.get("kind", nomination.kind)
        _check_common(
            award_type=nomination.award_type,
            year=nomination.year,
            org=nomination.org,
            movement=fields.get("movement", nomination.movement),
            kind=kind,
            achievements=fields.get("achievements", nomination.achievements),
            errors=errors,
        )
        documents = None
        if document_ids is not None:
            documents = _documents_for(nomination.org, document_ids, by, errors)
        if errors:
            raise _invalid(errors)
        if "self_scores" in fields:
            fields["self_scores"] = clean_scores(
                nomination.award_type, nomination.member, fields["self_scores"]
            )
        if "achievements" in fields:
            fields["achievements"] = (fields["achievements"] or "").strip()
        for key, value in fields.items():
            setattr(nomination, key, value)
        nomination.score = current_score(nomination)
        if documents is not None:
            nomination.dossier_links.exclude(document__in=documents).delete()
            _attach(nomination, documents, by, _clean_part_map(dossier_parts))
        nomination.eligibility = evaluate_eligibility(nomination)
        nomination.version += 1
        nomination.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, nomination, before=before, after=snapshot(nomination)
        )
    return nomination


def add_dossier_document(nomination, *, by, document, part=None):
    """File ``document`` in the nomination's dossier under ``part`` (by its type if not given);
    the document is also linked to the nomination as the record it serves."""
    require(by, "nominations.change_nomination", nomination)
    if part is not None and part not in dossier.valid_parts():
        raise _invalid([_error("part", _("Unknown dossier part “%(part)s”.") % {"part": part})])
    with transaction.atomic():
        nomination = lock_for_update(nomination)
        if nomination.status not in EDITABLE_STATUSES:
            raise InvalidTransition(
                _("The dossier of a “%(s)s” nomination cannot change.")
                % {"s": nomination.get_status_display()}
            )
        if nomination.dossier_links.filter(document=document).exists():
            raise Conflict(_("This document is already in the dossier."))
        before = snapshot(nomination)
        NominationDocument.objects.create(
            nomination=nomination,
            document=document,
            part=part or dossier.default_part(document, nomination),
            added_by=_actor(by),
        )
        if document.content_type_id is None:
            from thidua.documents.services import link_document

            link_document(document, nomination, by=by)
        nomination.version += 1
        nomination.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, nomination, before=before, after=snapshot(nomination)
        )
    return nomination


def remove_dossier_document(nomination, *, by, link):
    require(by, "nominations.change_nomination", nomination)
    with transaction.atomic():
        nomination = lock_for_update(nomination)
        if nomination.status not in EDITABLE_STATUSES:
            raise InvalidTransition(
                _("The dossier of a “%(s)s” nomination cannot change.")
                % {"s": nomination.get_status_display()}
            )
        before = snapshot(nomination)
        NominationDocument.objects.filter(pk=link.pk, nomination=nomination).delete()
        nomination.version += 1
        nomination.save()
        audit.record(
            by, AuditEntry.Action.UPDATE, nomination, before=before, after=snapshot(nomination)
        )
    return nomination


# --- submitting -----------------------------------------------------------------------------


def duplicate_of(nomination):
    """Another live nomination of the same nominee, award type and year, anywhere in the tree."""
    others = Nomination.objects.filter(
        award_type_id=nomination.award_type_id,
        year=nomination.year,
        status__in=BLOCKING_STATUSES,
    ).exclude(pk=nomination.pk)
    if nomination.member_id:
        others = others.filter(member_id=nomination.member_id)
    else:
        others = others.filter(nominee_org_id=nomination.nominee_org_id, member__isnull=True)
    return others.select_related("org").order_by("id").first()


def _check_duplicate(nomination):
    other = duplicate_of(nomination)
    if other is not None:
        raise Conflict(
            _(
                "%(nominee)s is already proposed for %(award)s in %(year)d by %(unit)s "
                "(nomination %(id)d, “%(status)s”)."
            )
            % {
                "nominee": nomination.nominee_name,
                "award": nomination.award_type.name,
                "year": nomination.year,
                "unit": other.org.name,
                "id": other.pk,
                "status": other.get_status_display(),
            }
        )


def _check_eligibility(nomination):
    eligibility = evaluate_eligibility(nomination)
    nomination.eligibility = eligibility
    if not eligibility["eligible"]:
        raise RuleViolation(
            _("%(nominee)s does not meet the conditions of %(award)s.")
            % {"nominee": nomination.nominee_name, "award": nomination.award_type.name},
            reasons=eligibility["reasons"],
        )


def _check_score(nomination):
    award_type = nomination.award_type
    reasons = []
    scores = nomination.self_scores or {}
    for criterion in criteria_of(award_type, nomination.member):
        if criterion.required and not decimal.Decimal(str(scores.get(criterion.code, 0))):
            reasons.append(
                _("Required criterion not met: %(code)s. %(name)s")
                % {"code": criterion.code, "name": criterion.name}
            )
    score = total(scores)
    if award_type.min_score and score < award_type.min_score:
        reasons.append(
            _("The score %(score)s is below the minimum of %(min)s.")
            % {"score": _points(score), "min": _points(award_type.min_score)}
        )
    if reasons:
        raise RuleViolation(
            _("The self-assessment does not reach what %(award)s requires.")
            % {"award": award_type.name},
            reasons=reasons,
        )


def _check_dossier(nomination, *, submission_coming=False):
    missing = dossier.missing_parts(nomination, submission_coming=submission_coming)
    if missing:
        labels = [dossier.part_label(part) for part in missing]
        raise RuleViolation(
            _("The dossier is missing: %(parts)s.") % {"parts": ", ".join(labels)},
            reasons=[_("Missing dossier part: %(part)s") % {"part": label} for label in labels],
        )


def _check_quota(nomination, *, lock):
    award_type = nomination.award_type
    if not award_type.quota_limited:
        return None
    quota = quotas.holder_quota(
        org=nomination.org, year=nomination.year, award_type=award_type, lock=lock
    )
    if quota is None:
        raise RuleViolation(
            _("No quota allocated for %(award)s in %(year)d to %(unit)s or a unit above it.")
            % {"award": award_type.name, "year": nomination.year, "unit": nomination.org.name},
            reasons=[_("No quota allocated.")],
        )
    usage = quotas.usage_of(quota)
    if usage.remaining < 1:
        message = _(
            "The quota of %(count)d for %(award)s held by %(unit)s is used: %(used)d used, "
            "%(remaining)d remaining."
        ) % {
            "count": quota.count,
            "award": award_type.name,
            "unit": quota.org.name,
            "used": usage.reserved,
            "remaining": usage.remaining,
        }
        raise RuleViolation(message, reasons=[message])
    return quota


def check_submittable(nomination, *, submission_coming=False, lock=False):
    """Run the submission checks in order (see the module doc); raise the first refusal."""
    _check_duplicate(nomination)
    _check_eligibility(nomination)
    _check_score(nomination)
    _check_dossier(nomination, submission_coming=submission_coming)
    return _check_quota(nomination, lock=lock)


def submit_nomination(nomination, *, by, version=None, comment=""):
    """Send a draft (or a returned) nomination to the sector for appraisal.

    Checks (in order): duplicates 409, eligibility 422, score 422, dossier 422, quota 422. The
    quota row is locked while it is counted, so concurrent submissions never overfill it.
    Side effects: status ``submitted``, the eligibility snapshot, a transition row and audit.
    """
    require(by, "nominations.submit_nomination", nomination)
    with transaction.atomic():
        nomination = _locked(nomination)
        check_version(nomination, version)
        if nomination.status not in EDITABLE_STATUSES:
            raise _not_submittable(nomination)
        check_submittable(nomination, lock=True)
        nomination.submitted_at = timezone.now()
        nomination.submitted_by = _actor(by)
        nomination.score = current_score(nomination)
        transition(nomination, S.SUBMITTED, by=by, allowed=NOMINATION_TRANSITIONS, comment=comment)
    return nomination


def _not_submittable(nomination):
    return InvalidTransition(str(NOT_SUBMITTABLE) % {"s": nomination.get_status_display()})


def _locked(nomination):
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("award_type", "org", "member", "nominee_org", "submission")
        .get(pk=nomination.pk)
    )


def withdraw_nomination(nomination, *, by, version=None, reason=""):
    """The proposing unit withdraws a draft, submitted or returned nomination (its quota place is
    freed)."""
    require(by, "nominations.withdraw_nomination", nomination)
    with transaction.atomic():
        nomination = _locked(nomination)
        check_version(nomination, version)
        if nomination.status not in (S.DRAFT, S.SUBMITTED, S.RETURNED):
            raise InvalidTransition(
                _("A “%(s)s” nomination cannot be withdrawn.")
                % {"s": nomination.get_status_display()}
            )
        transition(
            nomination,
            S.WITHDRAWN,
            by=by,
            allowed=NOMINATION_TRANSITIONS,
            comment=(reason or "").strip()[:2000],
        )
    return nomination


def unit_recipients(org):
    """The chair and emulation officers of the proposing unit (holding the role there)."""
    return list(
        User.objects.filter(
            is_active=True,
            roles__org=org,
            roles__role__in=[
                Role.GRASSROOTS_CHAIR,
                Role.GRASSROOTS_OFFICER,
                Role.SECTOR_ADMIN,
                Role.SECTOR_OFFICER,
            ],
        ).distinct()
    )


def return_nomination(nomination, *, by, reason, version=None):
    """The sector returns a submitted (or appraised) nomination for revision, with the reason;
    the unit is notified. The quota place is freed until it is resubmitted."""
    require(by, "nominations.return_nomination", nomination)
    reason = (reason or "").strip()
    with transaction.atomic():
        nomination = _locked(nomination)
        check_version(nomination, version)
        if nomination.status not in (S.SUBMITTED, S.APPRAISED):
            raise InvalidTransition(
                _("Only a submitted or appraised nomination can be returned; this one is “%(s)s”.")
                % {"s": nomination.get_status_display()}
            )
        if not reason:
            raise _invalid([_error("reason", _("Give the reason for returning the nomination."))])
        if len(reason) > MAX_TEXT:
            raise _invalid([_error("reason", _("At most %(n)d characters.") % {"n": MAX_TEXT})])
        nomination.returned_reason = reason
        nomination.appraisal_scores = {}
        nomination.recommendation = ""
        nomination.score = current_score(nomination)
        transition(nomination, S.RETURNED, by=by, allowed=NOMINATION_TRANSITIONS, comment=reason)
        notify(
            unit_recipients(nomination.org),
            title=_("Nomination returned: %(nominee)s — %(award)s")
            % {"nominee": nomination.nominee_name, "award": nomination.award_type.name},
            body=reason,
            url=reverse("nominations:nomination_detail", args=[nomination.pk]),
            key=f"nomination-return-{nomination.pk}-{nomination.version}",
        )
    return nomination


def appraise_nomination(
    nomination, *, by, scores, recommendation, comment="", checklist=None, version=None
):
    """The sector appraises a submitted nomination: its own scores beside the self-assessment,
    a recommendation (approve → ``appraised``, reject → ``rejected``), a comment and the dossier
    checklist. The unit is notified."""
    require(by, "nominations.appraise_nomination", nomination)
    comment = (comment or "").strip()
    with transaction.atomic():
        nomination = _locked(nomination)
        check_version(nomination, version)
        if nomination.status != S.SUBMITTED:
            raise InvalidTransition(
                _("Only a submitted nomination can be appraised; this one is “%(s)s”.")
                % {"s": nomination.get_status_display()}
            )
        errors = []
        if recommendation not in Recommendation.values:
            errors.append(_error("recommendation", _("Recommend approve or reject.")))
        if recommendation == Recommendation.REJECT and not comment:
            errors.append(_error("comment", _("Say why the nomination should be rejected.")))
        if len(comment) > MAX_TEXT:
            errors.append(_error("comment", _("At most %(n)d characters.") % {"n": MAX_TEXT}))
        if checklist is not None and not isinstance(checklist, dict):
            errors.append(_error("checklist", _("Give the checklist as part → checked.")))
        if errors:
            raise _invalid(errors)
        cleaned = clean_scores(nomination.award_type, nomination.member, scores, field="scores")
        nomination.appraisal_scores = cleaned
        nomination.recommendation = recommendation
        nomination.appraisal_comment = comment
        nomination.appraisal_checklist = {str(k): bool(v) for k, v in (checklist or {}).items()}
        nomination.appraised_at = timezone.now()
        nomination.appraised_by = _actor(by)
        nomination.score = current_score(nomination)
        target = S.APPRAISED if recommendation == Recommendation.APPROVE else S.REJECTED
        transition(nomination, target, by=by, allowed=NOMINATION_TRANSITIONS, comment=comment)
        notify(
            unit_recipients(nomination.org),
            title=_("Nomination appraised: %(nominee)s — %(award)s: %(status)s")
            % {
                "nominee": nomination.nominee_name,
                "award": nomination.award_type.name,
                "status": nomination.get_status_display(),
            },
            body=comment,
            url=reverse("nominations:nomination_detail", args=[nomination.pk]),
            key=f"nomination-appraise-{nomination.pk}-{nomination.version}",
        )
    return nomination


# --- submissions (TTr) and the ad-hoc path --------------------------------------------------


def create_submission(*, org, by, nominations, title="", issued_on=None):
    """Issue the unit's submission (tờ trình, TTr) proposing ``nominations`` and file it in each
    of their dossiers. The TTr is created, numbered and rendered through the documents layer with
    the annex list of nominees. The nominations must be the unit's own, drafts or returned.
    Returns the ``Submission``."""
    from thidua.nominations.submission_document import issue_submission_document

    require(by, "nominations.submit_nomination", org)
    nominations = list(nominations)
    if not nominations:
        raise _invalid([_error("nominations", _("Choose at least one nomination."))])
    errors = []
    for nomination in nominations:
        if nomination.org_id != org.pk:
            errors.append(
                _error(
                    "nominations",
                    _("%(nominee)s is proposed by another unit.")
                    % {"nominee": nomination.nominee_name},
                )
            )
        elif nomination.status not in EDITABLE_STATUSES:
            errors.append(
                _error(
                    "nominations",
                    _("%(nominee)s is already “%(s)s”.")
                    % {"nominee": nomination.nominee_name, "s": nomination.get_status_display()},
                )
            )
    if len({n.year for n in nominations}) > 1:
        errors.append(_error("nominations", _("Put nominations of one year in a submission.")))
    if errors:
        raise _invalid(errors)
    from thidua.nominations.models import Submission

    year = nominations[0].year
    title = (title or "").strip() or default_submission_title(nominations)
    with transaction.atomic():
        submission = Submission.objects.create(
            org=org, year=year, title=title[:500], created_by=_actor(by)
        )
        document = issue_submission_document(submission, nominations, by=by, issued_on=issued_on)
        submission.document = document
        submission.save()
        for nomination in nominations:
            locked = _locked(nomination)
            before = snapshot(locked)
            locked.submission = submission
            NominationDocument.objects.get_or_create(
                nomination=locked,
                document=document,
                defaults={"part": "submission", "added_by": _actor(by)},
            )
            locked.version += 1
            locked.save()
            audit.record(
                by, AuditEntry.Action.UPDATE, locked, before=before, after=snapshot(locked)
            )
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            submission,
            after=audit.snapshot(submission, ("org", "year", "title", "document")),
        )
    return submission


def default_submission_title(nominations):
    awards = list(dict.fromkeys(n.award_type.name for n in nominations))
    return (
        f"Về việc đề nghị tặng {', '.join(awards)} năm {nominations[0].year}"
        if len(awards) <= 3
        else f"Về việc đề nghị khen thưởng năm {nominations[0].year}"
    )


def submit_with_submission(*, org, by, nominations, title=""):
    """Submit several nominations of ``org`` under one new TTr.

    Each nomination is checked first (as ``submit_nomination`` does); those refused are left as
    they are and reported; a TTr is issued for the others that do not have one yet (a returned
    nomination keeps its TTr), and they are submitted. Returns
    ``(submission or None, submitted, refused)`` with ``refused`` as ``[(nomination, error)]``.
    """
    from thidua.core.exceptions import DomainError

    require(by, "nominations.submit_nomination", org)
    candidates, refused = [], []
    ids = [n.pk for n in nominations]
    fresh = Nomination.objects.select_related(
        "award_type", "org", "member", "member__org", "nominee_org", "submission"
    ).in_bulk(ids)
    for nomination in (fresh[pk] for pk in ids if pk in fresh):
        try:
            require(by, "nominations.submit_nomination", nomination)
            if nomination.status not in EDITABLE_STATUSES:
                raise _not_submittable(nomination)
            check_submittable(nomination, submission_coming=True)
        except DomainError as exc:
            refused.append((nomination, exc))
        else:
            candidates.append(nomination)
    if not candidates:
        return None, [], refused
    submitted, submission = [], None
    needing = [n for n in candidates if "submission" in dossier.missing_parts(n)]
    if needing:
        submission = create_submission(org=org, by=by, nominations=needing, title=title)
    for nomination in candidates:
        try:
            submitted.append(submit_nomination(nomination, by=by))
        except DomainError as exc:
            refused.append((nomination, exc))
    return submission, submitted, refused


def create_adhoc_nomination(
    *,
    by,
    award_type,
    year,
    org,
    member=None,
    nominee_org=None,
    achievements,
    document_ids=(),
    self_scores=None,
    dossier_parts=None,
):
    """The simplified procedure (ad-hoc deed): one nominee, the simplified dossier, submitted in
    one step. When the simplified dossier needs a TTr and none is given, the unit's TTr is made
    for this one nomination. All or nothing: a refusal leaves nothing behind."""
    if not (achievements or "").strip():
        raise _invalid([_error("achievements", _("Summarise the deed."))])
    with transaction.atomic():
        nomination = create_nomination(
            by=by,
            award_type=award_type,
            year=year,
            org=org,
            member=member,
            nominee_org=nominee_org,
            kind=NominationKind.ADHOC,
            achievements=achievements,
            self_scores=self_scores,
            document_ids=document_ids,
            dossier_parts=dossier_parts,
        )
        check_submittable(nomination, submission_coming=True)
        if "submission" in dossier.missing_parts(nomination):
            create_submission(org=org, by=by, nominations=[nomination])
        nomination = submit_nomination(nomination, by=by, comment=_("Ad-hoc award"))
    return nomination


# --- recusal --------------------------------------------------------------------------------


def nominee_grassroots(nomination):
    """The grassroots union of the nominee (the member's unit or the collective, or above)."""
    from thidua.organizations.models import OrgUnit

    path = nomination.member.org_path if nomination.member_id else nomination.nominee_org.path
    paths = [path[:end] for end in range(4, len(path) + 1, 4)]
    return (
        OrgUnit.objects.filter(path__in=paths, kind=OrgKind.GRASSROOTS_UNION)
        .order_by("-depth")
        .first()
    )


def recusals(nomination):
    """Council members who should stand aside: their own member record belongs to the nominee's
    grassroots union (or, for a nominee above grassroots level, to the nominee's unit)."""
    union = nominee_grassroots(nomination)
    if union is None:
        union = nomination.nominee_org or nomination.member.org
    ancestors = _ancestor_paths(nomination.org)
    return list(
        User.objects.filter(
            is_active=True,
            roles__role=Role.COUNCIL_MEMBER,
            roles__org__path__in=ancestors,
            member__org_path__startswith=union.path,
        )
        .distinct()
        .order_by("full_name")
    )


# --- workplace awards -----------------------------------------------------------------------


def record_workplace_award(
    *, by, org, member, period_kind, period_label, period_start, reason, amount=0
):
    """Record an award the unit gives from its own budget for a week, month or quarter."""
    require(by, "nominations.record_workplace_award", org)
    errors = []
    if org.kind != OrgKind.GRASSROOTS_UNION:
        errors.append(_error("org_id", _("Workplace awards are recorded by grassroots unions.")))
    if member is None or not member.org_path.startswith(org.path):
        errors.append(_error("member_id", _("The member is not in this unit.")))
    elif not member.active:
        errors.append(_error("member_id", _("The member has left the union.")))
    if period_kind not in PeriodKind.values:
        errors.append(_error("period_kind", _("Choose week, month or quarter.")))
    period_label = (period_label or "").strip()
    if not period_label:
        errors.append(_error("period_label", _("Name the period, e.g. “Tháng 5/2026”.")))
    elif len(period_label) > 50:
        errors.append(_error("period_label", _("At most %(n)d characters.") % {"n": 50}))
    if not isinstance(period_start, datetime.date):
        errors.append(_error("period_start", _("Enter a valid date.")))
    elif period_start > timezone.localdate():
        errors.append(_error("period_start", _("The period has not started yet.")))
    reason = (reason or "").strip()
    if not reason:
        errors.append(_error("reason", _("Say what the award is for.")))
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= 10**12:
        errors.append(_error("amount", _("Enter an amount in đồng from 0.")))
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        award = WorkplaceAward.objects.create(
            org=org,
            member=member,
            period_kind=period_kind,
            period_label=period_label,
            period_start=period_start,
            reason=reason,
            amount=amount,
            created_by=_actor(by),
        )
        audit.record(by, AuditEntry.Action.CREATE, award, after=audit.snapshot(award))
    return award
