"""The writes of the award catalogue, the yearly facts about members, and initiatives.

Every function checks the actor's permission (``awards/rules.py``), validates (``InvalidInput``
with ``{"field", "message"}`` errors), writes in one transaction and appends the audit entry.
Views, the API and commands call these.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.eligibility import PARAMS, applicable_kinds
from thidua.awards.models import (
    DISCIPLINE_SEVERITY,
    SHARE_BASE_AWARD_PREFIX,
    SHARE_BASE_MEMBERS,
    TASK_RATING_RANK,
    Audience,
    AwardRecord,
    AwardType,
    BaseSalary,
    Criterion,
    DisciplineRecord,
    DossierPart,
    EligibilityRule,
    Initiative,
    MemberYearAssessment,
    RecordSource,
    RuleKind,
)
from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update

AWARD_TYPE_FIELDS = (
    "code",
    "name",
    "category",
    "subject",
    "issuing_level",
    "amount_coefficient",
    "vote_threshold",
    "vote_base",
    "quorum",
    "secret_ballot",
    "min_score",
    "quota_limited",
    "required_dossier_parts",
    "simplified_parts",
    "share_cap",
    "share_cap_base",
    "description",
    "order",
    "active",
)
CRITERION_KEYS = ("code", "name", "max_points", "required", "audience", "order")


def _invalid(field, message):
    return InvalidInput(
        _("Some fields are invalid."), errors=[{"field": field, "message": message}]
    )


def _validate(instance, exclude=()):
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise InvalidInput.from_django(exc) from exc


# --- award types ----------------------------------------------------------------------------


def _check_parts(field, parts):
    valid = set(DossierPart.values)
    if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
        raise _invalid(field, _("A list of dossier part codes is expected."))
    unknown = [p for p in parts if p not in valid]
    if unknown:
        raise _invalid(
            field,
            _("Unknown dossier parts: %(parts)s. Use: %(valid)s.")
            % {"parts": ", ".join(unknown), "valid": ", ".join(DossierPart.values)},
        )
    return list(dict.fromkeys(parts))


def _check_share_base(value):
    if value in ("", SHARE_BASE_MEMBERS):
        return value or SHARE_BASE_MEMBERS
    code = value.removeprefix(SHARE_BASE_AWARD_PREFIX) if isinstance(value, str) else ""
    if not value.startswith(SHARE_BASE_AWARD_PREFIX) or not code:
        raise _invalid("share_cap_base", _("Use members or award:<code>."))
    if not AwardType.objects.filter(code=code).exists():
        raise _invalid("share_cap_base", _("No award type has the code %(code)s.") % {"code": code})
    return value


def _clean_criteria(criteria):
    """The nested criteria as validated dicts; errors name ``criteria[i].field``."""
    if not isinstance(criteria, list):
        raise _invalid("criteria", _("A list of criteria is expected."))
    cleaned, errors, seen = [], [], set()
    for index, item in enumerate(criteria):
        prefix = f"criteria[{index}]"
        if not isinstance(item, dict):
            errors.append({"field": prefix, "message": _("A criterion is an object.")})
            continue
        code = str(item.get("code") or "").strip()
        name = str(item.get("name") or "").strip()
        audience = item.get("audience") or Audience.ALL
        if not code or len(code) > 30:
            errors.append(
                {"field": f"{prefix}.code", "message": _("A code of 1 to 30 characters.")}
            )
        if not name or len(name) > 500:
            errors.append(
                {"field": f"{prefix}.name", "message": _("A name of 1 to 500 characters.")}
            )
        if audience not in Audience.values:
            errors.append(
                {
                    "field": f"{prefix}.audience",
                    "message": _("Choose one of: %(choices)s.")
                    % {"choices": ", ".join(Audience.values)},
                }
            )
        try:
            points = Decimal(str(item.get("max_points")))
            if not points.is_finite() or points < 0 or points >= 10_000:
                raise InvalidOperation
            points = points.quantize(Decimal("0.01"))
        except (InvalidOperation, TypeError, ValueError):
            points = None
            errors.append(
                {
                    "field": f"{prefix}.max_points",
                    "message": _("A number of points from 0 to 9999."),
                }
            )
        if (audience, code) in seen:
            errors.append(
                {"field": f"{prefix}.code", "message": _("This code is used twice in the rubric.")}
            )
        seen.add((audience, code))
        cleaned.append(
            {
                "code": code,
                "name": name,
                "max_points": points,
                "required": bool(item.get("required", False)),
                "audience": audience,
                "order": int(item.get("order") or index + 1),
            }
        )
    if errors:
        raise InvalidInput(_("Some criteria are invalid."), errors=errors)
    return cleaned


def _criteria_snapshot(award_type):
    return [
        {key: audit._plain(getattr(c, key)) for key in CRITERION_KEYS}
        for c in award_type.criteria.all()
    ]


def _apply_award_type_fields(award_type, fields):
    for key, value in fields.items():
        if key not in AWARD_TYPE_FIELDS:
            continue
        if key in ("required_dossier_parts", "simplified_parts"):
            value = _check_parts(key, value)
        elif key == "share_cap_base":
            value = _check_share_base(value or "")
        elif value is None and key in ("description",):
            value = ""
        setattr(award_type, key, value)
    _validate(award_type, exclude=["search_key"])


def _save_award_type(award_type):
    try:
        with transaction.atomic():
            award_type.save()
    except IntegrityError as exc:
        message = _("Another award type has this code.")
        raise Conflict(message, errors=[{"field": "code", "message": message}]) from exc


def _replace_criteria(award_type, criteria):
    award_type.criteria.all().delete()
    Criterion.objects.bulk_create(Criterion(award_type=award_type, **c) for c in criteria)


def create_award_type(*, by, criteria=None, **fields):
    """Add an award type to the catalogue, with its rubric (``criteria``: list of dicts).

    A duplicate code is a conflict (409). Writes one audit entry.
    """
    require(by, "awards.change_catalogue")
    cleaned = _clean_criteria(criteria) if criteria is not None else []
    if AwardType.objects.filter(code=fields.get("code")).exists():
        message = _("Another award type has this code.")
        raise Conflict(message, errors=[{"field": "code", "message": message}])
    with transaction.atomic():
        award_type = AwardType()
        _apply_award_type_fields(award_type, fields)
        _save_award_type(award_type)
        _replace_criteria(award_type, cleaned)
        after = {**audit.snapshot(award_type), "criteria": _criteria_snapshot(award_type)}
        audit.record(by, AuditEntry.Action.CREATE, award_type, after=after)
    return award_type


def update_award_type(award_type, *, by, version=None, criteria=None, **fields):
    """Change an award type; ``criteria``, when given, replaces the whole rubric.

    The subject cannot change once rules or records refer to the type. Stale version: 409.
    """
    require(by, "awards.change_catalogue", award_type)
    cleaned = _clean_criteria(criteria) if criteria is not None else None
    with transaction.atomic():
        award_type = lock_for_update(award_type)
        check_version(award_type, version)
        before = {**audit.snapshot(award_type), "criteria": _criteria_snapshot(award_type)}
        new_code = fields.get("code", award_type.code)
        if AwardType.objects.filter(code=new_code).exclude(pk=award_type.pk).exists():
            message = _("Another award type has this code.")
            raise Conflict(message, errors=[{"field": "code", "message": message}])
        subject = fields.get("subject", award_type.subject)
        if subject != award_type.subject and award_type.records.exists():
            raise _invalid(
                "subject", _("Awards of this type were already given; the subject stays.")
            )
        _apply_award_type_fields(award_type, fields)
        award_type.version += 1
        _save_award_type(award_type)
        if cleaned is not None:
            _replace_criteria(award_type, cleaned)
        after = {**audit.snapshot(award_type), "criteria": _criteria_snapshot(award_type)}
        audit.record(by, AuditEntry.Action.UPDATE, award_type, before=before, after=after)
    return award_type


# --- base salaries --------------------------------------------------------------------------


def add_base_salary(*, by, amount, effective_from, note=""):
    """Record the base salary in force from ``effective_from``; a second one that day is 409."""
    require(by, "awards.add_base_salary")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= 10**12:
        raise _invalid("amount", _("A whole number of đồng greater than 0."))
    if not isinstance(effective_from, datetime.date):
        raise _invalid("effective_from", _("A date is required."))
    if BaseSalary.objects.filter(effective_from=effective_from).exists():
        message = _("A base salary is already recorded from %(date)s.") % {
            "date": effective_from.strftime("%d/%m/%Y")
        }
        raise Conflict(message, errors=[{"field": "effective_from", "message": message}])
    try:
        with transaction.atomic():
            salary = BaseSalary.objects.create(
                amount=amount, effective_from=effective_from, note=(note or "")[:255]
            )
            audit.record(by, AuditEntry.Action.CREATE, salary, after=audit.snapshot(salary))
    except IntegrityError as exc:
        raise Conflict(_("A base salary is already recorded from this date.")) from exc
    return salary


# --- eligibility rules ----------------------------------------------------------------------


def _check_param(kind, name, expected, value):
    ok = True
    if expected == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000
    elif expected == "bool":
        ok = isinstance(value, bool)
    elif expected == "fraction":
        try:
            ok = 0 <= Decimal(str(value)) <= 1
        except InvalidOperation:
            ok = False
    elif expected == "rating":
        ok = value in TASK_RATING_RANK
    elif expected == "discipline":
        ok = value in DISCIPLINE_SEVERITY
    elif expected == "award":
        ok = isinstance(value, str) and AwardType.objects.filter(code=value).exists()
    elif expected == "share_base":
        ok = isinstance(value, str) and (
            value == SHARE_BASE_MEMBERS or value.startswith(SHARE_BASE_AWARD_PREFIX)
        )
    if ok:
        return None
    messages = {
        "int": _("A whole number from 0 to 10000."),
        "bool": _("true or false."),
        "fraction": _("A fraction from 0 to 1."),
        "rating": _("One of: %(choices)s.") % {"choices": ", ".join(TASK_RATING_RANK)},
        "discipline": _("One of: %(choices)s.") % {"choices": ", ".join(DISCIPLINE_SEVERITY)},
        "award": _("The code of an award type of the catalogue."),
        "share_base": _("members or award:<code>."),
    }
    return {"field": f"params.{name}", "message": messages[expected]}


def clean_rule_params(award_type, kind, params):
    """Validate a rule's ``kind`` for the award type's subject and its ``params``."""
    if kind not in RuleKind.values:
        raise _invalid("kind", _("Unknown rule kind."))
    if kind not in applicable_kinds(award_type):
        raise _invalid(
            "kind",
            _("This rule does not apply to awards for %(subject)s.")
            % {"subject": award_type.get_subject_display().lower()},
        )
    if not isinstance(params, dict):
        raise _invalid("params", _("An object of parameters is expected."))
    spec = PARAMS[kind]
    errors = []
    for name in params:
        if name not in spec:
            errors.append({"field": f"params.{name}", "message": _("Unknown parameter.")})
    for name, (expected, required) in spec.items():
        if name not in params:
            if required:
                errors.append({"field": f"params.{name}", "message": _("This field is required.")})
            continue
        error = _check_param(kind, name, expected, params[name])
        if error:
            errors.append(error)
    if kind == RuleKind.COLLECTIVE_SHARE and not (
        params.get("award_code") or params.get("task_rating")
    ):
        errors.append(
            {"field": "params.award_code", "message": _("Give award_code or task_rating.")}
        )
    if errors:
        raise InvalidInput(_("Some parameters are invalid."), errors=errors)
    return {k: str(v) if spec[k][0] == "fraction" else v for k, v in params.items()}


def create_eligibility_rule(*, award_type, by, kind, params=None, message="", order=0, active=True):
    """Add an eligibility rule to ``award_type`` (see ``thidua.awards.eligibility``)."""
    require(by, "awards.change_catalogue", award_type)
    params = clean_rule_params(award_type, kind, params or {})
    with transaction.atomic():
        rule = EligibilityRule(
            award_type=award_type,
            kind=kind,
            params=params,
            message=message or "",
            order=order or 0,
            active=active,
        )
        _validate(rule)
        rule.save()
        audit.record(by, AuditEntry.Action.CREATE, rule, after=audit.snapshot(rule))
    return rule


def update_eligibility_rule(rule, *, by, version=None, **fields):
    """Change a rule's params, message, order or active flag (the kind stays)."""
    require(by, "awards.change_catalogue", rule.award_type)
    with transaction.atomic():
        rule = lock_for_update(rule)
        check_version(rule, version)
        before = audit.snapshot(rule)
        if "params" in fields:
            rule.params = clean_rule_params(rule.award_type, rule.kind, fields["params"])
        for key in ("message", "order", "active"):
            if key in fields and fields[key] is not None:
                setattr(rule, key, fields[key])
        _validate(rule)
        rule.version += 1
        rule.save()
        audit.record(by, AuditEntry.Action.UPDATE, rule, before=before, after=audit.snapshot(rule))
    return rule


