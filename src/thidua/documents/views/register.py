"""The outgoing register (sổ đăng ký văn bản đi) of a unit and year, on screen and as .xlsx."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thidua.core.xlsx import XLSX_CONTENT_TYPE
from thidua.documents.filters import DocumentFilter
from thidua.documents.forms import RegisterForm
from thidua.documents.register import register_documents, register_xlsx
from thidua.documents.views.archive import units_for


def _register_context(request):
    """The chosen unit, year and filtered rows, or ``None`` when the user reaches no register."""
    units = units_for(request.user, "documents.view_register")
    if not units.exists():
        return None
    home = request.user.home_org
    default_org = home if home and units.filter(pk=home.pk).exists() else units.first()
    data = request.GET.copy()
    data.setdefault("org", str(default_org.pk))
    data.setdefault("year", str(timezone.localdate().year))
    form = RegisterForm(data, units=units)
    org, year = default_org, timezone.localdate().year
    if form.is_valid():
        org, year = form.cleaned_data["org"], form.cleaned_data["year"]
    rows = register_documents(org, year)
    filterset = DocumentFilter(
        {key: data.get(key) for key in ("q", "doc_type", "status", "number")}, queryset=rows
    )
    for name in ("org", "year"):
        filterset.form.fields.pop(name)
    return {"form": form, "filter": filterset, "org": org, "year": year, "rows": filterset.qs}


@login_required
def register_view(request):
    context = _register_context(request)
    if context is None:
        return render(request, "errors/403.html", status=403)
    return render(request, "documents/register.html", context)


@login_required
def register_export(request):
    context = _register_context(request)
    if context is None:
        return render(request, "errors/403.html", status=403)
    content = register_xlsx(context["org"], context["year"], context["rows"])
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"so-van-ban-di-{context['org'].code}-{context['year']}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
