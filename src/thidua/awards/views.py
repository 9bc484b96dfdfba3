"""Pages of the award catalogue and its eligibility rules, base salaries, initiatives, the yearly
assessments and discipline of members, and the .xlsx imports."""

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import imports, services, tasks
from thidua.awards.forms import (
    AssessmentImportForm,
    AwardTypeForm,
    BaseSalaryForm,
    DisciplineForm,
    EligibilityRuleForm,
    HistoryImportForm,
    InitiativeForm,
    RecognizeForm,
)
from thidua.awards.models import (
    AwardType,
    BaseSalary,
    Criterion,
    DisciplineRecord,
    EligibilityRule,
    Initiative,
    MemberYearAssessment,
    TaskRating,
)
from thidua.core import import_jobs
from thidua.core.exceptions import DomainError, InvalidInput
from thidua.core.pagination import CappedPaginator
from thidua.core.text import amount_in_words
from thidua.core.xlsx import XLSX_CONTENT_TYPE
from thidua.organizations.filters import MemberFilter
from thidua.organizations.models import Member, OrgUnit

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
            "can_assess": request.user.has_perm("awards.record_assessment"),
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
    page = CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
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
    units, org = _unit_in_reach(request, "awards.import_history")
    form = HistoryImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job_page = import_jobs.enqueue_if_large(
                request,
                upload,
                columns=imports.COLUMNS,
                kind="award_history_import",
                title=_("Import award history"),
                org=org,
                task=tasks.run_history_import,
                args=(org.pk,),
            )
            if job_page is not None:
                return job_page
            count = imports.import_award_history(upload, org=org, by=request.user)
        except InvalidInput as exc:
            errors = exc.errors
            form.add_error(None, str(exc.detail))
        except DomainError as exc:
            form.add_error(None, str(exc.detail))
        except Exception as exc:
            import_jobs.log_unexpected(exc)
            form.add_error(None, import_jobs.unexpected_failure_message())
        else:
            messages.success(
                request, _("%(count)d historical awards were imported.") % {"count": count}
            )
            return redirect(f"{request.path}?org={org.pk}")
    return render(
        request,
        "awards/history_import.html",
        {
            "form": form,
            "errors": errors,
            "units": units,
            "org": org,
            "background_rows": settings.IMPORT_BACKGROUND_ROWS,
        },
    )


@login_required
def history_template(request):
    _units, org = _unit_in_reach(request, "awards.import_history")
    response = HttpResponse(
        io.BytesIO(imports.template_bytes(org)).getvalue(), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="khen-thuong-{org.code}.xlsx"'
    return response


# --- eligibility rules ----------------------------------------------------------------------


def _rule_form(request, award_type, rule=None):
    if not request.user.has_perm("awards.change_catalogue", award_type):
        raise PermissionDenied
    form = EligibilityRuleForm(request.POST or None, award_type=award_type, rule=rule)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "params": data["params"],
            "message": data["message"],
            "order": data["order"] or 0,
            "active": data["active"],
        }
        try:
            if rule is None:
                services.create_eligibility_rule(
                    award_type=award_type, by=request.user, kind=data["kind"], **fields
                )
                messages.success(request, _("The eligibility rule was added."))
            else:
                services.update_eligibility_rule(
                    rule, by=request.user, version=request.POST.get("version"), **fields
                )
                messages.success(request, _("The eligibility rule was saved."))
            return redirect("awards:award_type_detail", pk=award_type.pk)
        except DomainError as exc:
            _show_rule_errors(form, exc)
    return render(
        request,
        "awards/rule_form.html",
        {"form": form, "award_type": award_type, "rule": rule},
    )


def _show_rule_errors(form, exc):
    """``params.<name>`` errors of the service go on the parameter's field."""
    for error in exc.errors:
        field = str(error.get("field", ""))
        if field.startswith("params."):
            error["field"] = field.removeprefix("params.")
    _show_errors(form, exc)


