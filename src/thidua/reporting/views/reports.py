"""A grassroots union's pages (its reports, the report form) and the report page with the sector's
accept and return. The rules live in ``reporting.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from thidua.core.exceptions import DomainError, Forbidden
from thidua.core.workflow import transitions_of
from thidua.documents.models import Document, DocumentStatus
from thidua.reporting import services
from thidua.reporting.figures import count_rows, movement_targets
from thidua.reporting.forms import ReportForm, ReturnForm, apply_errors
from thidua.reporting.models import AWAITED_STATES, Report, ReportStatus
from thidua.reporting.rules import REPORTER_ROLES


def _visible_reports(user):
    return (
        Report.objects.visible_to(user)
        .with_late()
        .select_related("round", "round__org", "org", "document", "submitted_by", "reviewed_by")
    )


def reports_for(user):
    """The reports the user writes: those of the units where the user is officer or chair."""
    paths = user.reach_paths(REPORTER_ROLES)
    reports = _visible_reports(user)
    if user.is_superuser:
        return reports
    from thidua.core.scoping import subtree_q

    return reports.filter(subtree_q("org__path", paths))


@login_required
def my_reports(request):
    """What my union must report, by when: awaited reports first (soonest due), then the rest."""
    user = request.user
    if not user.has_role(*REPORTER_ROLES) and not user.is_superuser:
        raise PermissionDenied
    reports = list(reports_for(user).order_by("round__due_on", "org__path"))
    awaited = [r for r in reports if r.status in AWAITED_STATES]
    answered = sorted(
        (r for r in reports if r.status not in AWAITED_STATES),
        key=lambda r: r.round.due_on,
        reverse=True,
    )
    return render(request, "reporting/my_reports.html", {"awaited": awaited, "answered": answered})


def _unit_documents(user, report):
    return (
        Document.objects.visible_to(user)
        .filter(org_path__startswith=report.org.path)
        .exclude(status=DocumentStatus.CANCELLED)
        .select_related("doc_type")
        .order_by("-created_at")[:200]
    )


def _initial(report):
    initial = {"content": report.content, "version": report.version, **(report.figures or {})}
    initial["document"] = report.document_id
    results = {t["name"]: t.get("result") for t in (report.figures or {}).get("targets", [])}
    for index, target in enumerate(movement_targets(report.round)):
        initial[f"target_{index}"] = results.get(target["name"])
    return initial


@login_required
def report_submit(request, pk):
    """The report form of the unit: narrative, figures, the signed report (upload or archive)."""
    user = request.user
    report = get_object_or_404(_visible_reports(user), pk=pk)
    if not user.has_perm("reporting.submit_report", report):
        raise PermissionDenied
    if report.status not in AWAITED_STATES:
        messages.info(request, _("This report was already submitted."))
        return redirect("reporting:report_detail", pk=report.pk)
    targets = movement_targets(report.round) if report.round.is_movement_round else []
    documents = Document.objects.filter(
        pk__in=[d.pk for d in _unit_documents(user, report)]
    ).order_by("-created_at")
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        targets=targets,
        documents=documents,
        initial=_initial(report),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                document = data["document"]
                upload = data.get("upload")
                if upload:
                    from thidua.documents.services import create_document
                    from thidua.documents.uploads import read_upload

                    document = create_document(
                        org=report.org,
                        by=user,
                        doc_type="BC",
                        title=_("Report: %(round)s") % {"round": report.round.title},
                        data=read_upload(upload),
                        file_name=upload.name or "",
                        record=report,
                    )
                services.submit_report(
                    report,
                    by=user,
                    content=data["content"],
                    figures=form.figures(),
                    document=document,
                    version=data["version"],
                )
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The report was sent to %(unit)s.") % {"unit": report.round.org.name}
            )
            return redirect("reporting:report_detail", pk=report.pk)
    context = {"report": report, "form": form}
    return render(request, "reporting/report_form.html", context)


@login_required
def report_detail(request, pk):
    """The report, its figures and history; the sector accepts it or returns it here."""
    user = request.user
    report = get_object_or_404(_visible_reports(user), pk=pk)
    return_form = ReturnForm(initial={"version": report.version})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.accept_report(
                    report, by=user, version=_version(request.POST.get("version"))
                )
                messages.success(request, _("The report was accepted."))
                return redirect("reporting:report_detail", pk=report.pk)
            if action == "return":
                return_form = ReturnForm(request.POST)
                if return_form.is_valid():
                    services.return_report(
                        report,
                        by=user,
                        reason=return_form.cleaned_data["reason"],
                        version=return_form.cleaned_data["version"],
                    )
                    messages.success(request, _("The report was returned to the unit."))
                    return redirect("reporting:report_detail", pk=report.pk)
            elif action != "accept":
                messages.error(request, _("Unknown action."))
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            if action == "return":
                apply_errors(return_form, exc)
            else:
                messages.error(request, str(exc.detail))
    context = {
        "report": report,
        "counts": count_rows(report.figures),
        "targets": (report.figures or {}).get("targets", []),
        "history": _history(report),
        "may_review": user.has_perm("reporting.review_report", report)
        and report.status == "submitted",
        "may_submit": user.has_perm("reporting.submit_report", report) and report.awaited,
        "return_form": return_form,
    }
    return render(request, "reporting/report_detail.html", context)


def _history(report):
    """The report's transitions with their states' labels."""
    labels = dict(ReportStatus.choices)
    steps = list(transitions_of(report))
    for step in steps:
        step.from_label = labels.get(step.from_state, step.from_state)
        step.to_label = labels.get(step.to_state, step.to_state)
    return steps


def _version(value):
    return int(value) if value and str(value).isdigit() else None
