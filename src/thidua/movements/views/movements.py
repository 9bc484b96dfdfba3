"""Movement pages: the list (with what the user's unit must answer first), a movement's page with
its plan board, drafting and editing, amending after the launch, launching and closing.

Reading starts from ``Movement.objects.visible_to``; every write goes through ``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thidua.core.exceptions import DomainError, StaleVersion
from thidua.core.pagination import CappedPaginator, capped_count
from thidua.core.scoping import subtree_q
from thidua.core.workflow import transitions_of
from thidua.documents.models import Document
from thidua.documents.storage import open_blob
from thidua.movements import indicators, services
from thidua.movements.filters import MovementFilter
from thidua.movements.forms import (
    AmendForm,
    CloseForm,
    LaunchForm,
    MovementFilterForm,
    MovementForm,
    TargetFormSet,
    apply_errors,
)
from thidua.movements.launch_document import launch_docx as render_launch_docx
from thidua.movements.models import (
    PLAN_DONE_STATES,
    Movement,
    MovementStatus,
    PlanStatus,
    Pledge,
    UnitPlan,
)
from thidua.movements.rules import MANAGER_ROLES, PLAN_SUBMITTER_ROLES
from thidua.organizations.models import EmployerType, OrgKind, OrgUnit

LIST_PAGE = 25


def labelled(transitions, choices):
    """Transition rows with ``from_label`` and ``to_label`` in the user's language."""
    labels = dict(choices.choices)
    steps = list(transitions)
    for step in steps:
        step.from_label = labels.get(step.from_state, step.from_state)
        step.to_label = labels.get(step.to_state, step.to_state)
    return steps


def visible_movement_or_404(user, pk):
    return get_object_or_404(
        Movement.objects.visible_to(user).select_related("org", "launch_document"), pk=pk
    )


def launching_units(user):
    """Active units where the user may draft a movement (not union groups)."""
    units = OrgUnit.objects.filter(active=True).exclude(kind=OrgKind.UNION_GROUP)
    if not user.is_superuser:
        units = units.filter(subtree_q("path", user.reach_paths(MANAGER_ROLES)))
    return units


def plans_to_answer(user):
    """Open plan slots of running movements that the user's unit must send, soonest due first."""
    if user.is_superuser:
        return UnitPlan.objects.none()
    return (
        UnitPlan.objects.filter(subtree_q("org__path", user.reach_paths(PLAN_SUBMITTER_ROLES)))
        .filter(
            status__in=[PlanStatus.PENDING, PlanStatus.RETURNED],
            movement__status=MovementStatus.LAUNCHED,
        )
        .select_related("movement", "org")
        .order_by("movement__plan_due_on", "movement_id", "org__path")
    )


