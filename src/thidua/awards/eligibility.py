"""The eligibility engine: may this member or collective be proposed for this award this year?

``evaluate`` applies the built-in checks (the award type is active; an individual is an active
member of the proposing unit's subtree; a collective is an active unit in it) and then every active
``EligibilityRule`` of the award type, in order. Each failed rule adds one reason with its numbers;
a rule's custom ``message`` replaces the built-in reason and may use the placeholders listed for
its kind below.

Rule kinds and their ``params`` (placeholders of the message in brackets):

- ``membership_months`` / ``employment_months``: ``months`` [months, actual] — full months since
  ``union_joined_on`` / ``employed_since`` until 31 December of the year.
- ``requires_award_same_year``: ``award_code`` [award, year].
- ``requires_award_consecutive_years``: ``award_code``, ``years``, ``include_current`` (default
  false: the years before) [award, years, missing].
- ``requires_recognised_initiative``: ``years_back`` (default 1), ``or_task_rating`` (optional: a
  rating at least this good also satisfies the rule) [year, first_year].
- ``no_discipline``: ``min_level`` (default ``reprimand``) [level, year].
- ``max_absence_days``: ``max_days`` [max_days, days, year] — maternity leave excepted.
- ``min_task_rating``: ``rating`` [rating, actual, year].
- ``share_cap``: ``cap`` and ``base`` (default: the award type's ``share_cap`` and
  ``share_cap_base``) [cap, base, allowed, count].
- ``collective_share``: ``award_code`` or ``task_rating``, ``min_share``, ``strictly_more``
  [share, actual, members].
- ``collective_no_discipline``: ``min_level`` [level, count, year].
- ``collective_has_award``: ``award_code``, ``min_count`` (default 1) [award, count, min_count].

Awards count from the effective ``AwardRecord`` history plus what the nominations app reports
through ``register_pending_awards_provider`` (approved nominations not yet recorded); proposals
counted against a share cap come from ``register_pending_count_provider``.
"""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from thidua.awards.models import (
    DISCIPLINE_SEVERITY,
    SHARE_BASE_AWARD_PREFIX,
    TASK_RATING_RANK,
    AwardRecord,
    AwardType,
    DisciplineLevel,
    DisciplineRecord,
    Initiative,
    MemberYearAssessment,
    RuleKind,
    TaskRating,
    levels_at_or_above,
)

INDIVIDUAL_KINDS = frozenset(
    {
        RuleKind.ACTIVE_MEMBER_IN_SUBTREE,
        RuleKind.MEMBERSHIP_MONTHS,
        RuleKind.EMPLOYMENT_MONTHS,
        RuleKind.REQUIRES_AWARD_SAME_YEAR,
        RuleKind.REQUIRES_AWARD_CONSECUTIVE_YEARS,
        RuleKind.REQUIRES_RECOGNISED_INITIATIVE,
        RuleKind.NO_DISCIPLINE,
        RuleKind.MAX_ABSENCE_DAYS,
        RuleKind.MIN_TASK_RATING,
    }
)
COLLECTIVE_KINDS = frozenset(
    {
        RuleKind.COLLECTIVE_SHARE,
        RuleKind.COLLECTIVE_NO_DISCIPLINE,
        RuleKind.COLLECTIVE_HAS_AWARD,
        RuleKind.REQUIRES_AWARD_SAME_YEAR,
        RuleKind.REQUIRES_AWARD_CONSECUTIVE_YEARS,
    }
)
ANY_SUBJECT_KINDS = frozenset({RuleKind.SHARE_CAP})

_pending_awards_providers = []
_pending_count_providers = []


def register_pending_awards_provider(fn):
    """Let another app report awards decided but not yet in ``AwardRecord``.

    ``fn(*, award_type, year, exclude_nomination)`` returns an iterable of
    ``(member_id, org_id)`` pairs (one of them ``None``): the holders of ``award_type`` in
    ``year`` by approved nominations. Registering the same function twice has no effect.
    """
    if fn not in _pending_awards_providers:
        _pending_awards_providers.append(fn)
    return fn


def register_pending_count_provider(fn):
    """Let another app report proposals in progress, counted against share caps.

    ``fn(*, award_type, year, proposing_org, exclude_nomination)`` returns how many nominees of
    ``award_type`` in ``year`` the unit ``proposing_org`` (or its subtree) proposes that are not
    yet in ``AwardRecord``.
    """
    if fn not in _pending_count_providers:
        _pending_count_providers.append(fn)
    return fn