def delete_eligibility_rule(rule, *, by):
    require(by, "awards.change_catalogue", rule.award_type)
    with transaction.atomic():
        audit.record(by, AuditEntry.Action.DELETE, rule, before=audit.snapshot(rule))
        rule.delete()


def deactivate_eligibility_rule(rule, *, by, version=None):
    """Stop applying a rule (the row stays, so its history remains readable); 409 if stale."""
    return update_eligibility_rule(rule, by=by, version=version, active=False)


# --- yearly facts about members -------------------------------------------------------------


def record_assessment(
    *, member, year, by, task_rating, absence_days=0, maternity_leave_days=0, note=""
):
    """Record (or replace) ``member``'s assessment for ``year``."""
    require(by, "awards.record_assessment", member)
    if maternity_leave_days and absence_days is not None and maternity_leave_days > absence_days:
        raise _invalid(
            "maternity_leave_days", _("Maternity leave cannot exceed the days of absence.")
        )
    with transaction.atomic():
        current = (
            MemberYearAssessment.objects.select_for_update()
            .filter(member=member, year=year)
            .first()
        )
        before = audit.snapshot(current) if current else None
        assessment = current or MemberYearAssessment(member=member, year=year)
        assessment.task_rating = task_rating
        assessment.absence_days = absence_days or 0
        assessment.maternity_leave_days = maternity_leave_days or 0
        assessment.note = note or ""
        _validate(assessment)
        if current:
            assessment.version += 1
        assessment.save()
        audit.record(
            by,
            AuditEntry.Action.UPDATE if current else AuditEntry.Action.CREATE,
            assessment,
            before=before,
            after=audit.snapshot(assessment),
            org_path=member.org_path,
        )
    return assessment


