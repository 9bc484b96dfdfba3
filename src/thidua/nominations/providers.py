"""What the award rules see of nominations in progress (hooks of ``thidua.awards.eligibility``).

- ``pending_awards``: holders of an award by nominations approved but not yet decided (approved,
  forwarded, approved by the upper level), so that "requires LĐTT the same year" counts them.
- ``pending_count``: how many nominees of an award type a unit's subtree proposes that are not yet
  in the award history (from submission up to, not including, the decision), counted against
  share caps.
"""

from thidua.nominations.models import PENDING_AWARD_STATUSES, QUOTA_STATUSES, Nomination, S

IN_PROGRESS = tuple(s for s in QUOTA_STATUSES if s != S.AWARDED)


def pending_awards(*, award_type, year, exclude_nomination=None):
    queryset = Nomination.objects.filter(
        award_type=award_type, year=year, status__in=PENDING_AWARD_STATUSES
    )
    if exclude_nomination is not None:
        queryset = queryset.exclude(pk=getattr(exclude_nomination, "pk", exclude_nomination))
    return [
        (member_id, None if member_id else org_id)
        for member_id, org_id in queryset.values_list("member_id", "nominee_org_id")
    ]


def pending_count(*, award_type, year, proposing_org, exclude_nomination=None):
    queryset = Nomination.objects.filter(
        award_type=award_type,
        year=year,
        status__in=IN_PROGRESS,
        org_path__startswith=proposing_org.path,
    )
    if exclude_nomination is not None:
        queryset = queryset.exclude(pk=getattr(exclude_nomination, "pk", exclude_nomination))
    return queryset.count()
