"""Inspection pages: the yearly plan, an inspection with its recommendations, the forms, and the
board of overdue follow-ups. Reading starts from ``visible_to`` (another unit's record: 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import User
from thidua.accounts.roles import STAFF_ROLES
from thidua.core.exceptions import DomainError, Forbidden
from thidua.core.pagination import CappedPaginator
from thidua.core.scoping import subtree_q
from thidua.core.text import search_key
from thidua.core.workflow import transitions_of
from thidua.organizations.models import Member, OrgUnit
from thidua.oversight import queries, services
from thidua.oversight.forms import (
    ExemplarForm,
    FindingsForm,
    InspectionForm,
    LinkForm,
    ResponseForm,
    apply_errors,
)
from thidua.oversight.models import Inspection, InspectionPlan, InspectionStatus
from thidua.oversight.rules import TEAM_ROLES

PAGE_SIZE = 50
MEMBER_CHOICES_LIMIT = 200


def _staff_or_403(user):
    if not may_see_oversight(user):
        raise PermissionDenied


def visible_inspection_or_404(user, pk):
    return get_object_or_404(
        Inspection.objects.visible_to(user).select_related("org", "inspecting_org", "plan"),
        pk=pk,
    )


def _year(request):
    return year_of(request.GET)


def year_of(query):
    """``query["year"]`` from 2000 to 2100, else the current year."""
    value = str(query.get("year", ""))
    return (
        int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year
    )


def may_see_oversight(user):
    return user.is_superuser or user.has_role(*STAFF_ROLES)


def filtered_inspections(user, query):
    """The inspections of the list (and its export): of ``query``'s year and status."""
    inspections = (
        Inspection.objects.visible_to(user)
        .filter(planned_on__year=year_of(query))
        .select_related("org", "inspecting_org", "plan")
        .annotate(
            open_count=Count(
                "recommendations", filter=Q(recommendations__responded_at__isnull=True)
            )
        )
        .order_by("planned_on", "org__path", "id")
    )
    status = query.get("status", "")
    if status in InspectionStatus.values:
        inspections = inspections.filter(status=status)
    return inspections


@login_required
def inspection_list(request):
    """The inspection plan of a year: every inspection of units in reach, with its status."""
    user = request.user
    _staff_or_403(user)
    year = _year(request)
    status = request.GET.get("status", "")
    inspections = filtered_inspections(user, request.GET)
    page = CappedPaginator(inspections, PAGE_SIZE).get_page(request.GET.get("page"))
    plans = InspectionPlan.objects.visible_to(user).filter(year=year).select_related("org")
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
        "status": status,
        "statuses": InspectionStatus.choices,
        "page": page,
        "plans": plans,
        "query": f"year={year}&status={status}",
        "can_create": user.has_perm("oversight.add_inspection"),
        "overdue_count": queries.overdue_recommendations(user).count(),
    }
    return render(request, "oversight/inspection_list.html", context)


def _team_choices(user):
    """Users holding a team role in the user's reach (inspectors, sector staff)."""
    paths = user.reach_paths(TEAM_ROLES) if not user.is_superuser else [""]
    return (
        User.objects.filter(is_active=True, roles__role__in=TEAM_ROLES)
        .filter(subtree_q("roles__org__path", paths) if paths != [""] else Q())
        .distinct()
        .order_by("full_name", "username")
    )


