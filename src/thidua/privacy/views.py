"""The member's personal data: the export (a ZIP) and the anonymisation with its confirmation.

Both start from ``Member.objects.visible_to`` (outside reach: 404) and call the services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core.exceptions import DomainError, Forbidden, StaleVersion
from thidua.organizations.forms import apply_errors
from thidua.organizations.views.members import visible_member_or_404
from thidua.privacy import services
from thidua.privacy.forms import AnonymiseForm


@login_required
@require_http_methods(["GET"])
def member_export(request, pk):
    member = visible_member_or_404(request.user, pk)
    try:
        name, data = services.export_member_data(member=member, by=request.user)
    except Forbidden as exc:
        raise PermissionDenied from exc
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def member_anonymise(request, pk):
    """GET shows what will change and asks for a reason and a confirmation; POST does it."""
    user = request.user
    member = visible_member_or_404(user, pk)
    if not user.has_perm("privacy.anonymise_member", member):
        raise PermissionDenied
    done = services.anonymisation_of(member)
    if done is not None:
        messages.info(request, _("This member was already anonymised."))
        return redirect("organizations:member_detail", pk=member.pk)
    form = AnonymiseForm(request.POST or None, initial={"version": member.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.anonymise_member(
                member=member,
                by=user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion:
            member.refresh_from_db()
            form = AnonymiseForm(initial={"version": member.version})
            form.stale = True
            status = 409
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("The member's personal data was anonymised."))
            return redirect("organizations:member_detail", pk=member.pk)
    elif request.method == "POST":
        status = 422
    context = {"member": member, "form": form}
    return render(request, "privacy/member_anonymise.html", context, status=status)
