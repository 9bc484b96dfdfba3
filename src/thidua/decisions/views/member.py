"""The member's self-service: their awards (effective and revoked), their certificates and the
status of their published nominations."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.awards.models import AwardRecord
from thidua.decisions.models import Certificate
from thidua.nominations.models import Nomination, NominationStatus


def _published(nomination):
    try:
        from thidua.council.services import is_published
    except ImportError:
        return nomination.status == NominationStatus.AWARDED
    return nomination.status == NominationStatus.AWARDED or is_published(nomination)


def member_of(user):
    return getattr(user, "member", None) if user.is_authenticated else None


@login_required
def my_awards(request):
    member = member_of(request.user)
    records, certificates, nominations = [], [], []
    if member is not None:
        records = list(
            AwardRecord.objects.filter(member=member)
            .select_related("award_type", "issued_by_org")
            .newest_first()
        )
        certificates = list(
            Certificate.objects.filter(item__member=member).select_related(
                "item__decision__org", "item__award_type", "item__revocation"
            )
        )
        nominations = [
            n
            for n in Nomination.objects.filter(member=member)
            .exclude(status__in=[NominationStatus.DRAFT, NominationStatus.WITHDRAWN])
            .select_related("award_type", "org")
            if _published(n)
        ]
    return render(
        request,
        "decisions/my_awards.html",
        {
            "member": member,
            "records": records,
            "certificates": certificates,
            "nominations": nominations,
        },
    )
