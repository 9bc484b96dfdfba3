"""News of the units: the list for the user's units, a news item, publishing (sector staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.exceptions import DomainError
from thidua.core.pagination import CappedPaginator
from thidua.exemplars import services
from thidua.exemplars.forms import NewsForm, apply_errors
from thidua.exemplars.models import Exemplar, NewsItem
from thidua.exemplars.rules import SECTOR_ROLES
from thidua.exemplars.views.exemplars import units_with

LIST_PAGE = 20


def visible_news_or_404(user, pk):
    return get_object_or_404(
        NewsItem.objects.visible_to(user).select_related("org", "exemplar", "created_by"), pk=pk
    )


@login_required
def news_list(request):
    user = request.user
    queryset = NewsItem.objects.visible_to(user).select_related("org")
    q = request.GET.get("q", "")[:100]
    if q:
        queryset = queryset.search(q)
    page = CappedPaginator(queryset.order_by("-published_at", "-id"), LIST_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "q": q,
        "query": f"q={q}" if q else "",
        "can_publish": units_with(user, SECTOR_ROLES).exists(),
    }
    return render(request, "exemplars/news_list.html", context)


@login_required
def news_detail(request, pk):
    user = request.user
    item = visible_news_or_404(user, pk)
    exemplar = None
    if item.exemplar_id:
        exemplar = Exemplar.objects.visible_to(user).filter(pk=item.exemplar_id).first()
    context = {
        "item": item,
        "exemplar": exemplar,
        "can_edit": user.has_perm("exemplars.publish_news", item.org),
    }
    return render(request, "exemplars/news_detail.html", context)


def _exemplars(user):
    return Exemplar.objects.visible_to(user).filter(status__in=("verified", "honored"))


@login_required
def news_create(request):
    user = request.user
    units = units_with(user, SECTOR_ROLES)
    if not units.exists():
        raise PermissionDenied
    form = NewsForm(
        request.POST or None,
        units=units,
        exemplars=_exemplars(user),
        initial={"org": units.first(), "exemplar": request.GET.get("exemplar")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.publish_news(
                by=user,
                org=data["org"],
                title=data["title"],
                body=data["body"],
                exemplar=data["exemplar"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The news item was published and the units were told."))
            return redirect("exemplars:news_detail", pk=item.pk)
    return render(request, "exemplars/news_form.html", {"form": form, "item": None})


@login_required
def news_edit(request, pk):
    user = request.user
    item = visible_news_or_404(user, pk)
    if not user.has_perm("exemplars.publish_news", item.org):
        raise PermissionDenied
    form = NewsForm(
        request.POST or None,
        units=units_with(user, SECTOR_ROLES),
        exemplars=_exemplars(user),
        editing=True,
        initial={
            "title": item.title,
            "body": item.body,
            "exemplar": item.exemplar_id,
            "version": item.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_news(item, by=user, version=version, **data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The news item was saved."))
            return redirect("exemplars:news_detail", pk=item.pk)
    return render(request, "exemplars/news_form.html", {"form": form, "item": item})


@login_required
@require_POST
def news_delete(request, pk):
    user = request.user
    item = visible_news_or_404(user, pk)
    if not user.has_perm("exemplars.publish_news", item.org):
        raise PermissionDenied
    services.delete_news(item, by=user)
    messages.success(request, _("The news item was deleted."))
    return redirect("exemplars:news_list")
