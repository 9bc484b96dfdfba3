"""Pages of the public notice and the council. Reading starts from ``visible_to`` (404 outside
reach); every write goes through ``council.services`` or ``council.minutes``."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError
from thidua.council import minutes, services
from thidua.council.models import CouncilMember, CouncilRole, CouncilSession, Feedback, Notice
from thidua.council.rules import PUBLISHER_ROLES, RESOLVER_ROLES, SECRETARY_ROLES
from thidua.documents import services as documents
from thidua.nominations.models import Nomination, NominationStatus
from thidua.organizations.forms import dmy_date_input
from thidua.organizations.models import OrgUnit


def _errors(form, exc):
    for error in exc.errors:
        field = error.get("field")
        form.add_error(field if field in form.fields else None, error["message"])
    for reason in exc.reasons:
        form.add_error(None, reason)
    if not exc.errors and not exc.reasons:
        form.add_error(None, str(exc.detail))


class PublishForm(forms.Form):
    nominations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Appraised nominations"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    notice_ends_on = forms.DateField(label=gettext_lazy("Notice ends on"), widget=dmy_date_input())


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your feedback"), widget=forms.Textarea(attrs={"rows": 3})
    )
    is_objection = forms.BooleanField(
        label=gettext_lazy("This is an objection"), required=False, initial=True
    )
    confidential = forms.BooleanField(
        label=gettext_lazy("Keep my name from the nominee's unit"), required=False
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=gettext_lazy("Resolution"), widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("User"), queryset=None)
    role = forms.ChoiceField(label=gettext_lazy("Role in the council"), choices=CouncilRole.choices)


class SessionForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=dmy_date_input())
    place = forms.CharField(label=gettext_lazy("Place"), max_length=255, required=False)
    members_present = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Members present"),
        queryset=CouncilMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    nominations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Agenda"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )


def _units(user, roles):
    """Units where ``user`` holds one of ``roles`` (superuser: sector unions)."""
    if user.is_superuser:
        return list(OrgUnit.objects.filter(kind="sector_union"))
    seen = {a.org.pk: a.org for a in user.role_assignments if a.role in roles}
    return sorted(seen.values(), key=lambda o: o.path)


def _pick_unit(request, roles):
    units = _units(request.user, roles)
    if not units:
        raise PermissionDenied
    wanted = request.GET.get("org") or request.POST.get("org")
    return next((u for u in units if str(u.pk) == wanted), units[0]), units


# --- public notice --------------------------------------------------------------------------


@login_required
def notice_list(request):
    """The published nominations the user may read, with a feedback form while notices run."""
    user = request.user
    notices = (
        Notice.objects.visible_to(user)
        .select_related("org")
        .prefetch_related("nominations__award_type", "nominations__member__org")
        .prefetch_related("nominations__nominee_org")
    )
    return render(
        request,
        "council/notice_list.html",
        {
            "notices": notices,
            "form": FeedbackForm(),
            "can_publish": user.is_superuser or user.has_role(*PUBLISHER_ROLES),
        },
    )


@login_required
def feedback_send(request, pk):
    user = request.user
    nomination = get_object_or_404(services.published_nominations(user), pk=pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_feedback(nomination, by=user, **form.cleaned_data)
        except DomainError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Your feedback was sent."))
            return redirect("council:notice_list")
    return render(request, "council/feedback_form.html", {"nomination": nomination, "form": form})


@login_required
def publish(request):
    user = request.user
    org, units = _pick_unit(request, PUBLISHER_ROLES)
    form = PublishForm(request.POST or None, initial={"org": org.pk})
    form.fields["nominations"].queryset = (
        Nomination.objects.visible_to(user)
        .in_subtree(org)
        .filter(status=NominationStatus.APPRAISED)
        .select_related("award_type", "member", "nominee_org")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_nominations(
                by=user,
                org=org,
                nominations=form.cleaned_data["nominations"],
                notice_ends_on=form.cleaned_data["notice_ends_on"],
            )
        except DomainError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The nominations were published."))
            return redirect("council:notice_list")
    return render(request, "council/publish.html", {"form": form, "org": org, "units": units})


@login_required
def feedback_list(request):
    """Feedback on the nominations in reach; resolvers get a form per unresolved one."""
    user = request.user
    items = (
        Feedback.objects.visible_to(user)
        .select_related("nomination__award_type", "nomination__org", "author", "notice__org")
        .select_related("nomination__member", "nomination__nominee_org")
    )
    if request.GET.get("all") != "1":
        items = items.unresolved()
    rows = [
        {
            "feedback": f,
            "author": f.author.get_full_name() if services.author_shown(f, user) else None,
            "can_resolve": not f.is_resolved
            and user.has_perm("council.resolve_feedback", f.notice.org),
        }
        for f in items[:300]
    ]
    return render(
        request,
        "council/feedback_list.html",
        {"rows": rows, "form": ResolveForm(), "all": request.GET.get("all") == "1"},
    )


@login_required
@require_POST
def feedback_resolve(request, pk):
    feedback = get_object_or_404(
        Feedback.objects.visible_to(request.user).select_related("notice__org"), pk=pk
    )
    if not request.user.has_perm("council.resolve_feedback", feedback.notice.org):
        raise PermissionDenied
    form = ResolveForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Say how the feedback was resolved."))
        services.resolve_feedback(
            feedback, by=request.user, resolution=form.cleaned_data["resolution"]
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The feedback was resolved."))
    return redirect("council:feedback_list")


# --- council --------------------------------------------------------------------------------


@login_required
def member_list(request):
    user = request.user
    org, units = _pick_unit(request, {*SECRETARY_ROLES, "council_member"})
    can_manage = user.has_perm("council.manage_members", org)
    form = None
    if can_manage:
        form = MemberForm(request.POST or None)
        form.fields["user"].queryset = services.eligible_council_users(org)
        if request.method == "POST" and form.is_valid():
            try:
                services.add_council_member(by=user, org=org, **form.cleaned_data)
            except DomainError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("The council member was added."))
                return redirect(f"{request.path}?org={org.pk}")
    elif request.method == "POST":
        raise PermissionDenied
    seats = CouncilMember.objects.filter(org=org, active=True).select_related("user")
    return render(
        request,
        "council/member_list.html",
        {"org": org, "units": units, "seats": seats, "form": form, "can_manage": can_manage},
    )


@login_required
@require_POST
def member_remove(request, pk):
    seat = get_object_or_404(CouncilMember.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("council.manage_members", seat.org):
        raise PermissionDenied
    try:
        services.remove_council_member(seat, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The member left the council."))
    return redirect(f"{reverse_members()}?org={seat.org_id}")


def reverse_members():
    from django.urls import reverse

    return reverse("council:member_list")


@login_required
def session_list(request):
    user = request.user
    sessions = CouncilSession.objects.visible_to(user).select_related("org")
    can_create = user.is_superuser or user.has_role(*SECRETARY_ROLES)
    return render(
        request, "council/session_list.html", {"sessions": sessions, "can_create": can_create}
    )


@login_required
def session_create(request):
    user = request.user
    org, units = _pick_unit(request, SECRETARY_ROLES)
    if not user.has_perm("council.hold_session", org):
        raise PermissionDenied
    form = SessionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    form.fields["members_present"].queryset = CouncilMember.objects.filter(
        org=org, active=True
    ).select_related("user")
    form.fields["nominations"].queryset = (
        Nomination.objects.visible_to(user)
        .in_subtree(org)
        .filter(status=NominationStatus.APPRAISED)
        .select_related("award_type", "member", "nominee_org")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.create_session(
                by=user,
                org=org,
                held_on=data["held_on"],
                place=data["place"],
                members_present=list(data["members_present"]),
                nominations=list(data["nominations"]),
            )
        except DomainError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The session was recorded."))
            return redirect("council:session_detail", pk=session.pk)
    return render(request, "council/session_form.html", {"form": form, "org": org, "units": units})


def _session(user, pk):
    return get_object_or_404(CouncilSession.objects.visible_to(user).select_related("org"), pk=pk)


def _acting_session(request, pk, *perms):
    """The session seen by the user (404 otherwise) whose unit they record for: the council's
    secretary roles plus ``perms`` on the session's unit (403 otherwise)."""
    session = _session(request.user, pk)
    needed = ("council.hold_session", *perms)
    if not all(request.user.has_perm(perm, session.org) for perm in needed):
        raise PermissionDenied
    return session


