"""Exemplar pages: the list, an exemplar's page (story, evidence, timeline, honour, the spread over
the tree), recording one, proposing a member from their page, and the actions of the sector.

Reading starts from ``Exemplar.objects.visible_to`` (outside reach: 404); writes go through
``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError, Forbidden
from thidua.core.pagination import CappedPaginator
from thidua.core.scoping import subtree_q
from thidua.core.workflow import transitions_of
from thidua.documents.models import Document
from thidua.documents.storage import open_blob
from thidua.documents.uploads import read_upload
from thidua.exemplars import services
from thidua.exemplars.filters import ExemplarFilter
from thidua.exemplars.forms import (
    EvidenceForm,
    ExemplarFilterForm,
    ExemplarForm,
    HonorForm,
    ProposeForm,
    PublishForm,
    ReplicationForm,
    VerifyForm,
    apply_errors,
)
from thidua.exemplars.models import Exemplar, ExemplarStatus
from thidua.exemplars.rules import FINDER_ROLES, REPLICATOR_ROLES
from thidua.movements.models import Movement
from thidua.organizations.models import Member, OrgKind, OrgUnit

LIST_PAGE = 25


def visible_exemplar_or_404(user, pk):
    return get_object_or_404(
        Exemplar.objects.visible_to(user).select_related(
            "member", "member__org", "org", "owner_org", "movement", "verified_by", "found_by"
        ),
        pk=pk,
    )


def units_with(user, roles):
    """Active units (not above the sector level) where ``user`` holds one of ``roles``."""
    units = OrgUnit.objects.filter(active=True).exclude(
        kind__in=[OrgKind.CONFEDERATION, OrgKind.FEDERATION]
    )
    if not user.is_superuser:
        units = units.filter(subtree_q("path", user.reach_paths(roles)))
    return units


def labelled(transitions):
    labels = dict(ExemplarStatus.choices)
    steps = list(transitions)
    for step in steps:
        step.from_label = labels.get(step.from_state, "")
        step.to_label = labels.get(step.to_state, step.to_state)
    return steps


def filtered_exemplars(user, query):
    """``(form, exemplars)`` for the list's GET parameters ``query`` (the list and its export)."""
    units = OrgUnit.objects.visible_to(user).filter(active=True)
    form = ExemplarFilterForm(query or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    params = {k: v for k, v in data.items() if v not in (None, "")}
    if params.get("org") is not None:
        params["org"] = params["org"].pk
    queryset = ExemplarFilter(
        data=params,
        queryset=Exemplar.objects.visible_to(user).select_related(
            "member", "member__org", "org", "owner_org"
        ),
    ).qs.order_by("-created_at", "-id")
    return form, queryset


@login_required
def exemplar_list(request):
    user = request.user
    form, queryset = filtered_exemplars(user, request.GET)
    queryset = queryset.prefetch_related("replications")
    page = CappedPaginator(queryset, LIST_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": units_with(user, FINDER_ROLES).exists(),
    }
    return render(request, "exemplars/exemplar_list.html", context)


def _evidence(exemplar):
    documents = list(Document.objects.for_record(exemplar).select_related("file"))
    photos = [d for d in documents if d.file and d.file.content_type in services.PHOTO_TYPES]
    others = [d for d in documents if d not in photos]
    return photos, others


@login_required
def exemplar_detail(request, pk):
    user = request.user
    exemplar = visible_exemplar_or_404(user, pk)
    replications = list(exemplar.replications.select_related("org", "org__parent", "recorded_by"))
    photos, others = _evidence(exemplar)
    adopting = units_with(user, REPLICATOR_ROLES).exclude(
        pk__in=[r.org_id for r in replications] + [exemplar.nominee_unit.pk]
    )
    can_replicate = exemplar.is_shared and adopting.exists()
    context = {
        "exemplar": exemplar,
        "replications": replications,
        "spread": services.spread(replications),
        "photos": photos,
        "documents": others,
        "history": labelled(transitions_of(exemplar)),
        "can_verify": exemplar.status == ExemplarStatus.FOUND
        and user.has_perm("exemplars.verify_exemplar", exemplar),
        "can_honor": exemplar.status == ExemplarStatus.VERIFIED
        and user.has_perm("exemplars.honor_exemplar", exemplar),
        "can_publish": exemplar.status == ExemplarStatus.HONORED
        and user.has_perm("exemplars.publish_exemplar", exemplar),
        "can_add_evidence": user.has_perm("exemplars.change_exemplar", exemplar)
        and user.has_perm("documents.add_document", exemplar.owner_org),
        "replication_form": ReplicationForm(
            units=adopting, initial={"adopted_on": timezone.localdate()}
        )
        if can_replicate
        else None,
        "evidence_form": EvidenceForm(),
        "verify_form": VerifyForm(initial={"version": exemplar.version}),
    }
    return render(request, "exemplars/exemplar_detail.html", context)


def _create_form(request, user, units):
    members = (
        Member.objects.visible_to(user)
        .filter(active=True)
        .filter(subtree_q("org_path", [u.path for u in units]))
        .select_related("org")
    )
    movements = Movement.objects.visible_to(user).exclude(status="draft").order_by("-starts_on")
    return ExemplarForm(
        request.POST or None,
        units=units,
        members=members,
        movements=movements,
        initial={"owner_org": units.first()},
    )


@login_required
def exemplar_create(request):
    user = request.user
    units = units_with(user, FINDER_ROLES)
    if not units.exists():
        raise PermissionDenied
    form = _create_form(request, user, units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exemplar = services.create_exemplar(
                by=user,
                owner_org=data["owner_org"],
                member=data["member"],
                org=data["org"],
                source=data["source"],
                story=data["story"],
                title=data["title"],
                achievements=data["achievements"],
                movement=data["movement"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The exemplary model was recorded."))
            return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    return render(request, "exemplars/exemplar_form.html", {"form": form})


@login_required
def propose_member(request, member_id):
    """The two-click flag from a member's page: the member, a note, and the proposal."""
    user = request.user
    member = get_object_or_404(Member.objects.visible_to(user).select_related("org"), pk=member_id)
    if not user.has_perm("exemplars.propose_exemplar", member.org):
        raise PermissionDenied
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exemplar = services.propose_member_as_exemplar(
                member, by=user, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s was proposed as an exemplary model; the sector was notified.")
                % {"name": member.full_name},
            )
            return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    existing = Exemplar.objects.visible_to(user).filter(member=member)
    return render(
        request,
        "exemplars/propose_member.html",
        {"member": member, "form": form, "existing": list(existing)},
    )


def _action(request, pk, perm):
    user = request.user
    exemplar = visible_exemplar_or_404(user, pk)
    if not user.has_perm(perm, exemplar):
        raise PermissionDenied
    return exemplar


@login_required
@require_POST
def exemplar_verify(request, pk):
    exemplar = _action(request, pk, "exemplars.verify_exemplar")
    form = VerifyForm(request.POST)
    if form.is_valid():
        try:
            services.verify_exemplar(
                exemplar,
                by=request.user,
                version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.success(request, _("The exemplary model was verified."))
    return redirect("exemplars:exemplar_detail", pk=exemplar.pk)


@login_required
def exemplar_honor(request, pk):
    exemplar = _action(request, pk, "exemplars.honor_exemplar")
    if exemplar.status != ExemplarStatus.VERIFIED:
        messages.info(request, _("Only a verified exemplar can be honoured."))
        return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    form = HonorForm(
        request.POST or None,
        initial={"version": exemplar.version, "honored_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.honor_exemplar(exemplar, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The honour was recorded."))
            return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    return render(
        request,
        "exemplars/exemplar_action.html",
        {"exemplar": exemplar, "form": form, "heading": _("Honour the exemplary model")},
    )


@login_required
def exemplar_publish(request, pk):
    exemplar = _action(request, pk, "exemplars.publish_exemplar")
    if exemplar.status != ExemplarStatus.HONORED:
        messages.info(request, _("Only an honoured exemplar can be published."))
        return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    photos = services.photos_of(exemplar)
    form = PublishForm(
        request.POST or None,
        photos=photos,
        initial={
            "version": exemplar.version,
            "publish": exemplar.publish or request.method == "GET",
            "public_name": exemplar.public_name,
            "public_story": exemplar.public_story or exemplar.story,
            "public_photos": list(exemplar.public_photos.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_publication(exemplar, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            if form.cleaned_data["publish"]:
                messages.success(request, _("The exemplary model is on the public showcase."))
            else:
                messages.success(request, _("The exemplary model was withdrawn from the showcase."))
            return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    return render(
        request,
        "exemplars/exemplar_action.html",
        {"exemplar": exemplar, "form": form, "heading": _("Publish on the public showcase")},
    )


@login_required
@require_POST
def exemplar_replicate(request, pk):
    user = request.user
    exemplar = visible_exemplar_or_404(user, pk)
    if not user.has_perm("exemplars.add_replication"):
        raise PermissionDenied
    units = units_with(user, REPLICATOR_ROLES)
    form = ReplicationForm(request.POST, units=units)
    if form.is_valid():
        try:
            services.record_replication(
                exemplar,
                by=user,
                org=form.cleaned_data["org"],
                adopted_on=form.cleaned_data["adopted_on"],
                how=form.cleaned_data["how"],
                note=form.cleaned_data["note"],
            )
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            messages.error(request, str(exc.detail))
            for error in exc.errors:
                messages.error(request, str(error["message"]))
        else:
            messages.success(request, _("The replication was recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("exemplars:exemplar_detail", pk=exemplar.pk)


@login_required
@require_POST
def exemplar_evidence(request, pk):
    user = request.user
    exemplar = _action(request, pk, "exemplars.change_exemplar")
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_evidence(
                exemplar,
                by=user,
                title=form.cleaned_data["title"],
                data=read_upload(upload),
                file_name=upload.name,
            )
        except Forbidden as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.success(request, _("The evidence was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("exemplars:exemplar_detail", pk=exemplar.pk)


@login_required
def evidence_file(request, pk, document_pk):
    """A file of the exemplar's evidence, for those who see the exemplar."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    exemplar = visible_exemplar_or_404(request.user, pk)
    document = get_object_or_404(
        Document.objects.for_record(exemplar).select_related("file"),
        pk=document_pk,
        file__isnull=False,
    )
    is_photo = document.file.content_type in services.PHOTO_TYPES
    return FileResponse(
        open_blob(document.file),
        as_attachment=not is_photo,
        filename=document.file_name or document.file.sha256,
        content_type=document.file.content_type,
    )
