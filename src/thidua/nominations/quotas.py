"""Quotas (chỉ tiêu): allocation, sub-allocation, and how many places are used and left.

``used`` counts the nominations of the quota's year and award type proposed by the holder or a
unit below it, in a status that takes a place (``models.QUOTA_STATUSES``). Places passed on to a
sub-unit are reserved for it: ``remaining`` is ``count`` minus what the holder's other units used
minus, for each sub-allocation, the larger of its count and its use. A submission locks the
holder's quota row (``select_for_update``) and counts inside the same transaction, so concurrent
submissions never take more places than there are.
"""

import decimal
import math
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.nominations.models import QUOTA_STATUSES, Nomination, Quota
from thidua.organizations.models import OrgKind

QUOTA_FIELDS = (
    "year",
    "award_type",
    "org",
    "granted_by_org",
    "parent",
    "count",
    "min_direct_worker_share",
    "note",
    "version",
)
MAX_COUNT = 100_000


@dataclass(frozen=True)
class Usage:
    """The use of one quota: places used (``direct`` of them by direct workers), reserved for
    sub-units, left, and the best direct-worker share still reachable."""

    count: int
    used: int
    direct: int
    allocated: int
    reserved: int
    remaining: int
    min_share: decimal.Decimal

    @property
    def reachable_share(self):
        """The share of direct workers if every remaining place went to one."""
        if not self.count:
            return 0.0
        return min(1.0, (self.direct + self.remaining) / self.count)

    @property
    def share(self):
        return self.direct / self.used if self.used else 0.0

    @property
    def share_reachable(self):
        return self.reachable_share + 1e-9 >= float(self.min_share)

    @property
    def direct_needed(self):
        """Direct workers still needed to reach the minimum share on the full quota."""
        return max(0, math.ceil(float(self.min_share) * self.count - 1e-9) - self.direct)


def consuming(year, award_type_id):
    return Nomination.objects.filter(
        year=year, award_type_id=award_type_id, status__in=QUOTA_STATUSES
    )


def usage_of(quota, *, children=None):
    """The ``Usage`` of ``quota`` (two queries; pass ``children`` when already loaded)."""
    if children is None:
        children = list(quota.children.select_related("org"))
    base = consuming(quota.year, quota.award_type_id).filter(org_path__startswith=quota.org.path)
    counts = base.aggregate(
        used=Count("id"), direct=Count("id", filter=Q(member__is_direct_worker=True))
    )
    used, direct = counts["used"], counts["direct"]
    reserved = used
    if children:
        per_child = base.aggregate(
            **{
                f"c{child.pk}": Count("id", filter=Q(org_path__startswith=child.org.path))
                for child in children
            }
        )
        for child in children:
            child_used = per_child[f"c{child.pk}"]
            reserved += max(child.count, child_used) - child_used
    allocated = sum(child.count for child in children)
    return Usage(
        count=quota.count,
        used=used,
        direct=direct,
        allocated=allocated,
        reserved=reserved,
        remaining=max(0, quota.count - reserved),
        min_share=quota.min_direct_worker_share,
    )


def usage_map(quotas):
    """``{quota.pk: Usage}`` for many quotas at once (one query per (year, award type) group)."""
    quotas = list(quotas)
    if not quotas:
        return {}
    children = {}
    for child in Quota.objects.filter(parent__in=quotas).select_related("org"):
        children.setdefault(child.parent_id, []).append(child)
    result = {}
    groups = {}
    for quota in quotas:
        groups.setdefault((quota.year, quota.award_type_id), []).append(quota)
    for (year, award_type_id), group in groups.items():
        paths = {q.org.path for q in group}
        for kids in (children.get(q.pk, []) for q in group):
            paths.update(k.org.path for k in kids)
        rows = list(
            consuming(year, award_type_id)
            .filter(Q(*[Q(org_path__startswith=p) for p in paths], _connector=Q.OR))
            .values_list("org_path", "member__is_direct_worker")
        )
        for quota in group:
            mine = [(path, direct) for path, direct in rows if path.startswith(quota.org.path)]
            used = len(mine)
            direct = sum(1 for _path, d in mine if d)
            reserved = used
            kids = children.get(quota.pk, [])
            for child in kids:
                child_used = sum(1 for path, _d in mine if path.startswith(child.org.path))
                reserved += max(child.count, child_used) - child_used
            result[quota.pk] = Usage(
                count=quota.count,
                used=used,
                direct=direct,
                allocated=sum(k.count for k in kids),
                reserved=reserved,
                remaining=max(0, quota.count - reserved),
                min_share=quota.min_direct_worker_share,
            )
    return result


def holder_quota(*, org, year, award_type, lock=False):
    """The quota that a nomination of ``org`` draws on: ``org``'s own, or that of its nearest
    ancestor holding one for the year and award type; ``None`` when there is none."""
    paths = [org.path[:end] for end in range(org.steplen, len(org.path) + 1, org.steplen)]
    queryset = Quota.objects.filter(year=year, award_type=award_type, org__path__in=paths)
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.select_related("org").order_by("-org__depth").first()


# --- writes ---------------------------------------------------------------------------------


def _error(field, message):
    return {"field": field, "message": str(message)}


def _clean_share(value, errors):
    if value is None or value == "":
        return decimal.Decimal("0")
    try:
        share = decimal.Decimal(str(value))
    except (decimal.InvalidOperation, ValueError):
        errors.append(_error("min_direct_worker_share", _("Enter a number from 0 to 1.")))
        return decimal.Decimal("0")
    if not share.is_finite() or share < 0 or share > 1:
        errors.append(_error("min_direct_worker_share", _("Enter a number from 0 to 1.")))
        return decimal.Decimal("0")
    return share.quantize(decimal.Decimal("0.001"))


