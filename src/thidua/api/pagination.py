"""List pages of the contract: ``?page=1&page_size=50`` (max 200) → count, next, previous,
results."""

from ninja import Field, Schema
from pydantic import create_model

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=10_000_000, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        description=f"Items per page; larger values than {MAX_PAGE_SIZE} are reduced to it.",
    )

    @property
    def size(self):
        """The page size in force: ``page_size`` capped at ``MAX_PAGE_SIZE``."""
        return min(self.page_size, MAX_PAGE_SIZE)


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

    ``serialize`` turns the list of the page's objects into items (default: the objects
    themselves); it receives the whole page so it can load related data in one query.
    Pages beyond the last are empty rather than errors.
    """
    size = query.size
    count = queryset.count()
    start = (query.page - 1) * size
    objects = list(queryset[start : start + size]) if start < count else []

    def link(page):
        params = request.GET.copy()
        params["page"] = page
        params["page_size"] = size
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "next": link(query.page + 1) if start + size < count else None,
        "previous": link(query.page - 1) if query.page > 1 and start - size < count else None,
        "results": serialize(objects) if serialize else objects,
    }