@dataclass
class Eligibility:
    eligible: bool = True
    reasons: list[str] = field(default_factory=list)

    def fail(self, reason):
        self.eligible = False
        self.reasons.append(str(reason))

    def as_dict(self):
        return {"eligible": self.eligible, "reasons": list(self.reasons)}


@dataclass
class Context:
    award_type: AwardType
    year: int
    proposing_org: object
    member: object = None
    nominee_org: object = None
    exclude_nomination: object = None

    @property
    def year_end(self):
        return datetime.date(self.year, 12, 31)


def evaluate(
    *, award_type, year, proposing_org, member=None, nominee_org=None, exclude_nomination=None
):
    """Whether the nominee may receive ``award_type`` for ``year`` from ``proposing_org``.

    Returns an ``Eligibility`` with one translated reason per failed condition.
    """
    result = Eligibility()
    ctx = Context(award_type, int(year), proposing_org, member, nominee_org, exclude_nomination)
    if not award_type.active:
        result.fail(_("The award type %(award)s is no longer in use.") % {"award": award_type.name})
    if award_type.is_individual:
        if member is None:
            result.fail(_("This award is for individuals: choose a member."))
            return result
        _check_member_in_subtree(ctx, result)
    else:
        if nominee_org is None:
            result.fail(_("This award is for collectives: choose a unit."))
            return result
        if not nominee_org.active or not nominee_org.is_within(proposing_org):
            result.fail(
                _("%(unit)s is not an active unit of %(proposer)s.")
                % {"unit": nominee_org.name, "proposer": proposing_org.name}
            )
    kinds = INDIVIDUAL_KINDS if award_type.is_individual else COLLECTIVE_KINDS
    for rule in award_type.eligibility_rules.filter(active=True).order_by("order", "id"):
        if rule.kind not in kinds | ANY_SUBJECT_KINDS:
            continue
        if rule.kind == RuleKind.ACTIVE_MEMBER_IN_SUBTREE:
            continue  # always applied above
        check = CHECKS[rule.kind]
        failure = check(ctx, rule.params or {})
        if failure is not None:
            default, values = failure
            result.fail(_custom(rule.message, values) or default)
    return result


def _custom(message, values):
    if not message:
        return ""
    try:
        return message % values
    except (KeyError, ValueError, TypeError):
        return message


def _check_member_in_subtree(ctx, result):
    member = ctx.member
    if not member.active:
        result.fail(_("%(name)s is no longer an active member.") % {"name": member.full_name})
    if not member.org_path.startswith(ctx.proposing_org.path):
        result.fail(
            _("%(name)s is not a member of %(unit)s.")
            % {"name": member.full_name, "unit": ctx.proposing_org.name}
        )


def _months_between(start, end):
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _int_param(params, name, default=0):
    try:
        return int(params.get(name, default))
    except (TypeError, ValueError):
        return default


def _decimal_param(params, name, default=None):
    value = params.get(name, default)
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return default


def _award_type(code):
    return AwardType.objects.filter(code=code).first()


def _award_label(code):
    award = _award_type(code)
    return award.name if award else code


def _pending_holders(award_type, year, exclude_nomination):
    holders = set()
    for provider in _pending_awards_providers:
        holders.update(
            provider(award_type=award_type, year=year, exclude_nomination=exclude_nomination)
        )
    return holders


def member_holders(code, year, member_ids, exclude_nomination=None):
    """Ids among ``member_ids`` holding the award ``code`` in ``year`` (history or approved)."""
    award = _award_type(code)
    if award is None:
        return set()
    member_ids = set(member_ids)
    held = set(
        AwardRecord.objects.effective()
        .filter(award_type=award, year=year, member_id__in=member_ids)
        .values_list("member_id", flat=True)
    )
    for member_id, _org_id in _pending_holders(award, year, exclude_nomination):
        if member_id in member_ids:
            held.add(member_id)
    return held


def _holds(ctx, code, year):
    """Whether the nominee (member or collective) holds the award ``code`` in ``year``."""
    award = _award_type(code)
    if award is None:
        return False
    records = AwardRecord.objects.effective().filter(award_type=award, year=year)
    if ctx.member is not None:
        if records.filter(member=ctx.member).exists():
            return True
        key = (ctx.member.pk, None)
    else:
        if records.filter(org=ctx.nominee_org).exists():
            return True
        key = (None, ctx.nominee_org.pk)
    return key in _pending_holders(award, year, ctx.exclude_nomination)


def _membership_months(ctx, params):
    return _months_check(ctx, params, ctx.member.union_joined_on, membership=True)


