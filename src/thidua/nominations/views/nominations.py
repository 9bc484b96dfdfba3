"""Nomination pages: the list with filters and batch submission (with the TTr), creating one or
many, and a nomination's page (nominee, self-assessment, dossier, eligibility, history).

Reading starts from ``Nomination.objects.visible_to`` (outside reach: 404); writes go through
``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError
from thidua.core.pagination import CappedPaginator
from thidua.core.workflow import transitions_of
from thidua.documents import services as documents
from thidua.documents.uploads import read_upload
from thidua.nominations import dossier, services
from thidua.nominations.filters import NominationFilter
from thidua.nominations.forms import (
    BulkNominationForm,
    DossierUploadForm,
    EditNominationForm,
    NominationFilterForm,
    NominationForm,
    apply_errors,
)
from thidua.nominations.models import EDITABLE_STATUSES, Nomination
from thidua.nominations.views.common import (
    award_types,
    current_year,
    labelled,
    proposing_units,
    visible_nomination_or_404,
)
from thidua.organizations.filters import MemberFilter
from thidua.organizations.models import Member, OrgKind, OrgUnit

LIST_PAGE = 50


def _filtered(request, user):
    return filtered_nominations(user, request.GET)


def filtered_nominations(user, query):
    """``(form, nominations)`` for the list's GET parameters ``query`` (the list and its export)."""
    units = OrgUnit.objects.visible_to(user).exclude(kind=OrgKind.UNION_GROUP).filter(active=True)
    form = NominationFilterForm(query or None, units=units, award_types=award_types())
    data = form.cleaned_data if form.is_valid() else {}
    params = {k: v for k, v in data.items() if v not in (None, "")}
    for key in ("org", "award_type"):
        if params.get(key) is not None:
            params[key] = params[key].pk
    queryset = NominationFilter(
        data=params,
        queryset=Nomination.objects.visible_to(user).select_related(
            "award_type", "org", "member", "nominee_org"
        ),
    ).qs
    return form, queryset


@login_required
def nomination_list(request):
    user = request.user
    form, queryset = _filtered(request, user)
    page = CappedPaginator(queryset.order_by("-year", "org_path", "id"), LIST_PAGE).get_page(
        request.GET.get("page")
    )
    for nomination in page:
        nomination.can_submit = nomination.status in EDITABLE_STATUSES and user.has_perm(
            "nominations.submit_nomination", nomination
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": proposing_units(user).exists(),
        "can_submit_any": any(n.can_submit for n in page),
    }
    return render(request, "nominations/nomination_list.html", context)


def _member_queryset(user, org=None):
    members = Member.objects.visible_to(user).filter(active=True)
    if org is not None:
        members = members.filter(org_path__startswith=org.path)
    return members.select_related("org").in_vietnamese_order()


