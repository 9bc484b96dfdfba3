"""Pages of the award catalogue, base salaries, initiatives and the award history import."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import imports, services
from thidua.awards.forms import (
    AwardTypeForm,
    BaseSalaryForm,
    HistoryImportForm,
    InitiativeForm,
    RecognizeForm,
)
from thidua.awards.models import AwardType, BaseSalary, Criterion, Initiative
from thidua.core.exceptions import DomainError, InvalidInput
from thidua.core.text import amount_in_words
from thidua.core.xlsx import XLSX_CONTENT_TYPE
from thidua.organizations.models import OrgUnit

PAGE_SIZE = 50


def _show_errors(form, exc):
    """Put a service's refusal on the form: field errors where the field exists."""
    placed = False
    for error in exc.errors:
        field = str(error.get("field", ""))
        if field in form.fields:
            form.add_error(field, str(error.get("message", "")))
            placed = True
        elif error.get("message"):
            form.add_error(None, f"{field}: {error['message']}" if field else error["message"])
            placed = True
    if not placed:
        form.add_error(None, str(exc.detail))


# --- catalogue ------------------------------------------------------------------------------


@login_required
def catalogue(request):
    award_types = AwardType.objects.search(request.GET.get("q"))
    return render(
        request,
        "awards/catalogue.html",
        {
            "award_types": award_types,
            "q": request.GET.get("q", ""),
            "can_edit": request.user.has_perm("awards.change_catalogue"),
        },
    )


@login_required
def award_type_detail(request, pk):
    award_type = get_object_or_404(
        AwardType.objects.prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("audience", "order")),
            "eligibility_rules",
            "benefit_thresholds",
        ),
        pk=pk,
    )
    amount = award_type.amount
    return render(
        request,
        "awards/award_type_detail.html",
        {
            "award_type": award_type,
            "amount": amount,
            "amount_words": amount_in_words(amount),
            "today": timezone.localdate(),
            "can_edit": request.user.has_perm("awards.change_catalogue", award_type),
        },
    )


def _award_type_form(request, award_type=None):
    if not request.user.has_perm("awards.change_catalogue", award_type):
        raise PermissionDenied
    form = AwardTypeForm(request.POST or None, instance=award_type or AwardType())
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        criteria = form.cleaned_data["criteria_text"]
        try:
            if award_type is None:
                award_type = services.create_award_type(
                    by=request.user, criteria=criteria, **fields
                )
                messages.success(request, _("The award type was added."))
            else:
                services.update_award_type(
                    award_type,
                    by=request.user,
                    version=request.POST.get("version"),
                    criteria=criteria,
                    **fields,
                )
                messages.success(request, _("The award type was saved."))
            return redirect("awards:award_type_detail", pk=award_type.pk)
        except DomainError as exc:
            _show_errors(form, exc)
    return render(request, "awards/award_type_form.html", {"form": form, "award_type": award_type})


@login_required
def award_type_create(request):
    return _award_type_form(request)


@login_required
def award_type_edit(request, pk):
    award_type = get_object_or_404(AwardType, pk=pk)
    return _award_type_form(request, award_type)


# --- base salaries --------------------------------------------------------------------------


@login_required
def base_salaries(request):
    can_add = request.user.has_perm("awards.add_base_salary")
    form = BaseSalaryForm(request.POST or None)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_base_salary(by=request.user, **form.cleaned_data)
            except DomainError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, _("The base salary was added."))
                return redirect("awards:base_salaries")
    return render(
        request,
        "awards/base_salaries.html",
        {"salaries": BaseSalary.objects.all(), "form": form, "can_add": can_add},
    )


# --- initiatives ----------------------------------------------------------------------------


def _units_for(user, perm):
    """Visible units where ``user`` has ``perm`` (for the unit choosers)."""
    return [u for u in OrgUnit.objects.visible_to(user) if user.has_perm(perm, u)]


def _chosen_unit(request, perm):
    units = _units_for(request.user, perm)
    if not units:
        raise PermissionDenied
    wanted = request.GET.get("org") or request.POST.get("org")
    chosen = next((u for u in units if str(u.pk) == str(wanted)), None)
    home = request.user.home_org
    if chosen is None:
        chosen = next((u for u in units if home and u.pk == home.pk), units[0])
    return units, chosen


@login_required
def initiative_list(request):
    queryset = Initiative.objects.visible_to(request.user).select_related("org")
    queryset = queryset.search(request.GET.get("q")).prefetch_related("authors")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/initiative_list.html",
        {
            "page": page,
            "q": request.GET.get("q", ""),
            "can_add": bool(_units_for(request.user, "awards.add_initiative")),
        },
    )


@login_required
def initiative_create(request):
    units, org = _chosen_unit(request, "awards.add_initiative")
    bound = request.method == "POST" and "title" in request.POST
    form = InitiativeForm(request.POST if bound else None, org=org)
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            initiative = services.create_initiative(
                org=org,
                by=request.user,
                title=data["title"],
                author_ids=[m.pk for m in data["authors"]],
                description=data["description"],
                applied_from=data["applied_from"],
                benefit_value=data["benefit_value"],
            )
        except DomainError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("The initiative was registered."))
            return redirect("awards:initiative_detail", pk=initiative.pk)
    return render(
        request, "awards/initiative_form.html", {"form": form, "units": units, "org": org}
    )


@login_required
def initiative_detail(request, pk):
    initiative = get_object_or_404(
        Initiative.objects.visible_to(request.user).select_related("org", "recognized_by"), pk=pk
    )
    can_recognize = not initiative.recognised and request.user.has_perm(
        "awards.recognize_initiative", initiative
    )
    form = RecognizeForm(request.POST or None, initial={"recognized_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_perm("awards.recognize_initiative", initiative):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.recognize_initiative(
                    initiative,
                    by=request.user,
                    recognized_on=form.cleaned_data["recognized_on"],
                    version=request.POST.get("version"),
                )
            except DomainError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, _("The initiative was recognised."))
                return redirect("awards:initiative_detail", pk=initiative.pk)
    reward = initiative.reward_amount
    return render(
        request,
        "awards/initiative_detail.html",
        {
            "initiative": initiative,
            "authors": initiative.authors.all(),
            "form": form,
            "can_recognize": can_recognize,
            "reward": reward,
            "reward_words": amount_in_words(reward) if reward is not None else "",
        },
    )


# --- award history import -------------------------------------------------------------------


@login_required
def history_import(request):
    units, org = _chosen_unit(request, "awards.import_history")
    form = HistoryImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = imports.import_award_history(
                form.cleaned_data["file"], org=org, by=request.user
            )
        except InvalidInput as exc:
            errors = exc.errors
            form.add_error(None, str(exc.detail))
        except DomainError as exc:
            form.add_error(None, str(exc.detail))
        else:
            messages.success(
                request, _("%(count)d historical awards were imported.") % {"count": count}
            )
            return redirect(f"{request.path}?org={org.pk}")
    return render(
        request,
        "awards/history_import.html",
        {"form": form, "errors": errors, "units": units, "org": org},
    )


@login_required
def history_template(request):
    _units, org = _chosen_unit(request, "awards.import_history")
    response = HttpResponse(
        io.BytesIO(imports.template_bytes(org)).getvalue(), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="khen-thuong-{org.code}.xlsx"'
    return response