ASSESSMENT_FIELDS = ("task_rating", "absence_days", "maternity_leave_days")


def _assessment_errors(prefix, task_rating, absence_days, maternity_leave_days):
    errors = []
    if task_rating not in TASK_RATING_RANK:
        errors.append({"field": f"{prefix}task_rating", "message": _("Choose a task rating.")})
    for name, value in (
        ("absence_days", absence_days),
        ("maternity_leave_days", maternity_leave_days),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 366:
            errors.append(
                {"field": f"{prefix}{name}", "message": _("A whole number of days from 0 to 366.")}
            )
    if not errors and maternity_leave_days > absence_days:
        errors.append(
            {
                "field": f"{prefix}maternity_leave_days",
                "message": _("Maternity leave cannot exceed the days of absence."),
            }
        )
    return errors


def save_assessments(*, org, year, by, rows, progress=None):
    """Record the assessments of many members of ``org``'s subtree for ``year`` at once.

    ``rows``: dicts with ``member`` and the ``ASSESSMENT_FIELDS``. All or nothing: any invalid row
    raises ``InvalidInput`` whose errors name ``<member id>.<field>`` and nothing is saved. Rows
    equal to the recorded assessment are left alone; each change writes one audit entry.
    ``progress(n)``, when given, is told how many changes are written so far (an import's job).
    Returns the number of assessments created or changed.
    """
    require(by, "awards.record_assessment", org)
    if not isinstance(year, int) or not 1945 <= year <= 2100:
        raise _invalid("year", _("A year from 1945 to 2100."))
    errors, changes = [], []
    current = {
        a.member_id: a
        for a in MemberYearAssessment.objects.filter(
            year=year, member_id__in=[row["member"].pk for row in rows]
        )
    }
    for row in rows:
        member = row["member"]
        prefix = f"{member.pk}."
        if not member.org_path.startswith(org.path):
            errors.append({"field": f"{prefix}member", "message": _("Not a member of this unit.")})
            continue
        values = {name: row.get(name) for name in ASSESSMENT_FIELDS}
        row_errors = _assessment_errors(prefix, **values)
        if row_errors:
            errors.extend({**error, "member": member.full_name} for error in row_errors)
            continue
        existing = current.get(member.pk)
        if existing and all(getattr(existing, k) == v for k, v in values.items()):
            continue
        changes.append((member, values, existing.note if existing else ""))
    if errors:
        raise InvalidInput(_("Some assessments are invalid; nothing was saved."), errors=errors)
    with transaction.atomic():
        for done, (member, values, note) in enumerate(changes, start=1):
            record_assessment(member=member, year=year, by=by, note=note, **values)
            if progress is not None:
                progress(done)
    return len(changes)


def record_discipline(*, member, by, level, decided_on, note=""):
    """Record a disciplinary measure taken against ``member``."""
    require(by, "awards.record_discipline", member)
    if isinstance(decided_on, datetime.date) and decided_on > timezone.localdate():
        raise _invalid("decided_on", _("The date is in the future."))
    with transaction.atomic():
        record = DisciplineRecord(
            member=member, level=level, decided_on=decided_on, note=note or "", created_by=by
        )
        _validate(record, exclude=["created_by"])
        record.save()
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            record,
            after=audit.snapshot(record),
            org_path=member.org_path,
        )
    return record