def _employment_months(ctx, params):
    return _months_check(ctx, params, ctx.member.employed_since, membership=False)


def _months_check(ctx, params, since, *, membership):
    required = _int_param(params, "months")
    actual = _months_between(since, ctx.year_end) if since else 0
    if since is not None and actual >= required:
        return None
    values = {"months": required, "actual": actual}
    if since is None:
        text = (
            _("The date of joining the union is not recorded (needs %(months)d months).")
            if membership
            else _("The date of employment is not recorded (needs %(months)d months).")
        )
    elif membership:
        text = _("Union membership of %(actual)d months; at least %(months)d are required.")
    else:
        text = _(
            "Employed for %(actual)d months by the end of the year; at least %(months)d are "
            "required."
        )
    return text % values, values


def _requires_award_same_year(ctx, params):
    code = params.get("award_code", "")
    if _holds(ctx, code, ctx.year):
        return None
    values = {"award": _award_label(code), "year": ctx.year}
    return _("Requires the title %(award)s in %(year)d.") % values, values


def _requires_award_consecutive_years(ctx, params):
    code = params.get("award_code", "")
    years = max(_int_param(params, "years", 1), 1)
    last = ctx.year if params.get("include_current") else ctx.year - 1
    wanted = list(range(last - years + 1, last + 1))
    missing = [year for year in wanted if not _holds(ctx, code, year)]
    if not missing:
        return None
    values = {
        "award": _award_label(code),
        "years": years,
        "missing": ", ".join(str(y) for y in missing),
    }
    text = _("Requires %(award)s for %(years)d consecutive years; missing: %(missing)s.")
    return text % values, values


def _rating_at_least(ctx, rating):
    assessment = _assessment(ctx)
    if assessment is None or rating not in TASK_RATING_RANK:
        return False
    return TASK_RATING_RANK[assessment.task_rating] >= TASK_RATING_RANK[rating]


def _requires_recognised_initiative(ctx, params):
    back = max(_int_param(params, "years_back", 1), 0)
    first = ctx.year - back
    has_initiative = (
        Initiative.objects.recognised()
        .filter(
            authors=ctx.member,
            recognized_on__year__gte=first,
            recognized_on__year__lte=ctx.year,
        )
        .exists()
    )
    if has_initiative:
        return None
    alternative = params.get("or_task_rating")
    if alternative and _rating_at_least(ctx, alternative):
        return None
    values = {"year": ctx.year, "first_year": first}
    if alternative:
        values["rating"] = str(TaskRating(alternative).label)
        text = _(
            "Requires an initiative recognised in %(first_year)d to %(year)d, or the rating "
            "“%(rating)s” in %(year)d."
        )
    else:
        text = _("Requires an initiative recognised in %(first_year)d to %(year)d.")
    return text % values, values


def _discipline_level(params):
    level = params.get("min_level", DisciplineLevel.REPRIMAND)
    return level if level in DISCIPLINE_SEVERITY else DisciplineLevel.REPRIMAND


def _no_discipline(ctx, params):
    level = _discipline_level(params)
    record = (
        DisciplineRecord.objects.filter(
            member=ctx.member, decided_on__year=ctx.year, level__in=levels_at_or_above(level)
        )
        .order_by("-decided_on")
        .first()
    )
    if record is None:
        return None
    values = {
        "level": str(DisciplineLevel(level).label).lower(),
        "year": ctx.year,
        "measure": record.get_level_display(),
        "date": record.decided_on.strftime("%d/%m/%Y"),
    }
    text = _(
        "Disciplined in %(year)d (%(measure)s on %(date)s): a measure of %(level)s or above "
        "excludes the award."
    )
    return text % values, values


def _assessment(ctx):
    if not hasattr(ctx, "_assessment"):
        ctx._assessment = MemberYearAssessment.objects.filter(
            member=ctx.member, year=ctx.year
        ).first()
    return ctx._assessment


def _no_assessment(ctx):
    values = {"year": ctx.year}
    return _("No yearly assessment recorded for %(year)d.") % values, values


def _max_absence_days(ctx, params):
    assessment = _assessment(ctx)
    if assessment is None:
        return _no_assessment(ctx)
    limit = _int_param(params, "max_days")
    days = assessment.counted_absence_days
    if days <= limit:
        return None
    values = {"max_days": limit, "days": days, "year": ctx.year}
    text = _(
        "%(days)d days of absence in %(year)d (maternity leave excepted); at most %(max_days)d "
        "are allowed."
    )
    return text % values, values


