"""Training pages: courses, attendance entry, and the officers board (who is designated, who is
trained). The board's counts agree with ``indicators.officers_trained``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError, Forbidden
from thidua.core.pagination import CappedPaginator
from thidua.core.scoping import subtree_q
from thidua.core.text import search_key
from thidua.documents.models import Document
from thidua.organizations.models import Member, OrgKind, OrgUnit
from thidua.oversight import indicators, queries, services
from thidua.oversight.forms import CourseForm, DeadlineForm, apply_errors
from thidua.oversight.models import TrainingCourse, TrainingDeadline
from thidua.oversight.rules import TRAINING_ROLES
from thidua.oversight.views.inspections import PAGE_SIZE, _staff_or_403, _year, year_of

MEMBER_CHOICES_LIMIT = 100


def visible_course_or_404(user, pk):
    return get_object_or_404(TrainingCourse.objects.visible_to(user).select_related("org"), pk=pk)


def filtered_courses(user, query):
    """The courses of the list (and its export): of ``query``'s year, with attendee counts."""
    return (
        TrainingCourse.objects.visible_to(user)
        .in_year(year_of(query))
        .select_related("org")
        .annotate(attendee_count=Count("attendance", distinct=True))
        .order_by("-held_on", "-id")
    )


def officer_board_unions(user, query):
    """The unions of the officers board (and its export), filtered by ``show`` and ``q``."""
    unions = queries.with_officer_status(queries.grassroots_in_reach(user), year_of(query))
    show = query.get("show", "")
    if show == "missing":
        unions = unions.filter(has_officer=False)
    elif show == "untrained":
        unions = unions.filter(has_officer=True, officer_trained=False)
    text = search_key(str(query.get("q", "")).strip()[:100])
    if text:
        unions = unions.filter(search_key__contains=text)
    return unions.order_by("has_officer", "officer_trained", "path")


@login_required
def course_list(request):
    user = request.user
    _staff_or_403(user)
    year = _year(request)
    courses = filtered_courses(user, request.GET)
    page = CappedPaginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
        "page": page,
        "query": f"year={year}",
        "can_create": user.has_perm("oversight.add_trainingcourse"),
    }
    return render(request, "oversight/course_list.html", context)


