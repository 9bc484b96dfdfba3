"""Fairness of the awards: who receives them against who the members are.

For a year and a unit, per direct sub-unit (each with its subtree):

- the share of individual awards going to managers and to direct workers, against their share of
  the unit's active members;
- the share of awards going to women against their share of the members;
- nominations per 100 members against the median of the sub-units (units proposing far above or
  below their size);

and for the whole unit, concentration: members awarded in each of the last N years.

``fairness_warnings(year, org)`` turns the figures into warnings with the numbers behind them, by
thresholds read from settings (defaults in ``DEFAULTS``). Everything is aggregated by the
database; Python handles only one row per sub-unit. For a unit above the grassroots the award
figures (per sub-unit and the concentration) come from the rollups (``dashboard.rollups``).
"""

import statistics

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from thidua.dashboard.models import AwardRollup
from thidua.dashboard.statistics import PROPOSED_STATUSES, awards_in, child_path, uses_rollups
from thidua.nominations.models import Nomination
from thidua.organizations.models import Gender, Member, OrgUnit

DEFAULTS = {
    # Managers' share of awards may exceed their share of members by this much.
    "FAIRNESS_MANAGER_GAP": 0.2,
    # Direct workers' share of awards may fall below their share of members by this much.
    "FAIRNESS_DIRECT_WORKER_GAP": 0.2,
    # Women's share of awards may differ from their share of members by this much.
    "FAIRNESS_GENDER_GAP": 0.2,
    # Shares are judged only for units with at least this many individual awards in the year.
    "FAIRNESS_MIN_AWARDS": 5,
    # Concentration: members awarded in each of this many consecutive years ...
    "FAIRNESS_CONCENTRATION_YEARS": 3,
    # ... warn when they are more than this share of the members awarded this year.
    "FAIRNESS_CONCENTRATION_SHARE": 0.5,
    # Nominations per 100 members above this multiple of the median, or below this fraction.
    "FAIRNESS_PROPOSAL_HIGH": 2.0,
    "FAIRNESS_PROPOSAL_LOW": 0.5,
    # Units with fewer active members are not compared by proposal rate.
    "FAIRNESS_MIN_MEMBERS": 10,
}


def threshold(name):
    return getattr(settings, name, DEFAULTS[name])


def _share(part, whole):
    return round(part / whole, 4) if whole else 0.0


def _member_path(org):
    return Substr("org_path", 1, len(org.path) + OrgUnit.steplen)


def _rolled_up_awards(year, org):
    """The individual awards per direct sub-unit as ``unit_figures`` counts them, from the
    rollups of an upper unit (``dashboard.rollups``: worker kind and gender per sub-unit)."""
    counts = {"manager": "awards_managers", "direct_worker": "awards_direct_workers"}
    units = {}
    rows = AwardRollup.objects.filter(
        org=org, year=year, dimension__in=("unit_worker", "unit_gender"), count__gt=0
    ).values_list("dimension", "key", "count")
    for dimension, key, count in rows:
        unit, _sep, value = key.rpartition("|")
        row = units.setdefault(
            unit,
            {
                "unit": unit,
                "awards": 0,
                "awards_managers": 0,
                "awards_direct_workers": 0,
                "awards_women": 0,
            },
        )
        if dimension == "unit_worker":
            row["awards"] += count
            if value in counts:
                row[counts[value]] += count
        elif value == Gender.FEMALE:
            row["awards_women"] += count
    return list(units.values())