def _min_task_rating(ctx, params):
    assessment = _assessment(ctx)
    if assessment is None:
        return _no_assessment(ctx)
    rating = params.get("rating", TaskRating.GOOD)
    if rating not in TASK_RATING_RANK or _rating_at_least(ctx, rating):
        return None
    values = {
        "rating": str(TaskRating(rating).label),
        "actual": assessment.get_task_rating_display(),
        "year": ctx.year,
    }
    text = _("Rated “%(actual)s” in %(year)d; at least “%(rating)s” is required.")
    return text % values, values


def _share_cap(ctx, params):
    award = ctx.award_type
    cap = _decimal_param(params, "cap", award.share_cap)
    base_kind = params.get("base") or award.share_cap_base or "members"
    if cap is None:
        return None
    org = ctx.proposing_org
    if base_kind.startswith(SHARE_BASE_AWARD_PREFIX):
        code = base_kind.removeprefix(SHARE_BASE_AWARD_PREFIX)
        base_award = _award_type(code)
        base = _holders_in_subtree(base_award, ctx.year, org, ctx.exclude_nomination)
        base_label = _("holders of %(award)s") % {"award": _award_label(code)}
    else:
        from thidua.organizations.models import Member

        base = Member.objects.filter(active=True, org_path__startswith=org.path).count()
        base_label = _("active members")
    allowed = math.floor(cap * base)
    count = _holders_in_subtree(award, ctx.year, org, ctx.exclude_nomination)
    for provider in _pending_count_providers:
        count += int(
            provider(
                award_type=award,
                year=ctx.year,
                proposing_org=org,
                exclude_nomination=ctx.exclude_nomination,
            )
        )
    if count + 1 <= allowed:
        return None
    values = {
        "cap": f"{cap * 100:.0f}%",
        "base": f"{base} {base_label}",
        "allowed": allowed,
        "count": count,
        "unit": org.name,
    }
    text = _(
        "%(unit)s may propose at most %(allowed)d (%(cap)s of %(base)s); %(count)d already "
        "proposed or awarded."
    )
    return text % values, values


def _holders_in_subtree(award, year, org, exclude_nomination):
    """Holders of ``award`` in ``year`` (records held in ``org``'s subtree, and the approved
    nominations reported by the providers for members or units of that subtree)."""
    if award is None:
        return 0
    records = AwardRecord.objects.effective().filter(
        award_type=award, year=year, holder_org__path__startswith=org.path
    )
    member_ids = set(records.exclude(member=None).values_list("member_id", flat=True))
    org_ids = set(records.exclude(org=None).values_list("org_id", flat=True))
    pending = _pending_holders(award, year, exclude_nomination)
    if pending:
        from thidua.organizations.models import Member, OrgUnit

        pending_members = {m for m, _o in pending if m is not None} - member_ids
        pending_orgs = {o for _m, o in pending if o is not None} - org_ids
        member_ids |= set(
            Member.objects.filter(
                pk__in=pending_members, org_path__startswith=org.path
            ).values_list("pk", flat=True)
        )
        org_ids |= set(
            OrgUnit.objects.filter(pk__in=pending_orgs, path__startswith=org.path).values_list(
                "pk", flat=True
            )
        )
    return len(member_ids) + len(org_ids)


def _collective_members(ctx):
    from thidua.organizations.models import Member

    return Member.objects.filter(active=True, org_path__startswith=ctx.nominee_org.path)


def _collective_share(ctx, params):
    member_ids = list(_collective_members(ctx).values_list("pk", flat=True))
    total = len(member_ids)
    minimum = _decimal_param(params, "min_share", Decimal("0")) or Decimal("0")
    strictly = bool(params.get("strictly_more"))
    code = params.get("award_code")
    rating = params.get("task_rating")
    if code:
        count = len(member_holders(code, ctx.year, member_ids, ctx.exclude_nomination))
        what = _award_label(code)
    elif rating in TASK_RATING_RANK:
        good = [r for r, rank in TASK_RATING_RANK.items() if rank >= TASK_RATING_RANK[rating]]
        count = MemberYearAssessment.objects.filter(
            member_id__in=member_ids, year=ctx.year, task_rating__in=good
        ).count()
        what = str(TaskRating(rating).label)
    else:
        return None
    share = Decimal(count) / total if total else Decimal("0")
    if total and (share > minimum if strictly else share >= minimum):
        return None
    values = {
        "what": what,
        "share": f"{minimum * 100:.0f}%",
        "actual": f"{share * 100:.0f}%",
        "count": count,
        "members": total,
        "year": ctx.year,
    }
    if strictly:
        text = _(
            "%(count)d of %(members)d members (%(actual)s) have “%(what)s” in %(year)d; more "
            "than %(share)s is required."
        )
    else:
        text = _(
            "%(count)d of %(members)d members (%(actual)s) have “%(what)s” in %(year)d; at "
            "least %(share)s is required."
        )
    return text % values, values


