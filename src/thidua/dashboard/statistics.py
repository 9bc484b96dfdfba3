"""Statistics of effective awards and of nominations for a year and a unit's subtree.

Everything is aggregated by the database over the subtree's path prefix; Python only labels the
few grouped rows. Revoked awards never count (``AwardRecord.objects.effective()``). For a unit
above the grassroots (``UPPER_KINDS``) the award figures are read from the rollups kept by
``dashboard.rollups`` (the same keys and amounts, pre-aggregated); nominations are counted live.

Breakdowns (``BREAKDOWNS``) of the awards held in the subtree in a year:

- ``unit``: the direct sub-units of the chosen unit, each with its own subtree (awards held at the
  chosen unit itself form a row of their own);
- ``employer_type``: the employer type of the grassroots union the holder belongs to;
- ``award_type`` and ``level`` (the award type's issuing level; history rows without a catalogue
  type are ``other``);
- ``gender``, ``worker`` (manager / direct worker / other staff) and ``age_band`` (age at the end of
  the year: under 30, 30-39, 40-49, 50 and over, unknown without a birth date) count individual
  awards only: a collective has no gender nor age.

Amounts: the amount recorded on the award (decisions record it). History rows without a recorded
amount are valued at their award type's reward on the decision date (``AwardType.amount_on``: the
coefficient times the base salary then in force, rounded); grouped by award type and base salary,
so the reward is computed once per group, not per row. Rows with neither count 0.
"""

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, Substr
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardRecord, AwardType, BaseSalary, IssuingLevel, round_amount
from thidua.dashboard.models import AwardRollup
from thidua.nominations.models import Nomination, NominationStatus
from thidua.organizations.models import EmployerType, Gender, OrgKind, OrgUnit

S = NominationStatus
OTHER = "other"
UNKNOWN = "unknown"

BREAKDOWNS = {
    "unit": _("By unit"),
    "employer_type": _("By employer type"),
    "award_type": _("By award"),
    "level": _("By award level"),
    "gender": _("By gender"),
    "worker": _("Direct workers and managers"),
    "age_band": _("By age band"),
}
# Breakdowns that only count awards to individuals.
INDIVIDUAL_ONLY = {"gender", "worker", "age_band"}
# Units with grassroots unions below them: their award statistics are read from the rollups
# (``dashboard.rollups``); the grassroots unions and their groups are counted live.
UPPER_KINDS = (OrgKind.CONFEDERATION, OrgKind.FEDERATION, OrgKind.SECTOR_UNION)
# The rollup dimension whose rows cover every award once (for the totals per year).
TOTAL_DIMENSION = "level"

WORKER_LABELS = {
    "manager": _("Managers"),
    "direct_worker": _("Direct workers"),
    OTHER: _("Other staff"),
}
AGE_BANDS = {
    "under_30": _("Under 30"),
    "30_39": _("30 to 39"),
    "40_49": _("40 to 49"),
    "50_plus": _("50 and over"),
    UNKNOWN: _("Birth date unknown"),
}
# Nominations by how far they went: each count includes the later stages.
PROPOSED_STATUSES = tuple(s for s in S.values if s not in (S.DRAFT, S.WITHDRAWN))
APPROVED_STATUSES = (S.APPROVED, S.AWARDED, S.FORWARDED, S.UPPER_APPROVED, S.UPPER_REJECTED)
FORWARDED_STATUSES = (S.FORWARDED, S.UPPER_APPROVED, S.UPPER_REJECTED)
UPPER_APPROVED_STATUSES = (S.UPPER_APPROVED,)
NOMINATION_STAGES = {
    "proposed": _("Proposed"),
    "approved": _("Approved by the council"),
    "forwarded": _("Forwarded to the upper level"),
    "upper_approved": _("Approved by the upper level"),
}


def uses_rollups(org):
    """Whether ``org``'s award statistics are read from ``AwardRollup`` (units above the
    grassroots) rather than counted live."""
    return org.kind in UPPER_KINDS


def awards_in(year, org):
    """Effective awards held in ``org``'s subtree in ``year`` (``year`` None: every year)."""
    queryset = AwardRecord.objects.effective().filter(holder_org__path__startswith=org.path)
    return queryset if year is None else queryset.filter(year=year)


def child_path(org):
    """The path of the direct sub-unit a holder belongs to (the unit's own path at its level)."""
    return Substr("holder_org__path", 1, len(org.path) + OrgUnit.steplen)


