"""Decision pages: the list, a new decision from approved nominations, a decision's page (items,
amounts, downloads, signing, revocation per item) and the printed files.

Reading starts from ``Decision.objects.visible_to`` (outside reach: 404); writes go through
``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.roles import STAFF_ROLES, Role
from thidua.core.exceptions import DomainError
from thidua.core.pagination import CappedPaginator
from thidua.core.text import amount_in_words
from thidua.decisions import printing, services
from thidua.decisions.forms import DecisionForm, RevokeForm, SignedPdfForm, apply_errors
from thidua.decisions.models import Certificate, Decision, DecisionItem
from thidua.organizations.models import OrgKind, OrgUnit

LIST_PAGE = 25
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _staff_only(user):
    if not may_see_decisions(user):
        raise PermissionDenied


def may_see_decisions(user):
    return user.is_superuser or user.has_role(*STAFF_ROLES)


def filtered_decisions(user, query):
    """The decisions of the list (and its export): visible ones, of ``query["year"]`` if given."""
    decisions = Decision.objects.visible_to(user).select_related("org")
    year = str(query.get("year", "")).strip()
    if year.isascii() and year.isdigit() and len(year) <= 4:
        decisions = decisions.filter(signed_on__year=int(year))
    return decisions


def deciding_units(user):
    """Units where ``user`` may issue decisions (the role held at the unit itself)."""
    ids = [
        a.org_id
        for a in user.role_assignments
        if (a.role == Role.SECTOR_ADMIN and a.org.kind in services.LEVEL_OF_KIND)
        or (a.role == Role.GRASSROOTS_CHAIR and a.org.kind == OrgKind.GRASSROOTS_UNION)
    ]
    return OrgUnit.objects.filter(pk__in=ids, active=True).order_by("path")


def visible_decision_or_404(user, pk):
    return get_object_or_404(
        Decision.objects.visible_to(user).select_related("org", "document"), pk=pk
    )


def _file(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def decision_list(request):
    _staff_only(request.user)
    decisions = filtered_decisions(request.user, request.GET)
    year = request.GET.get("year", "").strip()
    page = CappedPaginator(decisions, LIST_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/decision_list.html",
        {
            "page": page,
            "year": year if year.isdigit() else "",
            "can_create": deciding_units(request.user).exists(),
        },
    )


@login_required
def decision_create(request):
    units = list(deciding_units(request.user))
    if not units:
        raise PermissionDenied
    org = next((u for u in units if str(u.pk) == request.GET.get("org", "")), units[0])
    nominations = services.decidable_nominations(request.user, org)
    initial = {"signed_on": timezone.localdate()}
    form = DecisionForm(request.POST or None, nominations=nominations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.issue_decision(
                by=request.user,
                org=org,
                nominations=list(data["nominations"]),
                signed_on=data["signed_on"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
            for reason in exc.reasons:
                messages.error(request, reason)
        else:
            messages.success(
                request, _("Decision %(number)s issued.") % {"number": decision.number_symbol}
            )
            return redirect("decisions:decision_detail", pk=decision.pk)
    return render(
        request,
        "decisions/decision_form.html",
        {"form": form, "org": org, "units": units, "has_nominations": nominations.exists()},
    )


@login_required
def decision_detail(request, pk):
    decision = visible_decision_or_404(request.user, pk)
    items = list(
        decision.items.select_related(
            "award_type", "member__org", "holder_org", "certificate", "revocation", "nomination"
        )
    )
    total = sum(item.amount for item in items)
    user = request.user
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "items": items,
            "total": total,
            "total_in_words": amount_in_words(total),
            "can_sign": user.has_perm("decisions.sign_decision", decision.org),
            "can_revoke": user.has_perm("decisions.revoke_award", decision.org),
            "signed_form": SignedPdfForm(),
        },
    )


@login_required
def decision_docx(request, pk):
    decision = visible_decision_or_404(request.user, pk)
    stem = decision.number_symbol.replace("/", "-")
    return _file(printing.decision_docx(decision), DOCX, f"{stem}.docx")


@login_required
def decision_pdf(request, pk):
    decision = visible_decision_or_404(request.user, pk)
    stem = decision.number_symbol.replace("/", "-")
    return _file(printing.decision_pdf(decision), PDF, f"{stem}.pdf")


@login_required
def decision_certificates(request, pk):
    decision = visible_decision_or_404(request.user, pk)
    certificates = Certificate.objects.filter(item__decision=decision).select_related(
        "item__decision__org", "item__member__org", "item__award_type", "item__nomination"
    )
    stem = decision.number_symbol.replace("/", "-")
    return _file(printing.certificates_pdf(certificates), PDF, f"{stem}-giay-khen.pdf")


@login_required
def certificate_pdf(request, pk):
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related(
            "item__decision__org", "item__member__org", "item__award_type", "item__nomination"
        ),
        pk=pk,
    )
    return _file(printing.certificate_pdf(certificate), PDF, f"giay-khen-{certificate.pk}.pdf")


@login_required
@require_POST
def decision_upload_signed(request, pk):
    decision = visible_decision_or_404(request.user, pk)
    if not request.user.has_perm("decisions.sign_decision", decision.org):
        raise PermissionDenied
    form = SignedPdfForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the signed PDF file."))
        return redirect("decisions:decision_detail", pk=decision.pk)
    upload = form.cleaned_data["file"]
    try:
        services.attach_signed_pdf(
            decision, by=request.user, data=upload.read(), file_name=upload.name
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        for error in exc.errors:
            messages.error(request, str(error.get("message")))
    else:
        messages.success(request, _("The signed PDF was attached to the decision."))
    return redirect("decisions:decision_detail", pk=decision.pk)


@login_required
@require_POST
def decision_sign(request, pk):
    decision = visible_decision_or_404(request.user, pk)
    if not request.user.has_perm("decisions.sign_decision", decision.org):
        raise PermissionDenied
    try:
        services.sign_decision(decision, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The decision was signed with the unit's certificate."))
    return redirect("decisions:decision_detail", pk=decision.pk)


@login_required
def item_revoke(request, pk, item_pk):
    decision = visible_decision_or_404(request.user, pk)
    item = get_object_or_404(
        DecisionItem.objects.select_related("award_type", "award_record", "nomination__org"),
        pk=item_pk,
        decision=decision,
    )
    if not request.user.has_perm("decisions.revoke_award", decision.org):
        raise PermissionDenied
    form = RevokeForm(request.POST or None, initial={"revoked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.revoke_award(item, by=request.user, **data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The award of %(name)s was revoked.") % {"name": item.recipient_name},
            )
            return redirect("decisions:decision_detail", pk=decision.pk)
    return render(
        request, "decisions/item_revoke.html", {"form": form, "decision": decision, "item": item}
    )