def unit_figures(year, org):
    """One dict per direct sub-unit (and the unit itself when it has members or awards):
    ``org_id, name, members, managers, direct_workers, women, awards, awards_managers,
    awards_direct_workers, awards_women, nominations, nominations_per_100`` and the shares."""
    members = (
        Member.objects.filter(org_path__startswith=org.path, active=True)
        .annotate(unit=_member_path(org))
        .values("unit")
        .order_by()
        .annotate(
            members=Count("pk"),
            managers=Count("pk", filter=Q(is_manager=True)),
            direct_workers=Count("pk", filter=Q(is_direct_worker=True, is_manager=False)),
            women=Count("pk", filter=Q(gender=Gender.FEMALE)),
        )
    )
    awards = (
        _rolled_up_awards(year, org)
        if uses_rollups(org)
        else (
            awards_in(year, org)
            .filter(member__isnull=False)
            .annotate(unit=child_path(org))
            .values("unit")
            .order_by()
            .annotate(
                awards=Count("pk"),
                awards_managers=Count("pk", filter=Q(member__is_manager=True)),
                awards_direct_workers=Count(
                    "pk", filter=Q(member__is_direct_worker=True, member__is_manager=False)
                ),
                awards_women=Count("pk", filter=Q(member__gender=Gender.FEMALE)),
            )
        )
    )
    nominations = (
        Nomination.objects.filter(
            year=year, org_path__startswith=org.path, status__in=PROPOSED_STATUSES
        )
        .annotate(unit=Substr("org_path", 1, len(org.path) + OrgUnit.steplen))
        .values("unit")
        .order_by()
        .annotate(nominations=Count("pk"))
    )
    rows = {}
    for source in (members, awards, nominations):
        for row in source:
            rows.setdefault(row.pop("unit"), {}).update(row)
    units = OrgUnit.objects.filter(Q(parent=org) | Q(pk=org.pk)).values_list("path", "pk", "name")
    result = []
    for path, pk, name in units:
        if path == org.path and path not in rows:
            continue
        figures = {
            "members": 0,
            "managers": 0,
            "direct_workers": 0,
            "women": 0,
            "awards": 0,
            "awards_managers": 0,
            "awards_direct_workers": 0,
            "awards_women": 0,
            "nominations": 0,
            **rows.get(path, {}),
        }
        members_count, awarded = figures["members"], figures["awards"]
        figures.update(
            org_id=pk,
            name=name,
            manager_member_share=_share(figures["managers"], members_count),
            manager_award_share=_share(figures["awards_managers"], awarded),
            direct_worker_member_share=_share(figures["direct_workers"], members_count),
            direct_worker_award_share=_share(figures["awards_direct_workers"], awarded),
            women_member_share=_share(figures["women"], members_count),
            women_award_share=_share(figures["awards_women"], awarded),
            nominations_per_100=round(figures["nominations"] * 100 / members_count, 2)
            if members_count
            else 0.0,
        )
        result.append(figures)
    return result


def concentration(year, org):
    """Members awarded in each of the ``FAIRNESS_CONCENTRATION_YEARS`` years up to ``year``,
    against the members awarded in ``year``: ``{"years", "repeated", "awarded", "share"}``."""
    years = max(1, int(threshold("FAIRNESS_CONCENTRATION_YEARS")))
    if uses_rollups(org):
        rows = AwardRollup.objects.filter(org=org, year=year).filter(
            Q(dimension="awarded_members", key="") | Q(dimension="repeated_members", key=str(years))
        )
        found = dict(rows.values_list("dimension", "count"))
        repeated, awarded = found.get("repeated_members", 0), found.get("awarded_members", 0)
        return {
            "years": years,
            "repeated": repeated,
            "awarded": awarded,
            "share": _share(repeated, awarded),
        }
    individual = awards_in(None, org).filter(member__isnull=False)
    repeated = (
        individual.filter(year__gt=year - years, year__lte=year)
        .values("member")
        .order_by()
        .annotate(years=Count("year", distinct=True))
        .filter(years=years)
        .count()
    )
    awarded = individual.filter(year=year).values("member").distinct().count()
    return {
        "years": years,
        "repeated": repeated,
        "awarded": awarded,
        "share": _share(repeated, awarded),
    }


def _median_rate(units):
    rates = [
        u["nominations_per_100"] for u in units if u["members"] >= threshold("FAIRNESS_MIN_MEMBERS")
    ]
    return round(statistics.median(rates), 2) if rates else 0.0


def _warning(code, unit, message, **figures):
    return {
        "code": code,
        "org_id": unit["org_id"] if unit else None,
        "org_name": unit["name"] if unit else "",
        "message": message,
        "figures": figures,
    }


def _percent(value):
    return f"{value * 100:.0f}%"