@login_required
def session_detail(request, pk):
    user = request.user
    session = _session(user, pk)
    ballots = {b.nomination_id: b for b in session.ballots.all()}
    agenda = [
        {"nomination": n, "ballot": ballots.get(n.pk), "blockers": services.decision_blockers(n)}
        for n in session.nominations.select_related("award_type", "member", "nominee_org")
    ]
    can_act = user.has_perm("council.hold_session", session.org)
    return render(
        request,
        "council/session_detail.html",
        {
            "session": session,
            "agenda": agenda,
            "can_act": can_act,
            "can_sign": can_act
            and session.minutes_id is not None
            and not session.minutes.signed
            and minutes.can_sign(session),
            "present": session.members_present.select_related("user"),
        },
    )


def _count(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


@login_required
@require_POST
def ballot_record(request, pk, nomination_pk):
    session = _acting_session(request, pk)
    nomination = get_object_or_404(session.nominations.all(), pk=nomination_pk)
    try:
        services.record_ballot(
            session,
            by=request.user,
            nomination=nomination,
            approve=_count(request.POST.get("approve")),
            disapprove=_count(request.POST.get("disapprove")),
            abstain=_count(request.POST.get("abstain")),
        )
    except DomainError as exc:
        details = [e["message"] for e in exc.errors] or [str(exc.detail)]
        messages.error(request, " ".join(details))
    else:
        messages.success(request, _("The ballot was recorded."))
    return redirect("council:session_detail", pk=session.pk)


@login_required
@require_POST
def session_close(request, pk):
    session = _acting_session(request, pk)
    try:
        services.close_session(session, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    return redirect("council:session_detail", pk=session.pk)


@login_required
@require_POST
def minutes_generate(request, pk):
    session = _acting_session(request, pk, "documents.issue_document")
    try:
        minutes.generate_minutes(session, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The minutes were issued."))
    return redirect("council:session_detail", pk=session.pk)


@login_required
@require_POST
def minutes_sign(request, pk):
    session = _acting_session(request, pk, "documents.sign_document")
    if session.minutes_id is None:
        messages.error(request, _("Issue the minutes first."))
    else:
        try:
            documents.sign_document(session.minutes, by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.success(request, _("The minutes were signed."))
    return redirect("council:session_detail", pk=session.pk)


@login_required
def minutes_download(request, pk):
    session = _session(request.user, pk)
    response = HttpResponse(
        minutes.minutes_docx(session),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = session.minutes.number_symbol.replace("/", "-") if session.minutes_id else "bien-ban"
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


def sees_feedback(user):
    return user.is_authenticated and (user.is_superuser or user.has_role(*RESOLVER_ROLES))
