"""List pages of the contract: ``?page=1&page_size=50`` (max 200) → count, next, previous, results."""

from django.core.paginator import Paginator
from ninja import Field, Schema
from pydantic import create_model

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=10_000_000)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


_page_models = {}


def page_of(item_schema):
    """The response schema of a list of ``item_schema`` (one model per item type)."""
    name = item_schema.__name__.removesuffix("Out") + "Page"
    if name not in _page_models:
        _page_models[name] = create_model(
            name,
            __base__=Schema,
            count=(int, ...),
            next=(str | None, None),
            previous=(str | None, None),
            results=(list[item_schema], ...),
        )
    return _page_models[name]


def paginate(request, queryset, query: PageQuery, serialize=None):
    """One page of ``queryset`` as the contract's list object.

    ``serialize`` turns the page's objects into items (default: the objects themselves).
    Pages beyond the last are empty rather than errors.
    """
    paginator = Paginator(queryset, query.page_size)
    count = paginator.count
    start = (query.page - 1) * query.page_size
    objects = list(queryset[start : start + query.page_size]) if start < count else []

    def link(page):
        params = request.GET.copy()
        params["page"] = page
        params["page_size"] = query.page_size
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "next": link(query.page + 1) if start + query.page_size < count else None,
        "previous": link(query.page - 1) if query.page > 1 and start - query.page_size < count else None,
        "results": serialize(objects) if serialize else objects,
    }