def grassroots_employer_type():
    """The employer type of the grassroots union containing the holder's unit.

    Only grassroots unions carry one, so it is the first set on the holder, its parent or its
    grandparent: joins on primary keys, cheap over millions of awards. Holders deeper below their
    union fall back to the ancestor subquery (a scan of the units per row, which COALESCE runs
    only for them).
    """
    nearest = [
        NullIf(F(f"holder_org{'__parent' * up}__employer_type"), Value("")) for up in range(3)
    ]
    ancestor = Subquery(
        OrgUnit.objects.filter(kind=OrgKind.GRASSROOTS_UNION)
        .filter(StartsWith(OuterRef("holder_org__path"), F("path")))
        .order_by("-depth")
        .values("employer_type")[:1],
        output_field=CharField(),
    )
    return Coalesce(*nearest, ancestor, output_field=CharField())


def worker_key(prefix="member__"):
    return Case(
        When(**{f"{prefix}is_manager": True}, then=Value("manager")),
        When(**{f"{prefix}is_direct_worker": True}, then=Value("direct_worker")),
        default=Value(OTHER),
        output_field=CharField(),
    )


def age_band_key(year):
    """Age at the end of ``year`` (``year`` minus the birth year) in bands."""
    return Case(
        When(member__birth_date__isnull=True, then=Value(UNKNOWN)),
        When(member__birth_date__year__gt=year - 30, then=Value("under_30")),
        When(member__birth_date__year__gt=year - 40, then=Value("30_39")),
        When(member__birth_date__year__gt=year - 50, then=Value("40_49")),
        default=Value("50_plus"),
        output_field=CharField(),
    )


def key_expression(by, year, org):
    if by == "unit":
        return child_path(org)
    if by == "employer_type":
        return Coalesce(grassroots_employer_type(), Value(""))
    if by == "award_type":
        return Coalesce("award_type__code", "award_name")
    if by == "level":
        return Coalesce("award_type__issuing_level", Value(OTHER))
    if by == "gender":
        return F("member__gender")
    if by == "worker":
        return worker_key()
    if by == "age_band":
        return age_band_key(year)
    raise ValueError(by)


def _base_salary_on_decision():
    return Subquery(
        BaseSalary.objects.filter(effective_from__lte=OuterRef("decided_on"))
        .order_by("-effective_from")
        .values("amount")[:1],
        output_field=IntegerField(),
    )


def grouped_by(queryset, keys, amounts=True):
    """``{(value, ...): {"count", "amount"}}`` of ``queryset`` grouped by ``keys`` (``{name:
    expression}``, in order). The amounts are valued as the module docstring says (``amounts``
    False: only the recorded amounts, for callers that need the counts)."""
    names = list(keys)
    queryset = queryset.annotate(**keys)

    def group(row):
        return tuple(row[name] for name in names)

    result = {
        group(row): {"count": row["count"], "amount": row["amount"] or 0}
        for row in queryset.values(*names)
        .order_by()
        .annotate(count=Count("pk"), amount=Sum("amount"))
    }
    if not amounts:
        return result
    # Award types worth nothing (coefficient 0) add nothing: they are left out of the per-row
    # base-salary lookup, which took seconds over the million such rows of a national history.
    missing = (
        queryset.filter(
            amount__isnull=True,
            award_type__amount_coefficient__gt=0,
            decided_on__isnull=False,
        )
        .annotate(base=_base_salary_on_decision())
        .filter(base__isnull=False)
        .values(*names, "award_type__amount_coefficient", "base")
        .order_by()
        .annotate(count=Count("pk"))
    )
    for row in missing:
        each = round_amount(row["award_type__amount_coefficient"] * row["base"])
        result.setdefault(group(row), {"count": 0, "amount": 0})["amount"] += each * row["count"]
    return result


def _grouped(queryset, key):
    """``{key: {"count", "amount"}}`` of ``queryset`` grouped by the expression ``key``."""
    return {group[0]: values for group, values in grouped_by(queryset, {"key": key}).items()}


def _labels(by, keys, org):
    if by == "unit":
        units = OrgUnit.objects.filter(path__in=[k for k in keys if k]).values_list("path", "name")
        names = dict(units)
        names[org.path] = _("%(unit)s (the unit itself)") % {"unit": org.name}
        return names
    if by == "employer_type":
        return {**dict(EmployerType.choices), "": _("No employer type")}
    if by == "award_type":
        return dict(AwardType.objects.filter(code__in=keys).values_list("code", "name"))
    if by == "level":
        return {**dict(IssuingLevel.choices), OTHER: _("Other (outside the catalogue)")}
    if by == "gender":
        return dict(Gender.choices)
    if by == "worker":
        return WORKER_LABELS
    return AGE_BANDS