def remove_discipline(record, *, by):
    """Delete a discipline record entered by mistake (the audit entry keeps its content)."""
    require(by, "awards.record_discipline", record.member)
    with transaction.atomic():
        audit.record(
            by,
            AuditEntry.Action.DELETE,
            record,
            before=audit.snapshot(record),
            org_path=record.member.org_path,
        )
        record.delete()


# --- award history --------------------------------------------------------------------------


def record_award(
    *,
    award_type,
    year,
    holder_org,
    by,
    member=None,
    org=None,
    decision_number="",
    decided_on=None,
    issued_by_org=None,
    issued_by_name="",
    amount=None,
    source=RecordSource.DECISION,
):
    """Add an award to the history. For services that already decided it (a decision, an upper
    level's result): the caller has checked its own permission. Writes one audit entry."""
    with transaction.atomic():
        record = AwardRecord(
            award_type=award_type,
            year=year,
            member=member,
            org=org,
            holder_org=holder_org,
            decision_number=decision_number or "",
            decided_on=decided_on,
            issued_by_org=issued_by_org,
            issued_by_name=issued_by_name or "",
            amount=amount,
            source=source,
            created_by=by if getattr(by, "pk", None) else None,
        )
        record.save()
        audit.record(by, AuditEntry.Action.CREATE, record, after=audit.snapshot(record))
    return record


