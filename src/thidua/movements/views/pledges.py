"""Pledges of a unit for a movement: a table of its members with a commitments box each (a page at
a time) plus the collective pledge, and the spreadsheet import (all or nothing; a file of more than
``settings.IMPORT_BACKGROUND_ROWS`` rows becomes a background job, see ``core.import_jobs``)."""

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from thidua.core import import_jobs
from thidua.core.exceptions import DomainError, InvalidInput
from thidua.core.pagination import CappedPaginator
from thidua.core.xlsx import XLSX_CONTENT_TYPE
from thidua.movements import imports, services, tasks
from thidua.movements.forms import PledgeImportForm
from thidua.movements.models import UnitPlan
from thidua.movements.views.movements import visible_movement_or_404

MEMBERS_PAGE = 100
COLLECTIVE = "collective"


def _context(request, pk, org_pk):
    """The movement and the unit, both visible, the unit addressed, the user allowed to record."""
    user = request.user
    movement = visible_movement_or_404(user, pk)
    plan = get_object_or_404(
        UnitPlan.objects.visible_to(user).select_related("org"), movement=movement, org_id=org_pk
    )
    if not user.has_perm("movements.record_pledges", plan.org):
        raise PermissionDenied
    return movement, plan.org


def _entries(post, members):
    """Entries of the boxes filled on the page (blank boxes are left as they are)."""
    entries = []
    collective = (post.get(COLLECTIVE) or "").strip()
    if collective:
        entries.append({"member": None, "commitments": collective})
    for member in members:
        text = (post.get(f"member-{member.pk}") or "").strip()
        if text:
            entries.append({"member": member, "commitments": text})
    return entries


@login_required
def pledge_entry(request, pk, org_pk):
    movement, org = _context(request, pk, org_pk)
    page = CappedPaginator(services.members_for_pledges(org), MEMBERS_PAGE).get_page(
        request.GET.get("page")
    )
    members = list(page.object_list)
    current = {p.member_id: p for p in movement.pledges.filter(org=org)}
    errors = []
    if request.method == "POST":
        if not movement.is_launched:
            messages.error(request, _("Pledges are registered while the movement is running."))
            return redirect("movements:movement_detail", pk=movement.pk)
        entries = _entries(request.POST, members)
        try:
            written = services.record_pledges(movement, org=org, by=request.user, entries=entries)
        except DomainError as exc:
            errors = [str(e.get("message")) for e in exc.errors] or [str(exc.detail)]
        else:
            messages.success(request, _("%(n)d pledges were saved.") % {"n": len(written)})
            url = request.path + (f"?page={page.number}" if page.number > 1 else "")
            return redirect(url)
    for member in members:
        pledge = current.get(member.pk)
        member.commitments = (
            request.POST.get(f"member-{member.pk}", "")
            if request.method == "POST"
            else (pledge.commitments if pledge else "")
        )
    collective = current.get(None)
    context = {
        "movement": movement,
        "org": org,
        "page": page,
        "members": members,
        "collective": request.POST.get(COLLECTIVE, "")
        if request.method == "POST"
        else (collective.commitments if collective else ""),
        "pledge_count": len(current),
        "errors": errors,
    }
    return render(request, "movements/pledge_entry.html", context)


@login_required
def pledge_import(request, pk, org_pk):
    movement, org = _context(request, pk, org_pk)
    form = PledgeImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job_page = import_jobs.enqueue_if_large(
                request,
                upload,
                columns=imports.PLEDGE_COLUMNS,
                kind="pledges_import",
                title=_("Import pledges"),
                org=org,
                task=tasks.run_pledge_import,
                args=(movement.pk, org.pk),
            )
            if job_page is not None:
                return job_page
            written = imports.import_pledges(movement, org=org, by=request.user, fileobj=upload)
        except InvalidInput as exc:
            errors = exc.errors
            form.add_error(None, str(exc.detail))
        except DomainError as exc:
            form.add_error(None, str(exc.detail))
        except Exception as exc:
            import_jobs.log_unexpected(exc)
            form.add_error(None, import_jobs.unexpected_failure_message())
        else:
            messages.success(request, _("%(n)d pledges were imported.") % {"n": len(written)})
            return redirect("movements:pledge_entry", pk=movement.pk, org_pk=org.pk)
    return render(
        request,
        "movements/pledge_import.html",
        {
            "movement": movement,
            "org": org,
            "form": form,
            "errors": errors,
            "background_rows": settings.IMPORT_BACKGROUND_ROWS,
        },
    )


@login_required
def pledge_template(request, pk, org_pk):
    movement, org = _context(request, pk, org_pk)
    buffer = io.BytesIO()
    imports.pledge_template(movement, org, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="dang-ky-thi-dua-{org.code}.xlsx"'
    return response