def _order(by):
    """The order of the rows: the choice order for fixed vocabularies, else the count."""
    fixed = {
        "employer_type": [*EmployerType.values, ""],
        "level": [*IssuingLevel.values, OTHER],
        "gender": Gender.values,
        "worker": list(WORKER_LABELS),
        "age_band": list(AGE_BANDS),
    }
    return fixed.get(by)


def award_breakdown(year, org, by):
    """``[{"key", "label", "count", "amount"}]`` of the effective awards of ``year`` in
    ``org``'s subtree, grouped by ``by`` (a key of ``BREAKDOWNS``)."""
    if by not in BREAKDOWNS:
        raise ValueError(by)
    if uses_rollups(org):
        grouped = {
            key: {"count": count, "amount": amount}
            for key, count, amount in AwardRollup.objects.filter(
                org=org, year=year, dimension=by, count__gt=0
            ).values_list("key", "count", "amount")
        }
    else:
        queryset = awards_in(year, org)
        if by in INDIVIDUAL_ONLY:
            queryset = queryset.filter(member__isnull=False)
        grouped = _grouped(queryset, key_expression(by, year, org))
    labels = _labels(by, list(grouped), org)
    rows = [
        {
            "key": key if key is not None else "",
            "label": str(labels.get(key, key or "—")),
            "count": values["count"],
            "amount": int(values["amount"]),
        }
        for key, values in grouped.items()
    ]
    order = _order(by)
    if order is not None:
        rows.sort(key=lambda r: order.index(r["key"]) if r["key"] in order else len(order))
    elif by == "unit":
        rows.sort(key=lambda r: (r["key"] != org.path, r["key"]))
    else:
        rows.sort(key=lambda r: (-r["count"], r["label"]))
    return rows


def awards_by_year(org, first_year, last_year):
    """``[{"key": year, "label", "count", "amount"}]`` for each year from ``first_year`` to
    ``last_year`` (years without awards included, as zeros)."""
    if uses_rollups(org):
        rows = (
            AwardRollup.objects.filter(
                org=org, dimension=TOTAL_DIMENSION, year__gte=first_year, year__lte=last_year
            )
            .values("year")
            .order_by()
            .annotate(count=Sum("count"), amount=Sum("amount"))
        )
        grouped = {row["year"]: row for row in rows}
    else:
        queryset = awards_in(None, org).filter(year__gte=first_year, year__lte=last_year)
        grouped = _grouped(queryset, F("year"))
    return [
        {
            "key": year,
            "label": str(year),
            "count": grouped.get(year, {}).get("count", 0),
            "amount": int(grouped.get(year, {}).get("amount", 0)),
        }
        for year in range(first_year, last_year + 1)
    ]


def nomination_counts(year, org):
    """How far the nominations of ``year`` proposed in ``org``'s subtree went: ``proposed``
    (reached submission: not draft nor withdrawn), ``approved`` (by the council, including those
    later awarded or forwarded), ``forwarded`` (to the upper level) and ``upper_approved``."""
    return Nomination.objects.filter(year=year, org_path__startswith=org.path).aggregate(
        proposed=Count("pk", filter=Q(status__in=PROPOSED_STATUSES)),
        approved=Count("pk", filter=Q(status__in=APPROVED_STATUSES)),
        forwarded=Count("pk", filter=Q(status__in=FORWARDED_STATUSES)),
        upper_approved=Count("pk", filter=Q(status__in=UPPER_APPROVED_STATUSES)),
    )


def nominations_by_year(org, first_year, last_year):
    """``[{"year", "proposed", "approved", "forwarded", "upper_approved"}]`` per year."""
    rows = (
        Nomination.objects.filter(
            org_path__startswith=org.path, year__gte=first_year, year__lte=last_year
        )
        .values("year")
        .order_by()
        .annotate(
            proposed=Count("pk", filter=Q(status__in=PROPOSED_STATUSES)),
            approved=Count("pk", filter=Q(status__in=APPROVED_STATUSES)),
            forwarded=Count("pk", filter=Q(status__in=FORWARDED_STATUSES)),
            upper_approved=Count("pk", filter=Q(status__in=UPPER_APPROVED_STATUSES)),
        )
    )
    found = {row["year"]: row for row in rows}
    empty = dict.fromkeys(NOMINATION_STAGES, 0)
    return [
        {"year": year, **{k: found.get(year, empty)[k] for k in NOMINATION_STAGES}}
        for year in range(first_year, last_year + 1)
    ]
