"""A unit's plan: the unit sends it (summary and document), the launching level accepts or returns
it. Reading starts from ``UnitPlan.objects.visible_to`` (another unit's plan: 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError, Forbidden
from thidua.core.workflow import transitions_of
from thidua.documents import services as documents
from thidua.documents.models import Document
from thidua.documents.uploads import read_upload
from thidua.movements import services
from thidua.movements.forms import PlanSubmitForm, ReturnForm, apply_errors
from thidua.movements.models import PlanStatus, UnitPlan
from thidua.movements.views.movements import labelled


def visible_plan_or_404(user, pk):
    return get_object_or_404(
        UnitPlan.objects.visible_to(user).select_related(
            "movement", "movement__org", "org", "document"
        ),
        pk=pk,
    )


def _unit_documents(user, plan):
    return Document.objects.visible_to(user).filter(org=plan.org).order_by("-created_at")


def _submit(user, plan, form):
    """Upload the file (as a plan document of the unit) if any, then submit; one transaction."""
    data = form.cleaned_data
    with transaction.atomic():
        document = data.get("document")
        upload = data.get("file")
        if upload is not None:
            document = documents.create_document(
                org=plan.org,
                by=user,
                doc_type="KH",
                title=f"Kế hoạch hưởng ứng phong trào thi đua “{plan.movement.title}”"[:500],
                data=read_upload(upload),
                file_name=upload.name,
                record=plan,
            )
        return services.submit_plan(
            plan, by=user, summary=data["summary"], document=document, version=data["version"]
        )


@login_required
def plan_detail(request, pk):
    user = request.user
    plan = visible_plan_or_404(user, pk)
    can_submit = (
        plan.is_open and plan.movement.is_launched and user.has_perm("movements.submit_plan", plan)
    )
    can_review = (
        plan.status == "submitted"
        and plan.movement.is_launched
        and user.has_perm("movements.review_plan", plan)
    )
    form = None
    if can_submit:
        form = PlanSubmitForm(
            request.POST or None,
            request.FILES or None,
            documents=_unit_documents(user, plan),
            initial={"version": plan.version, "summary": plan.summary},
        )
        if request.method == "POST" and form.is_valid():
            try:
                _submit(user, plan, form)
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The plan was sent."))
                return redirect("movements:plan_detail", pk=plan.pk)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "plan": plan,
        "movement": plan.movement,
        "form": form,
        "can_submit": can_submit,
        "can_review": can_review,
        "return_form": ReturnForm(initial={"version": plan.version}) if can_review else None,
        "history": labelled(transitions_of(plan), PlanStatus),
        "document_visible": plan.document_id is not None
        and Document.objects.visible_to(user).filter(pk=plan.document_id).exists(),
    }
    return render(request, "movements/plan_detail.html", context)


def _back(request, plan):
    target = request.POST.get("next")
    if target == "movement":
        return redirect("movements:movement_detail", pk=plan.movement_id)
    return redirect("movements:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_accept(request, pk):
    plan = visible_plan_or_404(request.user, pk)
    version = request.POST.get("version")
    try:
        services.accept_plan(
            plan, by=request.user, version=int(version) if version and version.isdigit() else None
        )
    except Forbidden as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The plan of %(unit)s was accepted.") % {"unit": plan.org.name})
    return _back(request, plan)


@login_required
def plan_return(request, pk):
    user = request.user
    plan = visible_plan_or_404(user, pk)
    if not user.has_perm("movements.review_plan", plan):
        raise PermissionDenied
    form = ReturnForm(request.POST or None, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.return_plan(
                plan,
                by=user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The plan of %(unit)s was returned.") % {"unit": plan.org.name}
            )
            return _back(request, plan)
    back_to = request.GET.get("next") or request.POST.get("next", "")
    context = {"plan": plan, "form": form, "next": back_to}
    return render(request, "movements/plan_return.html", context)
