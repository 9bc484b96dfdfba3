"""The sector's appraisal page (dossier checklist, appraisal scores beside the self-assessment,
recommendation, comment, recusal flags) and returning a nomination with the reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.exceptions import DomainError
from thidua.core.workflow import transitions_of
from thidua.nominations import dossier, services
from thidua.nominations.forms import AppraiseForm, ReturnForm, apply_errors
from thidua.nominations.views.common import labelled, visible_nomination_or_404


@login_required
def appraise(request, pk):
    user = request.user
    nomination = visible_nomination_or_404(user, pk)
    if not user.has_perm("nominations.appraise_nomination", nomination):
        raise PermissionDenied
    criteria = services.criteria_of(nomination.award_type, nomination.member)
    checklist = dossier.checklist(nomination)
    parts = [(row["part"], row["label"]) for row in checklist]
    initial = {"version": nomination.version}
    for code, points in (nomination.self_scores or {}).items():
        initial[f"score_{code}"] = points
    for row in checklist:
        initial[f"check_{row['part']}"] = row["met"]
    form = AppraiseForm(request.POST or None, criteria=criteria, parts=parts, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.appraise_nomination(
                nomination,
                by=user,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                checklist=form.checklist(),
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The nomination of %(nominee)s was appraised.")
                % {"nominee": nomination.nominee_name},
            )
            return redirect("nominations:board")
    rows = [
        {
            "criterion": c,
            "self": (nomination.self_scores or {}).get(c.code),
            "field": form[f"score_{c.code}"],
        }
        for c in criteria
    ]
    context = {
        "nomination": nomination,
        "form": form,
        "rows": rows,
        "checks": [form[f"check_{code}"] for code, _label in parts],
        "checklist": checklist,
        "recusals": services.recusals(nomination),
        "eligibility": nomination.eligibility,
        "history": labelled(transitions_of(nomination)),
        "can_act": nomination.status == "submitted",
        "return_form": ReturnForm(initial={"version": nomination.version}),
    }
    return render(request, "nominations/appraise.html", context)


@login_required
def return_view(request, pk):
    user = request.user
    nomination = visible_nomination_or_404(user, pk)
    if not user.has_perm("nominations.return_nomination", nomination):
        raise PermissionDenied
    form = ReturnForm(request.POST or None, initial={"version": nomination.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.return_nomination(
                nomination,
                by=user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The nomination of %(nominee)s was returned.")
                % {"nominee": nomination.nominee_name},
            )
            return redirect("nominations:board")
    return render(request, "nominations/return.html", {"nomination": nomination, "form": form})
