"""Signing set-up for the sector admin: units' certificates and number series, trust anchors.

A unit (or a certificate of a unit) outside the user's reach answers 404; one the user can see
but whose signing they may not manage answers 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError
from thidua.documents import services
from thidua.documents.forms import IssuerSettingsForm, SigningCertificateForm, TrustAnchorForm
from thidua.documents.models import IssuerSettings, SigningCertificate, TrustAnchor
from thidua.documents.uploads import read_upload
from thidua.documents.views import show_errors
from thidua.documents.views.archive import units_for
from thidua.organizations.models import OrgKind, OrgUnit

PERMISSION = "documents.manage_signing"


def _managed_units(user):
    return units_for(user, PERMISSION)


def _signing_units(user):
    """The units in the user's reach that have a signing set-up (active, not union groups)."""
    return OrgUnit.objects.visible_to(user).filter(active=True).exclude(kind=OrgKind.UNION_GROUP)


def _require_manage(user, org):
    if not user.has_perm(PERMISSION, org):
        raise PermissionDenied


@login_required
def signing_overview(request):
    units = _managed_units(request.user)
    if not units.exists():
        return render(request, "errors/403.html", status=403)
    settings_by_org = {
        s.org_id: s
        for s in IssuerSettings.objects.filter(org__in=units).select_related("signing_certificate")
    }
    rows = [(unit, settings_by_org.get(unit.pk)) for unit in units]
    return render(request, "documents/signing_overview.html", {"rows": rows})


@login_required
def unit_signing(request, org_pk):
    org = get_object_or_404(_signing_units(request.user), pk=org_pk)
    _require_manage(request.user, org)
    certificates = SigningCertificate.objects.filter(org=org)
    current = services.settings_for(org)
    settings_form = IssuerSettingsForm(
        initial={
            "per_type_series": current.per_type_series,
            "signing_certificate": current.signing_certificate_id,
        },
        certificates=certificates,
    )
    certificate_form = SigningCertificateForm()
    if request.method == "POST":
        if "save_settings" in request.POST:
            settings_form = IssuerSettingsForm(request.POST, certificates=certificates)
            if settings_form.is_valid():
                try:
                    services.update_issuer_settings(
                        org,
                        by=request.user,
                        per_type_series=settings_form.cleaned_data["per_type_series"],
                        signing_certificate=settings_form.cleaned_data["signing_certificate"],
                    )
                except DomainError as exc:
                    show_errors(settings_form, exc)
                else:
                    messages.success(request, _("The settings were saved."))
                    return redirect("documents:unit_signing", org_pk=org.pk)
        else:
            certificate_form = SigningCertificateForm(request.POST, request.FILES)
            if certificate_form.is_valid():
                data = certificate_form.cleaned_data
                try:
                    services.add_signing_certificate(
                        org=org,
                        by=request.user,
                        name=data["name"],
                        data=read_upload(data["file"]),
                        password=data["password"],
                    )
                except DomainError as exc:
                    show_errors(certificate_form, exc)
                else:
                    messages.success(request, _("The signing certificate was added."))
                    return redirect("documents:unit_signing", org_pk=org.pk)
    return render(
        request,
        "documents/unit_signing.html",
        {
            "org": org,
            "certificates": certificates,
            "current": current,
            "settings_form": settings_form,
            "certificate_form": certificate_form,
        },
    )


@login_required
@require_POST
def certificate_delete(request, pk):
    certificate = get_object_or_404(
        SigningCertificate.objects.filter(org__in=_signing_units(request.user)).select_related(
            "org"
        ),
        pk=pk,
    )
    _require_manage(request.user, certificate.org)
    org_pk = certificate.org_id
    try:
        services.delete_signing_certificate(certificate, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("The signing certificate was removed."))
    return redirect("documents:unit_signing", org_pk=org_pk)


@login_required
def trust_anchors(request):
    if not request.user.has_perm("documents.manage_signing"):
        return render(request, "errors/403.html", status=403)
    form = TrustAnchorForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("certificate")
        pem = read_upload(upload) if upload else form.cleaned_data["certificate_pem"]
        try:
            services.add_trust_anchor(by=request.user, name=form.cleaned_data["name"], pem=pem)
        except DomainError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The trust anchor was added."))
            return redirect("documents:trust_anchors")
    return render(
        request,
        "documents/trust_anchors.html",
        {"form": form, "anchors": TrustAnchor.objects.all()},
    )


@login_required
@require_POST
def trust_anchor_toggle(request, pk):
    if not request.user.has_perm("documents.manage_signing"):
        return render(request, "errors/403.html", status=403)
    anchor = get_object_or_404(TrustAnchor, pk=pk)
    services.set_trust_anchor_active(anchor, not anchor.active, by=request.user)
    messages.success(request, _("The trust anchor was updated."))
    return redirect("documents:trust_anchors")