@login_required
def course_create(request):
    user = request.user
    if not user.has_perm("oversight.add_trainingcourse"):
        raise PermissionDenied
    units = OrgUnit.objects.filter(active=True).exclude(kind=OrgKind.UNION_GROUP)
    if not user.is_superuser:
        units = units.filter(subtree_q("path", user.reach_paths(TRAINING_ROLES)))
    form = CourseForm(
        request.POST or None,
        units=units,
        initial={"counts_for_indicator": True, "org": user.home_org},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        org = data.pop("org")
        try:
            course = services.create_course(by=user, org=org, **data)
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The training course was recorded."))
            return redirect("oversight:course_detail", pk=course.pk)
    return render(request, "oversight/course_form.html", {"form": form})


@login_required
def course_detail(request, pk):
    """The course, who attended, and (for those who may) the attendance entry: members of the
    units in reach, searched by name, ticked in bulk."""
    user = request.user
    course = visible_course_or_404(user, pk)
    can_record = user.has_perm("oversight.record_attendance", course)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        ids = [int(v) for v in request.POST.getlist("member_ids") if v.isdigit() and len(v) < 19]
        try:
            result = services.record_attendance(course, by=user, member_ids=ids)
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.success(
                request,
                _("%(added)d attendee(s) recorded; %(already)d were already recorded.")
                % {"added": len(result["added"]), "already": len(result["already"])},
            )
        return redirect("oversight:course_detail", pk=course.pk)
    attendance = (
        course.attendance.filter(member__in=Member.objects.visible_to(user))
        .select_related("member", "member__org")
        .order_by("member__sort_key", "member_id")
    )
    attended = set(course.attendance.values_list("member_id", flat=True))
    query = request.GET.get("q", "").strip()[:100]
    only_officers = request.GET.get("officers") == "1"
    candidates = []
    if can_record:
        members = services.attendable_members(user, course).select_related("org")
        if only_officers:
            terms = indicators.designations_in_force(timezone.localdate()).values("member_id")
            members = members.filter(pk__in=terms)
        if search_key(query):
            members = members.search(query)
        candidates = list(members.in_vietnamese_order()[:MEMBER_CHOICES_LIMIT])
    context = {
        "course": course,
        "attendance": attendance,
        "attended": attended,
        "candidates": candidates,
        "can_record": can_record,
        "q": query,
        "only_officers": only_officers,
        "limit": MEMBER_CHOICES_LIMIT,
        "documents": Document.objects.visible_to(user).for_record(course),
    }
    return render(request, "oversight/course_detail.html", context)


@login_required
@require_POST
def attendance_remove(request, pk, member_pk):
    user = request.user
    course = visible_course_or_404(user, pk)
    member = get_object_or_404(Member.objects.visible_to(user), pk=member_pk)
    try:
        services.remove_attendance(course, by=user, member=member)
    except Forbidden as exc:
        raise PermissionDenied from exc
    messages.success(request, _("The attendance was removed."))
    return redirect("oversight:course_detail", pk=course.pk)


def _sector_rows(user, year, units_path):
    """Sector officers counted by the indicator in the subtree of ``units_path``."""
    users = indicators.sector_officer_users(year, units_path).annotate(
        trained=indicators.trained_user(year)
    )
    return list(users.order_by("full_name", "username"))


@login_required
def officers(request):
    """Every grassroots union in reach with its designated officer (or a red gap), whether the
    officer is trained in the year (and with which course), and the history of designations."""
    user = request.user
    if not user.has_perm("organizations.view_officers"):
        raise PermissionDenied
    year = _year(request)
    unions = queries.with_officer_status(queries.grassroots_in_reach(user), year)
    totals = queries.board_totals(unions)
    show = request.GET.get("show", "")
    query = request.GET.get("q", "").strip()[:100]
    shown = officer_board_unions(user, request.GET)
    page = CappedPaginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queries.officer_rows(page.object_list, year, history=True)
    # The indicator over the user's top units (a sector officer: the sector union).
    tops = (
        OrgUnit.objects.filter(path__in=user.reach_paths())
        if not user.is_superuser
        else (OrgUnit.objects.filter(depth=1))
    )
    sector_rows, indicator = [], {"done": 0, "total": 0, "rate": 0.0}
    for top in tops:
        sector_rows += _sector_rows(user, year, top.path)
        result = indicators.officers_trained(year, top)
        indicator["done"] += result["done"]
        indicator["total"] += result["total"]
    if indicator["total"]:
        indicator["rate"] = round(indicator["done"] / indicator["total"], 4)
    deadline_org = next(
        (t for t in tops if t.kind == OrgKind.SECTOR_UNION),
        None,
    )
    deadline = (
        TrainingDeadline.objects.filter(org=deadline_org, year=year).first()
        if deadline_org
        else None
    )
    can_set_deadline = bool(deadline_org) and user.has_perm(
        "oversight.set_training_deadline", deadline_org
    )
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
        "rows": rows,
        "page": page,
        "totals": totals,
        "sector_rows": sector_rows,
        "indicator": indicator,
        "percent": round(indicator["rate"] * 100),
        "show": show,
        "q": query,
        "query": params.urlencode(),
        "deadline": deadline,
        "deadline_org": deadline_org,
        "deadline_form": DeadlineForm(initial={"due_on": deadline.due_on if deadline else None})
        if can_set_deadline
        else None,
    }
    return render(request, "oversight/officers.html", context)


@login_required
@require_POST
def deadline_set(request, org_pk, year):
    user = request.user
    org = get_object_or_404(OrgUnit.objects.visible_to(user), pk=org_pk)
    form = DeadlineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
    else:
        try:
            services.set_training_deadline(
                by=user, org=org, year=year, due_on=form.cleaned_data["due_on"]
            )
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            messages.error(
                request, "; ".join(str(e["message"]) for e in exc.errors) or str(exc.detail)
            )
        else:
            messages.success(request, _("The training deadline was set."))
    return redirect(f"{reverse('oversight:officers')}?year={year}")