def revoke_award(record, *, by, reason, version=None):
    """Revoke an award (law chapter VII): it leaves the effective history; the row stays."""
    require(by, "awards.revoke_award", record.holder_org)
    if not (reason or "").strip():
        raise _invalid("reason", _("Give the reason for the revocation."))
    with transaction.atomic():
        record = lock_for_update(record)
        check_version(record, version)
        if record.revoked_at is not None:
            raise Conflict(_("This award was already revoked."))
        before = audit.snapshot(record)
        record.revoked_at = timezone.now()
        record.revoked_reason = reason.strip()
        record.version += 1
        record.save()
        audit.record(
            by, AuditEntry.Action.TRANSITION, record, before=before, after=audit.snapshot(record)
        )
    return record


# --- initiatives ----------------------------------------------------------------------------


def create_initiative(
    *, org, by, title, author_ids, description="", applied_from=None, benefit_value=None
):
    """Register an initiative of members of ``org`` (authors: members of its subtree)."""
    require(by, "awards.add_initiative", org)
    errors = []
    title = (title or "").strip()
    if not title:
        errors.append({"field": "title", "message": _("This field is required.")})
    elif len(title) > 500:
        errors.append({"field": "title", "message": _("At most 500 characters.")})
    author_ids = list(dict.fromkeys(author_ids or []))
    from thidua.organizations.models import Member

    authors = list(Member.objects.filter(pk__in=author_ids, org_path__startswith=org.path))
    if not author_ids:
        errors.append({"field": "author_ids", "message": _("Name at least one author.")})
    elif len(authors) != len(author_ids):
        errors.append(
            {"field": "author_ids", "message": _("Every author must be a member of the unit.")}
        )
    if benefit_value is not None and (
        not isinstance(benefit_value, int) or benefit_value < 0 or benefit_value > 10**15
    ):
        errors.append(
            {"field": "benefit_value", "message": _("A whole number of đồng, 0 or more.")}
        )
    if applied_from and applied_from > timezone.localdate():
        errors.append({"field": "applied_from", "message": _("The date is in the future.")})
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)
    with transaction.atomic():
        initiative = Initiative.objects.create(
            org=org,
            title=title,
            description=description or "",
            applied_from=applied_from,
            benefit_value=benefit_value,
            created_by=by,
        )
        initiative.authors.set(authors)
        after = {**audit.snapshot(initiative), "author_ids": sorted(a.pk for a in authors)}
        audit.record(by, AuditEntry.Action.CREATE, initiative, after=after)
    return initiative


def recognize_initiative(initiative, *, by, recognized_on, version=None):
    """The unit's council recognises the initiative on ``recognized_on`` (409 if already)."""
    require(by, "awards.recognize_initiative", initiative)
    if recognized_on > timezone.localdate():
        raise _invalid("recognized_on", _("The date is in the future."))
    if initiative.applied_from and recognized_on < initiative.applied_from:
        raise _invalid(
            "recognized_on", _("The initiative cannot be recognised before it was applied.")
        )
    with transaction.atomic():
        initiative = lock_for_update(initiative)
        check_version(initiative, version)
        if initiative.recognized_on is not None:
            raise Conflict(
                _("This initiative was already recognised on %(date)s.")
                % {"date": initiative.recognized_on.strftime("%d/%m/%Y")}
            )
        before = audit.snapshot(initiative)
        initiative.recognized_on = recognized_on
        initiative.recognized_by = by
        initiative.version += 1
        initiative.save()
        audit.record(
            by,
            AuditEntry.Action.TRANSITION,
            initiative,
            before=before,
            after=audit.snapshot(initiative),
        )
    return initiative