def _clean_count(value, errors):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        errors.append(
            _error("count", _("Enter a whole number from 0 to %(max)d.") % {"max": MAX_COUNT})
        )
        return 0
    return value


def _check_year(year, errors):
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        errors.append(_error("year", _("Enter a year from 2000 to 2100.")))


def _children_total(quota, exclude=None):
    children = quota.children.all()
    if exclude is not None:
        children = children.exclude(pk=exclude.pk)
    return sum(children.values_list("count", flat=True))


def _over_parent(parent, total):
    return RuleViolation(
        _("The sub-allocations would give %(total)d places; the quota of %(unit)s has %(count)d.")
        % {"total": total, "unit": parent.org.name, "count": parent.count},
        reasons=[
            _("Quota of %(unit)s: %(count)d; sub-allocated with this change: %(total)d.")
            % {"unit": parent.org.name, "count": parent.count, "total": total}
        ],
    )


def create_quota(
    *,
    by,
    org,
    count,
    year=None,
    award_type=None,
    granted_by_org=None,
    parent=None,
    min_direct_worker_share=None,
    note="",
):
    """Record a quota granted to ``org``.

    Without ``parent`` it is an allocation from an upper level: ``granted_by_org`` must be a unit
    above ``org``. With ``parent`` it is a sub-allocation of the parent's places to a unit below
    the parent's holder: the year and award type are the parent's, the children's counts together
    never exceed the parent's count (422 with the numbers). Side effects: the quota and its audit
    entry.
    """
    errors = []
    count = _clean_count(count, errors)
    share = _clean_share(min_direct_worker_share, errors)
    note = (note or "").strip()[:255]
    if parent is not None:
        require(by, "nominations.sub_allocate_quota", parent)
        year, award_type = parent.year, parent.award_type
        granted_by_org = parent.org
        if org.pk == parent.org_id or not org.is_within(parent.org):
            errors.append(
                _error("org_id", _("A quota is passed on only to a unit below its holder."))
            )
        if min_direct_worker_share is None:
            share = parent.min_direct_worker_share
    else:
        _check_year(year, errors)
        if granted_by_org is None:
            granted_by_org = org.parent
        if (
            granted_by_org is None
            or granted_by_org.pk == org.pk
            or not org.is_within(granted_by_org)
        ):
            errors.append(
                _error("granted_by_org_id", _("The granting unit must be above the holder."))
            )
        require(
            by,
            "nominations.grant_quota",
            Quota(org=org, granted_by_org=granted_by_org or org),
        )
    if org.kind == OrgKind.UNION_GROUP:
        errors.append(_error("org_id", _("A union group does not hold quotas.")))
    if award_type is not None and not award_type.quota_limited:
        errors.append(
            _error(
                "award_type_id",
                _("%(award)s is not limited by quotas.") % {"award": award_type.name},
            )
        )
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)
    with transaction.atomic():
        if parent is not None:
            parent = Quota.objects.select_for_update().select_related("org").get(pk=parent.pk)
            total = _children_total(parent) + count
            if total > parent.count:
                raise _over_parent(parent, total)
            already = consuming(year, award_type.pk).filter(org_path__startswith=org.path).count()
            if count < already:
                raise RuleViolation(
                    _("%(unit)s already uses %(used)d places; give it at least that many.")
                    % {"unit": org.name, "used": already}
                )
        if Quota.objects.filter(year=year, award_type=award_type, org=org).exists():
            raise Conflict(
                _("%(unit)s already holds a quota of %(award)s for %(year)d; change that one.")
                % {"unit": org.name, "award": award_type.name, "year": year}
            )
        quota = Quota.objects.create(
            year=year,
            award_type=award_type,
            org=org,
            granted_by_org=granted_by_org,
            parent=parent,
            count=count,
            min_direct_worker_share=share,
            note=note,
            created_by=by if getattr(by, "pk", None) else None,
        )
        audit.record(by, AuditEntry.Action.CREATE, quota, after=audit.snapshot(quota, QUOTA_FIELDS))
    return quota


def update_quota(quota, *, by, version=None, count=None, min_direct_worker_share=None, note=None):
    """Change the places (or the direct-worker share) of a quota. A parent never drops below its
    children's total, a quota never below the places already used (422 with the numbers)."""
    require(by, "nominations.change_quota", quota)
    errors = []
    if count is not None:
        count = _clean_count(count, errors)
    share = None
    if min_direct_worker_share is not None:
        share = _clean_share(min_direct_worker_share, errors)
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)
    with transaction.atomic():
        if quota.parent_id:
            Quota.objects.select_for_update().filter(pk=quota.parent_id).first()
        quota = lock_for_update(quota)
        check_version(quota, version)
        before = audit.snapshot(quota, QUOTA_FIELDS)
        if count is not None:
            allocated = _children_total(quota)
            if count < allocated:
                raise RuleViolation(
                    _("%(allocated)d places are passed on to sub-units; keep at least that many.")
                    % {"allocated": allocated}
                )
            usage = usage_of(quota)
            if count < usage.reserved:
                raise RuleViolation(
                    _("%(used)d places are used or passed on; keep at least that many.")
                    % {"used": usage.reserved}
                )
            if quota.parent_id:
                parent = quota.parent
                total = _children_total(parent, exclude=quota) + count
                if total > parent.count:
                    raise _over_parent(parent, total)
            quota.count = count
        if share is not None:
            quota.min_direct_worker_share = share
        if note is not None:
            quota.note = str(note).strip()[:255]
        quota.version += 1
        quota.save()
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            quota,
            before=before,
            after=audit.snapshot(quota, QUOTA_FIELDS),
        )
    return quota