@login_required
def inspection_create(request):
    user = request.user
    if not user.has_perm("oversight.add_inspection"):
        raise PermissionDenied
    units = OrgUnit.objects.filter(active=True).filter(
        subtree_q("path", user.reach_paths(TEAM_ROLES)) if not user.is_superuser else Q()
    )
    form = InspectionForm(
        request.POST or None,
        units=units,
        team_choices=_team_choices(user),
        initial={"topic": "emulation_commendation"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org = data["org"]
        plan = None
        if org.parent is not None:
            plan = InspectionPlan.objects.filter(
                org=org.parent, year=data["planned_on"].year
            ).first()
        try:
            inspection = services.create_inspection(
                by=user,
                org=org,
                planned_on=data["planned_on"],
                topic=data["topic"],
                topic_detail=data["topic_detail"],
                team=list(data["team"]),
                plan=plan,
            )
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The inspection was planned."))
            return redirect("oversight:inspection_detail", pk=inspection.pk)
    return render(request, "oversight/inspection_form.html", {"form": form})


@login_required
def inspection_detail(request, pk):
    user = request.user
    inspection = visible_inspection_or_404(user, pk)
    today = timezone.localdate()
    recommendations = list(inspection.recommendations.select_related("responded_by"))
    can_respond = (
        user.has_perm("oversight.respond_to_recommendation", recommendations[0])
        if recommendations
        else False
    )
    for rec in recommendations:
        rec.is_late = rec.is_overdue(today)
    links = []
    for link in inspection.links.select_related("content_type"):
        link.label = _("Exemplar") if link.kind == "exemplar" else _("Nomination")
        links.append(link)
    may_record = user.has_perm("oversight.record_findings", inspection)
    context = {
        "inspection": inspection,
        "recommendations": recommendations,
        "links": links,
        "team": inspection.team.order_by("full_name"),
        "history": transitions_of(inspection),
        "can_record": may_record and inspection.accepts_findings,
        "can_start": may_record and inspection.status == InspectionStatus.PLANNED,
        "can_close": user.has_perm("oversight.close_inspection", inspection)
        and inspection.status == InspectionStatus.FINDINGS_RECORDED,
        "can_link": may_record and not inspection.is_closed,
        "can_record_exemplar": may_record
        and not inspection.is_closed
        and services.exemplar_register_available(),
        "can_respond": can_respond and inspection.status == InspectionStatus.FINDINGS_RECORDED,
        "response_form": ResponseForm(),
    }
    return render(request, "oversight/inspection_detail.html", context)


def _action(request, inspection, action, success):
    try:
        action()
    except Forbidden as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        for reason in exc.reasons:
            messages.error(request, str(reason))
    else:
        messages.success(request, success)
    return redirect("oversight:inspection_detail", pk=inspection.pk)


@login_required
@require_POST
def inspection_start(request, pk):
    inspection = visible_inspection_or_404(request.user, pk)
    return _action(
        request,
        inspection,
        lambda: services.start_inspection(inspection, by=request.user),
        _("The inspection is under way."),
    )


@login_required
@require_POST
def inspection_close(request, pk):
    inspection = visible_inspection_or_404(request.user, pk)
    return _action(
        request,
        inspection,
        lambda: services.close_inspection(inspection, by=request.user),
        _("The inspection was closed."),
    )


@login_required
def inspection_findings(request, pk):
    user = request.user
    inspection = visible_inspection_or_404(user, pk)
    if not user.has_perm("oversight.record_findings", inspection):
        raise PermissionDenied
    form = FindingsForm(
        request.POST or None,
        initial={"held_on": timezone.localdate(), "version": inspection.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_findings(
                inspection,
                by=user,
                findings=data["findings"],
                recommendations=data["recommendations"],
                default_due=data["follow_up_due_on"],
                held_on=data["held_on"],
                version=data["version"],
            )
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The findings were recorded."))
            return redirect("oversight:inspection_detail", pk=inspection.pk)
    return render(request, "oversight/findings_form.html", {"form": form, "inspection": inspection})


@login_required
@require_POST
def recommendation_respond(request, pk, rec_pk):
    user = request.user
    inspection = visible_inspection_or_404(user, pk)
    recommendation = get_object_or_404(inspection.recommendations.all(), pk=rec_pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the unit's response."))
        return redirect("oversight:inspection_detail", pk=inspection.pk)
    return _action(
        request,
        inspection,
        lambda: services.respond_to_recommendation(
            recommendation, by=user, response=form.cleaned_data["response"]
        ),
        _("The response was recorded."),
    )


@login_required
def inspection_link(request, pk):
    """Link a finding to a nomination (e.g. a false dossier) or an exemplar."""
    user = request.user
    inspection = visible_inspection_or_404(user, pk)
    if not user.has_perm("oversight.record_findings", inspection):
        raise PermissionDenied
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        model = services.linkable_model(data["kind"])
        record = None
        if model is not None:
            queryset = model.objects.all()
            queryset = queryset.visible_to(user) if hasattr(queryset, "visible_to") else queryset
            record = queryset.filter(pk=data["record_id"]).first()
        if record is None:
            form.add_error("record_id", _("No such record, or it is not visible to you."))
        else:
            try:
                services.link_finding(inspection, by=user, record=record, note=data["note"])
            except Forbidden as exc:
                raise PermissionDenied from exc
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The finding was linked."))
                return redirect("oversight:inspection_detail", pk=inspection.pk)
    return render(request, "oversight/link_form.html", {"form": form, "inspection": inspection})


@login_required
def inspection_exemplar(request, pk):
    """Record an exemplar found during the inspection (in the exemplar register)."""
    user = request.user
    inspection = visible_inspection_or_404(user, pk)
    if not user.has_perm("oversight.record_findings", inspection):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    members = Member.objects.in_subtree(inspection.org).filter(active=True)
    if search_key(query):
        members = members.search(query)
    ids = list(members.in_vietnamese_order().values_list("pk", flat=True)[:MEMBER_CHOICES_LIMIT])
    selected = request.POST.get("member", "")
    if selected.isdigit():
        ids.append(int(selected))
    choices = Member.objects.filter(pk__in=ids).in_vietnamese_order()
    units = OrgUnit.objects.in_subtree(inspection.org).filter(active=True)
    form = ExemplarForm(request.POST or None, members=choices, units=units)
    available = services.exemplar_register_available()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_exemplar_found(
                inspection,
                by=user,
                member=data["member"],
                org=data["org"],
                title=data["title"],
                story=data["story"],
            )
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The exemplar was recorded and linked to the inspection."))
            return redirect("oversight:inspection_detail", pk=inspection.pk)
    context = {"form": form, "inspection": inspection, "q": query, "available": available}
    return render(request, "oversight/exemplar_form.html", context)


@login_required
def board(request):
    """Follow-ups overdue: recommendations unanswered after their date, of units in reach."""
    user = request.user
    _staff_or_403(user)
    overdue = queries.overdue_recommendations(user)
    page = CappedPaginator(overdue, PAGE_SIZE).get_page(request.GET.get("page"))
    upcoming = (
        queries.Recommendation.objects.visible_to(user)
        .unanswered()
        .filter(follow_up_due_on__gte=timezone.localdate())
        .exclude(inspection__status=InspectionStatus.CLOSED)
        .select_related("inspection", "inspection__org")
        .order_by("follow_up_due_on", "id")[:20]
    )
    context = {"page": page, "upcoming": upcoming, "today": timezone.localdate()}
    return render(request, "oversight/board.html", context)
