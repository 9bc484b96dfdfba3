"""Start-page panels: a member's awards and certificates; nominations awaiting a decision."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import AwardRecord
from thidua.core.panels import Panel, PanelItem

LIMIT = 6


def my_awards(user):
    """The member's latest awards (revoked ones marked), linking to the self-service page; no
    panel for a member who has received none yet."""
    member = getattr(user, "member", None)
    if member is None:
        return None
    records = (
        AwardRecord.objects.filter(member=member)
        .select_related("award_type", "issued_by_org")
        .newest_first()[:LIMIT]
    )
    if not records:
        return None
    url = reverse("decisions:my_awards")
    items = [
        PanelItem(
            label=f"{record.display_name} {record.year}",
            url=url,
            detail=_("Revoked") if record.revoked else record.decision_number,
        )
        for record in records
    ]
    return Panel(
        title=gettext_lazy("My awards"),
        items=items,
        more_url=url,
        more_label=_("My awards and certificates"),
    )


def awaiting_decision(user):
    """Approved nominations the user's deciding units may put into a decision."""
    from thidua.decisions.services import decidable_nominations
    from thidua.decisions.views.decisions import deciding_units

    units = list(deciding_units(user))
    if not units:
        return None
    url = reverse("decisions:decision_create")
    items = []
    for org in units:
        count = decidable_nominations(user, org).count()
        if count:
            items.append(
                PanelItem(
                    label=org.name,
                    url=f"{url}?org={org.pk}",
                    detail=_("%(n)d approved nominations await a decision") % {"n": count},
                )
            )
    return Panel(
        title=gettext_lazy("Nominations awaiting a decision"),
        items=items,
        empty=_("No approved nomination awaits a decision."),
        more_url=reverse("decisions:decision_list"),
        more_label=_("All decisions"),
    )
