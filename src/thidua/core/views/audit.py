"""The audit trail browser for the sector admin."""

import django_filters
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from thidua.core.models import AuditEntry
from thidua.core.pagination import CappedPaginator
from thidua.core.scoping import subtree_q


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="object_repr", lookup_expr="icontains", label=_("Record")
    )
    actor = django_filters.CharFilter(
        field_name="actor__username", lookup_expr="icontains", label=_("User")
    )
    action = django_filters.ChoiceFilter(choices=AuditEntry.Action.choices, label=_("Action"))
    model = django_filters.CharFilter(field_name="content_type__model", label=_("Record type"))
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = AuditEntry
        fields = []


def visible_audit_entries(user):
    """Audit entries of records in the user's reach as sector admin (all for a superuser)."""
    if user.is_superuser:
        return AuditEntry.objects.all()
    return AuditEntry.objects.filter(subtree_q("org_path", user.reach_paths({"sector_admin"})))


@login_required
def audit_list(request):
    if not request.user.has_perm("core.view_audit"):
        raise PermissionDenied
    entries = visible_audit_entries(request.user).select_related("actor", "content_type")
    filterset = AuditFilter(request.GET, queryset=entries)
    page = CappedPaginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"filter": filterset, "page": page})
