"""The sector's pages: the rounds, a round's board of units, asking for reports, reminders and the
aggregated report. The rules live in ``reporting.services`` and ``reporting.aggregate``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.exceptions import DomainError, Forbidden
from thidua.core.pagination import CappedPaginator
from thidua.organizations.models import OrgKind, OrgUnit
from thidua.reporting import services
from thidua.reporting.aggregate import aggregate_report
from thidua.reporting.filters import RoundFilter
from thidua.reporting.forms import AggregateForm, RoundForm, apply_errors
from thidua.reporting.models import AWAITED_STATES, Report, ReportingRound, ReportStatus
from thidua.reporting.rules import SECTOR_ROLES

PAGE_SIZE = 30


def may_ask(user):
    return user.is_authenticated and (user.is_superuser or user.has_role(*SECTOR_ROLES))


def sees_rounds(user):
    return user.is_authenticated and (user.is_superuser or user.has_role(*STAFF_ROLES))


def visible_round_or_404(user, pk):
    return get_object_or_404(
        ReportingRound.objects.visible_to(user).select_related("org", "aggregate_document"), pk=pk
    )


def board_counts(reports):
    """The counts of the board: per state, on time and late, overdue, and the on-time rate."""
    counts = dict.fromkeys(ReportStatus.values, 0)
    on_time = late = overdue = 0
    for report in reports:
        counts[report.status] += 1
        if report.status in AWAITED_STATES:
            overdue += report.late
        elif report.late:
            late += 1
        else:
            on_time += 1
    total = len(reports)
    return {
        **counts,
        "total": total,
        "answered": on_time + late,
        "on_time": on_time,
        "late": late,
        "overdue": overdue,
        "awaited": counts[ReportStatus.PENDING] + counts[ReportStatus.RETURNED],
        "on_time_rate": round(on_time * 100 / total) if total else 0,
    }


@login_required
def round_list(request):
    """Rounds visible to the user, latest due date first, with how many reports arrived."""
    user = request.user
    if not sees_rounds(user):
        raise PermissionDenied
    filterset = RoundFilter(request.GET or None, queryset=ReportingRound.objects.visible_to(user))
    rounds = filterset.qs.select_related("org").order_by("-due_on", "-id")
    page = CappedPaginator(rounds, PAGE_SIZE).get_page(request.GET.get("page"))
    visible = Report.objects.visible_to(user).with_late()
    for round_ in page.object_list:
        round_.counts = board_counts(list(visible.filter(round=round_)))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "filter": filterset,
        "may_ask": may_ask(user),
        "query": params.urlencode(),
    }
    return render(request, "reporting/round_list.html", context)


def _askable_units(user):
    units = (
        OrgUnit.objects.visible_to(user)
        .filter(active=True)
        .exclude(kind__in=[OrgKind.GRASSROOTS_UNION, OrgKind.UNION_GROUP])
    )
    return [u for u in units if user.has_perm("reporting.add_round", u)]


def _round_movements(user):
    from thidua.movements.models import Movement, MovementStatus

    return (
        Movement.objects.visible_to(user)
        .exclude(status=MovementStatus.DRAFT)
        .order_by("-starts_on", "-id")
    )


@login_required
def round_create(request):
    """Ask the grassroots unions below a unit for a report (sector roles)."""
    user = request.user
    units = _askable_units(user)
    if not units:
        raise PermissionDenied
    movements = _round_movements(user)
    units = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
    form = RoundForm(request.POST or None, units=units, movements=movements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.create_round(
                org=data["org"],
                by=user,
                title=data["title"],
                period=data["period"],
                year=data["year"],
                due_on=data["due_on"],
                movement=data["movement"],
            )
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d unit was asked for its report.",
                    "%(count)d units were asked for their reports.",
                    round_.reports.count(),
                )
                % {"count": round_.reports.count()},
            )
            return redirect("reporting:round_board", pk=round_.pk)
    return render(request, "reporting/round_form.html", {"form": form})


@login_required
def round_board(request, pk):
    """Each unit of the round at a glance: submitted on time or late, accepted, returned, overdue,
    not started; reminders per unit and for all; the aggregated report."""
    user = request.user
    round_ = visible_round_or_404(user, pk)
    reports = list(
        Report.objects.visible_to(user)
        .with_late()
        .filter(round=round_)
        .select_related("org", "document", "round")
        .order_by("org__path")
    )
    status = request.GET.get("status", "")
    shown = reports
    if status == "overdue":
        shown = [r for r in reports if r.awaited and r.late]
    elif status in ReportStatus.values:
        shown = [r for r in reports if r.status == status]
    may_review = user.has_perm("reporting.review_report", round_)
    context = {
        "round": round_,
        "reports": shown,
        "counts": board_counts(reports),
        "status": status,
        "statuses": ReportStatus.choices,
        "may_remind": user.has_perm("reporting.remind_unit", round_),
        "may_review": may_review,
        "may_aggregate": user.has_perm("reporting.aggregate_round", round_),
        "aggregate_form": AggregateForm(
            initial={"signer_name": user.get_full_name(), "signer_title": "Chủ tịch"}
        ),
    }
    return render(request, "reporting/round_board.html", context)


def _reminder_message(count):
    if count:
        return ngettext(
            "Reminder sent to %(count)d person.", "Reminder sent to %(count)d people.", count
        ) % {"count": count}
    return _("Already reminded today, or nobody to remind.")


@login_required
@require_POST
def remind_report(request, pk):
    """Remind one unit (htmx: answers with the row's reminder cell)."""
    user = request.user
    report = get_object_or_404(
        Report.objects.visible_to(user).with_late().select_related("round", "org"), pk=pk
    )
    error = ""
    sent = 0
    try:
        sent = services.remind_unit(report, by=user)
    except Forbidden as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        error = str(exc.detail)
    if request.htmx:
        report.refresh_from_db(fields=["last_reminded_at"])
        context = {"report": report, "message": error or _reminder_message(sent), "error": error}
        return render(request, "reporting/_remind_cell.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _reminder_message(sent))
    return redirect("reporting:round_board", pk=report.round_id)


@login_required
@require_POST
def remind_all(request, pk):
    """Remind every unit of the round whose report is still awaited."""
    user = request.user
    round_ = visible_round_or_404(user, pk)
    try:
        sent = services.remind_awaited(round_, by=user)
    except Forbidden as exc:
        raise PermissionDenied from exc
    messages.success(request, _reminder_message(sent))
    return redirect("reporting:round_board", pk=round_.pk)


@login_required
@require_POST
def round_aggregate(request, pk):
    """Issue the aggregated report (BC) of the round from its accepted reports."""
    user = request.user
    round_ = visible_round_or_404(user, pk)
    form = AggregateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the signer's name and title."))
        return redirect("reporting:round_board", pk=round_.pk)
    try:
        document = aggregate_report(round_, by=user, **form.cleaned_data)
    except Forbidden as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(
            request,
            _("The aggregated report %(number)s was issued.") % {"number": document.number_symbol},
        )
    return redirect("reporting:round_board", pk=round_.pk)