def _share_warnings(unit):
    warnings = []
    if unit["awards"] < threshold("FAIRNESS_MIN_AWARDS"):
        return warnings
    gap = unit["manager_award_share"] - unit["manager_member_share"]
    if gap > threshold("FAIRNESS_MANAGER_GAP"):
        warnings.append(
            _warning(
                "managers_over_represented",
                unit,
                _(
                    "%(unit)s: managers received %(awards)s of the awards but are %(members)s "
                    "of the members."
                )
                % {
                    "unit": unit["name"],
                    "awards": _percent(unit["manager_award_share"]),
                    "members": _percent(unit["manager_member_share"]),
                },
                award_share=unit["manager_award_share"],
                member_share=unit["manager_member_share"],
                awards=unit["awards"],
            )
        )
    gap = unit["direct_worker_member_share"] - unit["direct_worker_award_share"]
    if gap > threshold("FAIRNESS_DIRECT_WORKER_GAP"):
        warnings.append(
            _warning(
                "direct_workers_under_represented",
                unit,
                _(
                    "%(unit)s: direct workers received %(awards)s of the awards but are "
                    "%(members)s of the members."
                )
                % {
                    "unit": unit["name"],
                    "awards": _percent(unit["direct_worker_award_share"]),
                    "members": _percent(unit["direct_worker_member_share"]),
                },
                award_share=unit["direct_worker_award_share"],
                member_share=unit["direct_worker_member_share"],
                awards=unit["awards"],
            )
        )
    gap = abs(unit["women_award_share"] - unit["women_member_share"])
    if gap > threshold("FAIRNESS_GENDER_GAP"):
        warnings.append(
            _warning(
                "gender_imbalance",
                unit,
                _(
                    "%(unit)s: women received %(awards)s of the awards but are %(members)s of "
                    "the members."
                )
                % {
                    "unit": unit["name"],
                    "awards": _percent(unit["women_award_share"]),
                    "members": _percent(unit["women_member_share"]),
                },
                award_share=unit["women_award_share"],
                member_share=unit["women_member_share"],
                awards=unit["awards"],
            )
        )
    return warnings


def _proposal_warnings(unit, median):
    if not median or unit["members"] < threshold("FAIRNESS_MIN_MEMBERS"):
        return []
    rate = unit["nominations_per_100"]
    values = {"unit": unit["name"], "rate": f"{rate:g}", "median": f"{median:g}"}
    if rate > median * threshold("FAIRNESS_PROPOSAL_HIGH"):
        message = _(
            "%(unit)s proposes %(rate)s nominations per 100 members, far above the median of "
            "%(median)s."
        )
        code = "proposes_far_above_size"
    elif rate < median * threshold("FAIRNESS_PROPOSAL_LOW"):
        message = _(
            "%(unit)s proposes %(rate)s nominations per 100 members, far below the median of "
            "%(median)s."
        )
        code = "proposes_far_below_size"
    else:
        return []
    return [
        _warning(
            code,
            unit,
            message % values,
            rate=rate,
            median=median,
            nominations=unit["nominations"],
            members=unit["members"],
        )
    ]


def fairness(year, org):
    """The figures and the warnings: ``{"units", "median_nominations_per_100",
    "concentration", "warnings"}``."""
    units = unit_figures(year, org)
    median = _median_rate([u for u in units if u["org_id"] != org.pk])
    warnings = []
    for unit in units:
        warnings.extend(_share_warnings(unit))
        if unit["org_id"] != org.pk:
            warnings.extend(_proposal_warnings(unit, median))
    repeat = concentration(year, org)
    if repeat["awarded"] and repeat["share"] > threshold("FAIRNESS_CONCENTRATION_SHARE"):
        warnings.append(
            _warning(
                "same_people_every_year",
                {"org_id": org.pk, "name": org.name},
                _(
                    "%(unit)s: %(repeated)d of the %(awarded)d members awarded in %(year)d were "
                    "also awarded in each of the %(years)d years before."
                )
                % {
                    "unit": org.name,
                    "repeated": repeat["repeated"],
                    "awarded": repeat["awarded"],
                    "year": year,
                    "years": repeat["years"] - 1,
                },
                **repeat,
            )
        )
    return {
        "units": units,
        "median_nominations_per_100": median,
        "concentration": repeat,
        "warnings": warnings,
    }


def fairness_warnings(year, org):
    """The warnings only (for the sector dashboard and the appraisal board)."""
    return fairness(year, org)["warnings"]