@login_required
def nomination_create(request):
    user = request.user
    units = proposing_units(user)
    if not units.exists():
        raise PermissionDenied
    form = NominationForm(
        request.POST or None,
        units=units,
        award_types=award_types(),
        members=_member_queryset(user),
        initial={"year": current_year(), "kind": "periodic", "org": units.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = services.create_nomination(
                by=user,
                award_type=data["award_type"],
                year=data["year"],
                org=data["org"],
                member=data["member"],
                nominee_org=data["nominee_org"],
                kind=data["kind"],
                achievements=data["achievements"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The nomination was drafted."))
            return redirect("nominations:nomination_detail", pk=nomination.pk)
    return render(request, "nominations/nomination_form.html", {"form": form, "bulk": False})


@login_required
def nomination_bulk_create(request):
    """Pick many members of the unit (searched like the member list) for one award type."""
    user = request.user
    units = proposing_units(user)
    if not units.exists():
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    org = units.filter(pk=source.get("org")).first() if source.get("org", "").isdigit() else None
    org = org or units.first()
    members = MemberFilter(
        {"q": source.get("q", "")}, queryset=_member_queryset(user, org)
    ).qs.select_related("org")
    form = BulkNominationForm(
        request.POST or None,
        units=units,
        award_types=award_types(),
        members=members,
        initial={"year": current_year(), "org": org, "q": source.get("q", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.bulk_create_nominations(
                by=user,
                award_type=data["award_type"],
                year=data["year"],
                org=data["org"],
                members=data["members"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(count)d nominations were drafted.") % {"count": len(created)}
            )
            return redirect(
                f"{reverse('nominations:nomination_list')}?org={data['org'].pk}&year={data['year']}"
            )
    context = {"form": form, "bulk": True, "members": members[:200], "org": org}
    return render(request, "nominations/nomination_form.html", context)


def _criteria(nomination):
    return services.criteria_of(nomination.award_type, nomination.member)


@login_required
def nomination_detail(request, pk):
    user = request.user
    nomination = visible_nomination_or_404(user, pk)
    can_edit = nomination.is_editable and user.has_perm("nominations.change_nomination", nomination)
    criteria = _criteria(nomination)
    form = None
    if can_edit:
        initial = {"version": nomination.version, "achievements": nomination.achievements}
        for code, points in (nomination.self_scores or {}).items():
            initial[f"score_{code}"] = points
        form = EditNominationForm(request.POST or None, criteria=criteria, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.update_nomination(
                    nomination,
                    by=user,
                    version=form.cleaned_data["version"],
                    achievements=form.cleaned_data["achievements"],
                    self_scores=form.scores(),
                )
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The nomination was saved."))
                return redirect("nominations:nomination_detail", pk=nomination.pk)
    elif request.method == "POST":
        raise PermissionDenied
    eligibility = (
        services.evaluate_eligibility(nomination)
        if nomination.is_editable
        else nomination.eligibility
    )
    checklist = dossier.checklist(nomination)
    scores = [
        {
            "criterion": c,
            "self": (nomination.self_scores or {}).get(c.code),
            "appraisal": (nomination.appraisal_scores or {}).get(c.code),
        }
        for c in criteria
    ]
    context = {
        "nomination": nomination,
        "form": form,
        "can_edit": can_edit,
        "can_submit": can_edit and user.has_perm("nominations.submit_nomination", nomination),
        "can_withdraw": nomination.status in ("draft", "submitted", "returned")
        and user.has_perm("nominations.withdraw_nomination", nomination),
        "can_appraise": nomination.status == "submitted"
        and user.has_perm("nominations.appraise_nomination", nomination),
        "eligibility": eligibility,
        "checklist": checklist,
        "upload_form": DossierUploadForm(parts=_part_choices(nomination)) if can_edit else None,
        "scores": scores,
        "history": labelled(transitions_of(nomination)),
        "awards_history": _award_history(nomination),
        "other": services.duplicate_of(nomination),
    }
    return render(request, "nominations/nomination_detail.html", context)


def _award_history(nomination):
    from thidua.awards.models import AwardRecord

    if not nomination.member_id:
        return AwardRecord.objects.effective().filter(org=nomination.nominee_org)[:10]
    return AwardRecord.objects.effective().filter(member=nomination.member).newest_first()[:10]


def _part_choices(nomination):
    parts = list(dict.fromkeys([*dossier.required_parts(nomination), *dossier.PART_DOC_TYPES]))
    return [(part, dossier.part_label(part)) for part in parts]


@login_required
@require_POST
def dossier_upload(request, pk):
    user = request.user
    nomination = visible_nomination_or_404(user, pk)
    if not user.has_perm("nominations.change_nomination", nomination):
        raise PermissionDenied
    form = DossierUploadForm(request.POST, request.FILES, parts=_part_choices(nomination))
    if not form.is_valid():
        messages.error(request, _("Choose the dossier part and a file."))
        return redirect("nominations:nomination_detail", pk=nomination.pk)
    part = form.cleaned_data["part"]
    upload = form.cleaned_data["file"]
    try:
        with transaction.atomic():
            document = documents.create_document(
                org=nomination.org,
                by=user,
                doc_type=dossier.PART_DOC_TYPES.get(part, "CV"),
                title=f"{dossier.part_label(part)} — {nomination.nominee_name}"[:500],
                data=read_upload(upload),
                file_name=upload.name,
                record=nomination,
            )
            services.add_dossier_document(nomination, by=user, document=document, part=part)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The document was added to the dossier."))
    return redirect("nominations:nomination_detail", pk=nomination.pk)


def _refusal(request, nomination, exc):
    text = str(exc.detail)
    if exc.reasons:
        text = f"{text} " + " ".join(str(r) for r in exc.reasons if str(r) != text)
    messages.error(request, f"{nomination.nominee_name}: {text}")


@login_required
@require_POST
def nomination_submit(request, pk):
    """Submit one nomination (its TTr is made for it when the dossier needs one)."""
    user = request.user
    nomination = visible_nomination_or_404(user, pk)
    if not user.has_perm("nominations.submit_nomination", nomination):
        raise PermissionDenied
    _submit_many(request, nomination.org, [nomination])
    return redirect("nominations:nomination_detail", pk=nomination.pk)


def _submit_many(request, org, nominations):
    try:
        submission, submitted, refused = services.submit_with_submission(
            org=org, by=request.user, nominations=nominations
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return
    for nomination, exc in refused:
        _refusal(request, nomination, exc)
    if submitted and submission is not None:
        messages.success(
            request,
            _("%(count)d nominations were submitted with %(document)s.")
            % {"count": len(submitted), "document": submission.document.number_symbol},
        )
    elif submitted:
        messages.success(
            request, _("%(count)d nominations were submitted.") % {"count": len(submitted)}
        )


@login_required
@require_POST
def submit_batch(request):
    """Submit the chosen nominations of one unit under one TTr."""
    user = request.user
    ids = [int(i) for i in request.POST.getlist("nominations") if i.isdigit()]
    nominations = list(
        Nomination.objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related("award_type", "org", "member", "member__org", "nominee_org", "submission")
        .order_by("org_path", "id")
    )
    if any(not user.has_perm("nominations.submit_nomination", n) for n in nominations):
        raise PermissionDenied
    if not nominations:
        messages.error(request, _("Choose the nominations to submit."))
    else:
        by_org = {}
        for nomination in nominations:
            by_org.setdefault(nomination.org, []).append(nomination)
        for org, items in by_org.items():
            _submit_many(request, org, items)
    return redirect(request.POST.get("next") or "nominations:nomination_list")


@login_required
@require_POST
def nomination_withdraw(request, pk):
    user = request.user
    nomination = visible_nomination_or_404(user, pk)
    if not user.has_perm("nominations.withdraw_nomination", nomination):
        raise PermissionDenied
    try:
        services.withdraw_nomination(nomination, by=user, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The nomination was withdrawn."))
    return redirect("nominations:nomination_detail", pk=nomination.pk)