def _collective_no_discipline(ctx, params):
    level = _discipline_level(params)
    count = (
        DisciplineRecord.objects.filter(
            member__in=_collective_members(ctx),
            decided_on__year=ctx.year,
            level__in=levels_at_or_above(level),
        )
        .values("member_id")
        .distinct()
        .count()
    )
    if not count:
        return None
    values = {"count": count, "year": ctx.year, "level": str(DisciplineLevel(level).label).lower()}
    text = _("%(count)d members were disciplined (%(level)s or above) in %(year)d.")
    return text % values, values


def _collective_has_award(ctx, params):
    code = params.get("award_code", "")
    minimum = max(_int_param(params, "min_count", 1), 1)
    member_ids = list(_collective_members(ctx).values_list("pk", flat=True))
    count = len(member_holders(code, ctx.year, member_ids, ctx.exclude_nomination))
    if count >= minimum:
        return None
    values = {"award": _award_label(code), "count": count, "min_count": minimum, "year": ctx.year}
    text = _("%(count)d members hold %(award)s in %(year)d; at least %(min_count)d required.")
    return text % values, values


CHECKS = {
    RuleKind.MEMBERSHIP_MONTHS: _membership_months,
    RuleKind.EMPLOYMENT_MONTHS: _employment_months,
    RuleKind.REQUIRES_AWARD_SAME_YEAR: _requires_award_same_year,
    RuleKind.REQUIRES_AWARD_CONSECUTIVE_YEARS: _requires_award_consecutive_years,
    RuleKind.REQUIRES_RECOGNISED_INITIATIVE: _requires_recognised_initiative,
    RuleKind.NO_DISCIPLINE: _no_discipline,
    RuleKind.MAX_ABSENCE_DAYS: _max_absence_days,
    RuleKind.MIN_TASK_RATING: _min_task_rating,
    RuleKind.SHARE_CAP: _share_cap,
    RuleKind.COLLECTIVE_SHARE: _collective_share,
    RuleKind.COLLECTIVE_NO_DISCIPLINE: _collective_no_discipline,
    RuleKind.COLLECTIVE_HAS_AWARD: _collective_has_award,
}

# What ``params`` each kind accepts: name → (type, required). Used to validate edits.
PARAMS = {
    RuleKind.ACTIVE_MEMBER_IN_SUBTREE: {},
    RuleKind.MEMBERSHIP_MONTHS: {"months": ("int", True)},
    RuleKind.EMPLOYMENT_MONTHS: {"months": ("int", True)},
    RuleKind.REQUIRES_AWARD_SAME_YEAR: {"award_code": ("award", True)},
    RuleKind.REQUIRES_AWARD_CONSECUTIVE_YEARS: {
        "award_code": ("award", True),
        "years": ("int", True),
        "include_current": ("bool", False),
    },
    RuleKind.REQUIRES_RECOGNISED_INITIATIVE: {
        "years_back": ("int", False),
        "or_task_rating": ("rating", False),
    },
    RuleKind.NO_DISCIPLINE: {"min_level": ("discipline", False)},
    RuleKind.MAX_ABSENCE_DAYS: {"max_days": ("int", True)},
    RuleKind.MIN_TASK_RATING: {"rating": ("rating", True)},
    RuleKind.SHARE_CAP: {"cap": ("fraction", False), "base": ("share_base", False)},
    RuleKind.COLLECTIVE_SHARE: {
        "award_code": ("award", False),
        "task_rating": ("rating", False),
        "min_share": ("fraction", True),
        "strictly_more": ("bool", False),
    },
    RuleKind.COLLECTIVE_NO_DISCIPLINE: {"min_level": ("discipline", False)},
    RuleKind.COLLECTIVE_HAS_AWARD: {"award_code": ("award", True), "min_count": ("int", False)},
}


def applicable_kinds(award_type):
    base = INDIVIDUAL_KINDS if award_type.is_individual else COLLECTIVE_KINDS
    return base | ANY_SUBJECT_KINDS


__all__ = [
    "Eligibility",
    "evaluate",
    "member_holders",
    "register_pending_awards_provider",
    "register_pending_count_provider",
]