def filtered_movements(user, query):
    """``(form, movements)`` of the list page for the GET parameters ``query``: the movements the
    user can see, filtered, with their plan counts, latest first (the list and its export)."""
    units = OrgUnit.objects.visible_to(user).exclude(kind=OrgKind.UNION_GROUP).filter(active=True)
    form = MovementFilterForm(query or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    params = {k: v for k, v in data.items() if v not in (None, "")}
    if params.get("org") is not None:
        params["org"] = params["org"].pk
    plan_filter = Q(plans__in=UnitPlan.objects.visible_to(user))
    queryset = MovementFilter(
        data=params,
        queryset=Movement.objects.visible_to(user)
        .select_related("org")
        .annotate(
            plans_total=Count("plans", filter=plan_filter, distinct=True),
            plans_done=Count(
                "plans",
                filter=plan_filter & Q(plans__status__in=PLAN_DONE_STATES),
                distinct=True,
            ),
            plans_waiting=Count(
                "plans",
                filter=plan_filter & Q(plans__status=PlanStatus.SUBMITTED),
                distinct=True,
            ),
        ),
    ).qs.order_by("-starts_on", "-id")
    return form, queryset


@login_required
def movement_list(request):
    user = request.user
    form, queryset = filtered_movements(user, request.GET)
    page = CappedPaginator(queryset, LIST_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "to_answer": list(plans_to_answer(user)[:50]),
        "today": timezone.localdate(),
        "can_create": launching_units(user).exists(),
    }
    return render(request, "movements/movement_list.html", context)


def _plan_board(user, movement):
    plans = list(
        UnitPlan.objects.visible_to(user)
        .filter(movement=movement)
        .select_related("org", "document")
        .order_by("org__path")
    )
    done = sum(1 for p in plans if p.is_done)
    total = len(plans)
    for plan in plans:
        plan.can_review = plan.status == PlanStatus.SUBMITTED and user.has_perm(
            "movements.review_plan", plan
        )
        plan.can_submit = plan.is_open and user.has_perm("movements.submit_plan", plan)
    return plans, {"done": done, "total": total, "rate": done / total if total else 0}


@login_required
def movement_detail(request, pk):
    user = request.user
    movement = visible_movement_or_404(user, pk)
    plans, counts = _plan_board(user, movement)
    can_manage = user.has_perm("movements.change_movement", movement)
    pledge_units = []
    if movement.is_launched:
        pledge_units = [p.org for p in plans if user.has_perm("movements.record_pledges", p.org)]
    context = {
        "movement": movement,
        "targets": list(movement.targets.all()),
        "warnings": services.movement_warnings(movement),
        "plans": plans,
        "counts": counts,
        "can_manage": can_manage,
        "amendments": list(movement.amendments.select_related("by")),
        "history": labelled(transitions_of(movement), MovementStatus),
        "employer_types": [
            (value, EmployerType(value).label) for value in movement.audience_employer_types
        ],
        "sections": [
            (_("Objectives and requirements"), movement.objectives),
            (_("Scope"), movement.scope),
            (_("Participants"), movement.participants),
            (pgettext("movement", "Content"), movement.content),
            (_("Measures"), movement.measures),
        ],
        "pledge_units": pledge_units,
        "pledge_count": capped_count(Pledge.objects.visible_to(user).filter(movement=movement)),
        "year_indicator": (
            indicators.plans_submitted(movement.launched_on.year, movement.org)
            if can_manage and movement.launched_on
            else None
        ),
        "today": timezone.localdate(),
    }
    return render(request, "movements/movement_detail.html", context)


def _initial(movement):
    data = {
        name: getattr(movement, name)
        for name in (*services.TEXT_FIELDS, "kind", *services.DATE_FIELDS)
    }
    data["audience_employer_types"] = movement.audience_employer_types
    data["version"] = movement.version
    data["org"] = movement.org
    return data


def _targets_initial(movement):
    return [
        {"name": t.name, "target_value": t.target_value, "unit": t.unit}
        for t in movement.targets.all()
    ]


def _targets(formset):
    return [
        {
            "name": f.cleaned_data["name"],
            "target_value": f.cleaned_data["target_value"],
            "unit": f.cleaned_data.get("unit", ""),
        }
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _fields(form, formset):
    data = dict(form.cleaned_data)
    data.pop("org", None)
    data.pop("version", None)
    data.pop("reason", None)
    data["targets"] = _targets(formset)
    for name in services.TEXT_FIELDS:
        data[name] = data.get(name) or ""
    return data


@login_required
def movement_create(request):
    user = request.user
    units = launching_units(user)
    if not units.exists():
        raise PermissionDenied
    form = MovementForm(request.POST or None, units=units, initial={"org": units.first()})
    formset = TargetFormSet(request.POST or None, prefix="targets")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            movement = services.create_movement(
                org=form.cleaned_data["org"], by=user, **_fields(form, formset)
            )
        except DomainError as exc:
            apply_errors(form, exc, formset)
        else:
            messages.success(request, _("The movement was drafted. Check it, then launch it."))
            return redirect("movements:movement_detail", pk=movement.pk)
    return render(
        request,
        "movements/movement_form.html",
        {"form": form, "formset": formset, "movement": None},
    )


@login_required
def movement_edit(request, pk):
    user = request.user
    movement = visible_movement_or_404(user, pk)
    if not user.has_perm("movements.change_movement", movement):
        raise PermissionDenied
    if not movement.is_draft:
        messages.info(request, _("A launched movement is amended, with a reason."))
        return redirect("movements:movement_amend", pk=movement.pk)
    form = MovementForm(request.POST or None, initial=_initial(movement))
    formset = TargetFormSet(
        request.POST or None, prefix="targets", initial=_targets_initial(movement)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.update_movement(
                movement, by=user, version=form.cleaned_data["version"], **_fields(form, formset)
            )
        except StaleVersion as exc:
            form.add_error(None, str(exc.detail))
        except DomainError as exc:
            apply_errors(form, exc, formset)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("movements:movement_detail", pk=movement.pk)
    return render(
        request,
        "movements/movement_form.html",
        {"form": form, "formset": formset, "movement": movement},
    )


@login_required
def movement_amend(request, pk):
    user = request.user
    movement = visible_movement_or_404(user, pk)
    if not user.has_perm("movements.change_movement", movement):
        raise PermissionDenied
    if movement.is_draft:
        return redirect("movements:movement_edit", pk=movement.pk)
    if movement.is_closed:
        messages.error(request, _("A closed movement cannot be changed."))
        return redirect("movements:movement_detail", pk=movement.pk)
    form = AmendForm(request.POST or None, initial=_initial(movement))
    formset = TargetFormSet(
        request.POST or None, prefix="targets", initial=_targets_initial(movement)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = _fields(form, formset)
        fields.pop("audience_employer_types", None)
        try:
            services.amend_movement(
                movement,
                by=user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
                **fields,
            )
        except DomainError as exc:
            apply_errors(form, exc, formset)
        else:
            messages.success(request, _("The amendment was recorded and the units were told."))
            return redirect("movements:movement_detail", pk=movement.pk)
    return render(
        request,
        "movements/movement_form.html",
        {"form": form, "formset": formset, "movement": movement, "amending": True},
    )


@login_required
def movement_launch(request, pk):
    """The launch confirmation: the units addressed, the warnings, then the launch."""
    user = request.user
    movement = visible_movement_or_404(user, pk)
    if not user.has_perm("movements.launch_movement", movement):
        raise PermissionDenied
    if not movement.is_draft:
        messages.info(request, _("This movement is already launched."))
        return redirect("movements:movement_detail", pk=movement.pk)
    warnings = services.movement_warnings(movement)
    form = LaunchForm(request.POST or None, initial={"version": movement.version})
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.launch_movement(
                movement,
                by=user,
                confirm=form.cleaned_data["confirm"],
                as_cong_van=form.cleaned_data["as_cong_van"],
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
            for reason in exc.reasons:
                form.add_error(None, str(reason))
        else:
            messages.success(
                request,
                _("The movement was launched with %(document)s; %(n)d units were notified.")
                % {
                    "document": movement.launch_document.number_symbol,
                    "n": movement.plans.count(),
                },
            )
            return redirect("movements:movement_detail", pk=movement.pk)
    units = services.audience_units(movement).order_by("path")
    context = {
        "movement": movement,
        "form": form,
        "warnings": warnings,
        "unit_count": units.count(),
        "units": list(units[:200]),
    }
    return render(request, "movements/movement_launch.html", context)


@login_required
def movement_close(request, pk):
    user = request.user
    movement = visible_movement_or_404(user, pk)
    if not user.has_perm("movements.close_movement", movement):
        raise PermissionDenied
    if not movement.is_launched:
        messages.info(request, _("Only a launched movement can be closed."))
        return redirect("movements:movement_detail", pk=movement.pk)
    documents = Document.objects.visible_to(user).filter(org=movement.org).order_by("-created_at")
    form = CloseForm(
        request.POST or None,
        documents=documents[:200] if request.method == "GET" else documents,
        initial={"version": movement.version, "reviewed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.close_movement(
                movement,
                by=user,
                final_review_summary=form.cleaned_data["final_review_summary"],
                reviewed_on=form.cleaned_data["reviewed_on"],
                final_review_document=form.cleaned_data["final_review_document"],
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The movement was closed with its final review."))
            return redirect("movements:movement_detail", pk=movement.pk)
    _plans, counts = _plan_board(user, movement)
    return render(
        request,
        "movements/movement_close.html",
        {"movement": movement, "form": form, "counts": counts},
    )


@login_required
def launch_docx(request, pk):
    """The launch plan as an editable Word file (the unit's template when it has one)."""
    movement = visible_movement_or_404(request.user, pk)
    document = movement.launch_document
    if document is None or document.doc_type.is_letter:
        return redirect("movements:movement_detail", pk=movement.pk)
    response = HttpResponse(
        render_launch_docx(movement),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = document.number_symbol.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


@login_required
def launch_pdf(request, pk):
    """The issued launch document's file, for every unit the movement addresses (the document
    itself belongs to the launching unit's archive)."""
    movement = visible_movement_or_404(request.user, pk)
    document = movement.launch_document
    if document is None or document.file is None:
        return redirect("movements:movement_detail", pk=movement.pk)
    response = FileResponse(
        open_blob(document.file),
        content_type=document.file.content_type,
        as_attachment=True,
        filename=document.file_name or f"{document.number_symbol.replace('/', '-')}.pdf",
    )
    return response
