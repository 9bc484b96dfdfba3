"""Start-page panels: feedback the sector must resolve, and the council's open sessions."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.roles import Role
from thidua.core.panels import Panel, PanelItem
from thidua.core.scoping import subtree_q
from thidua.council.models import CouncilSession, Feedback, SessionStatus
from thidua.council.rules import RESOLVER_ROLES

LIMIT = 8


def feedback_to_resolve(user):
    paths = user.reach_paths(RESOLVER_ROLES)
    if not paths:
        return None
    items = (
        Feedback.objects.unresolved()
        .filter(subtree_q("nomination__org_path", paths))
        .select_related("nomination__member", "nomination__nominee_org", "nomination__award_type")
        .order_by("created_at")[:LIMIT]
    )
    return Panel(
        title=gettext_lazy("Objections to resolve"),
        items=[
            PanelItem(
                label=f.nomination.nominee_name,
                url=reverse("council:feedback_list"),
                detail=f.text[:120],
            )
            for f in items
        ],
        empty=_("No feedback is waiting."),
        more_url=reverse("council:feedback_list"),
        more_label=_("All feedback"),
    )


def council_sessions(user):
    paths = user.reach_paths([Role.COUNCIL_MEMBER])
    if not paths:
        return None
    sessions = (
        CouncilSession.objects.filter(subtree_q("org_path", paths), status=SessionStatus.OPEN)
        .select_related("org")
        .order_by("-held_on")[:LIMIT]
    )
    return Panel(
        title=gettext_lazy("Council sessions"),
        items=[
            PanelItem(
                label=f"{s.org.name} — {s.held_on:%d/%m/%Y}",
                url=reverse("council:session_detail", args=[s.pk]),
                detail=_("%(n)d on the agenda") % {"n": s.nominations.count()},
            )
            for s in sessions
        ],
        empty=_("No council session is open."),
        more_url=reverse("council:session_list"),
        more_label=_("All sessions"),
    )
