"""The start page: the user's units and what their roles let them do."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.core.panels import panels_for
from thidua.organizations.counts import visible_active_members
from thidua.organizations.models import OrgKind, OrgUnit


@login_required
def home(request):
    user = request.user
    units = [a.org for a in user.role_assignments]
    visible_orgs = OrgUnit.objects.visible_to(user)
    context = {
        "assignments": user.role_assignments,
        "units": units,
        "grassroots_count": visible_orgs.filter(kind=OrgKind.GRASSROOTS_UNION, active=True).count(),
        "member_count": visible_active_members(user) if user.sees_member_lists else None,
        "own_member": getattr(user, "member", None),
        "panels": panels_for(user),
    }
    return render(request, "core/home.html", context)