@login_required
def rule_create(request, pk):
    award_type = get_object_or_404(AwardType, pk=pk)
    return _rule_form(request, award_type)


@login_required
def rule_edit(request, pk, rule_pk):
    award_type = get_object_or_404(AwardType, pk=pk)
    rule = get_object_or_404(EligibilityRule, pk=rule_pk, award_type=award_type)
    return _rule_form(request, award_type, rule)


@login_required
def rule_deactivate(request, pk, rule_pk):
    award_type = get_object_or_404(AwardType, pk=pk)
    rule = get_object_or_404(EligibilityRule, pk=rule_pk, award_type=award_type)
    if not request.user.has_perm("awards.change_catalogue", award_type):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("awards:rule_edit", pk=award_type.pk, rule_pk=rule.pk)
    try:
        services.deactivate_eligibility_rule(
            rule, by=request.user, version=request.POST.get("version")
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The eligibility rule is no longer applied."))
    return redirect("awards:award_type_detail", pk=award_type.pk)


# --- yearly assessments and discipline ------------------------------------------------------


def _unit_in_reach(request, perm):
    """The unit of ``?org=`` among those where the user has ``perm`` (their own by default).

    No such unit at all: 403; a unit given but outside reach: 404.
    """
    units = _units_for(request.user, perm)
    if not units:
        raise PermissionDenied
    wanted = request.GET.get("org") or request.POST.get("org")
    if wanted:
        chosen = next((u for u in units if str(u.pk) == str(wanted)), None)
        if chosen is None:
            raise Http404
        return units, chosen
    home = request.user.home_org
    return units, next((u for u in units if home and u.pk == home.pk), units[0])


def _year(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or this_year)
    except ValueError:
        return this_year
    return year if 1945 <= year <= this_year + 1 else this_year


def _day_count(value):
    value = (value or "").strip()
    if not value:
        return 0
    try:
        return int(value)
    except ValueError:
        return value  # refused by the service with a field error


def _assessment_rows(request, members, current):
    """The posted rows of the page's members (those left blank and unrecorded are skipped)."""
    rows = []
    for member in members:
        prefix = f"m{member.pk}-"
        rating = request.POST.get(prefix + "task_rating", "")
        absence = request.POST.get(prefix + "absence_days", "")
        maternity = request.POST.get(prefix + "maternity_leave_days", "")
        blank = not rating and not absence.strip() and not maternity.strip()
        if blank and member.pk not in current:
            continue
        rows.append(
            {
                "member": member,
                "task_rating": rating,
                "absence_days": _day_count(absence),
                "maternity_leave_days": _day_count(maternity),
            }
        )
    return rows


@login_required
def assessments(request):
    units, org = _unit_in_reach(request, "awards.record_assessment")
    year = _year(request)
    scope = Member.objects.visible_to(request.user).filter(
        active=True, org_path__startswith=org.path
    )
    member_filter = MemberFilter({"q": request.GET.get("q", "")}, queryset=scope)
    page = CappedPaginator(member_filter.qs.select_related("org"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    members = list(page.object_list)
    current = {
        a.member_id: a for a in MemberYearAssessment.objects.filter(year=year, member__in=members)
    }
    errors, posted = {}, None
    if request.method == "POST":
        posted = request.POST
        try:
            count = services.save_assessments(
                org=org,
                year=year,
                by=request.user,
                rows=_assessment_rows(request, members, current),
            )
        except InvalidInput as exc:
            messages.error(request, str(exc.detail))
            for error in exc.errors:
                member_id, _dot, field = str(error.get("field", "")).partition(".")
                errors.setdefault(member_id, {})[field] = error.get("message", "")
        except DomainError as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.success(request, _("%(count)d assessments were saved.") % {"count": count})
            return redirect(request.get_full_path())
    discipline = {}
    for record in DisciplineRecord.objects.filter(member__in=members, decided_on__year=year):
        discipline.setdefault(record.member_id, []).append(record)
    rows = []
    for member in members:
        saved = current.get(member.pk)
        prefix = f"m{member.pk}-"
        if posted is not None:
            values = {
                name: posted.get(prefix + name, "")
                for name in ("task_rating", "absence_days", "maternity_leave_days")
            }
        elif saved:
            values = {
                "task_rating": saved.task_rating,
                "absence_days": saved.absence_days,
                "maternity_leave_days": saved.maternity_leave_days,
            }
        else:
            values = {"task_rating": "", "absence_days": "", "maternity_leave_days": ""}
        rows.append(
            {
                "member": member,
                "prefix": prefix,
                "values": values,
                "errors": errors.get(str(member.pk), {}),
                "discipline": discipline.get(member.pk, []),
            }
        )
    this_year = timezone.localdate().year
    return render(
        request,
        "awards/assessments.html",
        {
            "units": units,
            "org": org,
            "year": year,
            "years": range(this_year + 1, this_year - 10, -1),
            "q": request.GET.get("q", ""),
            "page": page,
            "rows": rows,
            "ratings": TaskRating.choices,
        },
    )


@login_required
def assessment_import(request):
    units, org = _unit_in_reach(request, "awards.record_assessment")
    year = _year(request)
    form = AssessmentImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job_page = import_jobs.enqueue_if_large(
                request,
                upload,
                columns=imports.ASSESSMENT_COLUMNS,
                kind="assessments_import",
                title=_("Import yearly assessments"),
                org=org,
                task=tasks.run_assessment_import,
                args=(org.pk, year),
            )
            if job_page is not None:
                return job_page
            count = imports.import_assessments(upload, org=org, year=year, by=request.user)
        except InvalidInput as exc:
            errors = exc.errors
            form.add_error(None, str(exc.detail))
        except DomainError as exc:
            form.add_error(None, str(exc.detail))
        except Exception as exc:
            import_jobs.log_unexpected(exc)
            form.add_error(None, import_jobs.unexpected_failure_message())
        else:
            messages.success(
                request, _("%(count)d yearly assessments were imported.") % {"count": count}
            )
            return redirect(f"{reverse('awards:assessments')}?org={org.pk}&year={year}")
    return render(
        request,
        "awards/assessment_import.html",
        {
            "form": form,
            "errors": errors,
            "units": units,
            "org": org,
            "year": year,
            "background_rows": settings.IMPORT_BACKGROUND_ROWS,
        },
    )


@login_required
def assessment_template(request):
    _units, org = _unit_in_reach(request, "awards.record_assessment")
    year = _year(request)
    response = HttpResponse(
        imports.assessment_template_bytes(org, year), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="danh-gia-{org.code}-{year}.xlsx"'
    return response


@login_required
def member_discipline(request, member_pk):
    member = get_object_or_404(
        Member.objects.visible_to(request.user).select_related("org"), pk=member_pk
    )
    if not request.user.has_perm("awards.record_discipline", member):
        raise PermissionDenied
    year = _year(request)
    form = DisciplineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_discipline(member=member, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("The discipline record was added."))
            return redirect(request.get_full_path())
    return render(
        request,
        "awards/member_discipline.html",
        {
            "member": member,
            "year": year,
            "records": DisciplineRecord.objects.filter(member=member),
            "form": form,
        },
    )


@login_required
def discipline_remove(request, pk):
    record = get_object_or_404(
        DisciplineRecord.objects.visible_to(request.user).select_related("member"), pk=pk
    )
    if not request.user.has_perm("awards.record_discipline", record.member):
        raise PermissionDenied
    url = reverse("awards:member_discipline", args=[record.member_id])
    if request.method == "POST":
        services.remove_discipline(record, by=request.user)
        messages.success(request, _("The discipline record was removed."))
    year = request.POST.get("year")
    return redirect(f"{url}?year={year}" if year else url)
