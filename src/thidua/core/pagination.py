"""Bounded counts for HTML list pages.

At national size a list over a subtree holds millions of rows, and Django's ``Paginator.count``
(an exact ``COUNT(*)``) reads every one of them. HTML pages count at most ``LIST_COUNT_CAP`` rows
instead: ``COUNT(*)`` over a subquery with ``LIMIT cap + 1``, which stops as soon as it knows the
answer. Beyond the cap a page says "more than 10,000" (the ``capped_count`` filter of
``core/templatetags/lists.py``) and pages past it are not offered: narrowing the filters shows the
rest. The JSON API keeps its exact ``count`` (``api/pagination.py``, the contract of API.md).
"""

import inspect

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.inspect import method_has_no_args


class CappedCount(int):
    """A count that may have stopped at the cap: ``capped`` means the true number is larger."""

    capped: bool

    def __new__(cls, value, capped=False):
        count = super().__new__(cls, value)
        count.capped = capped
        return count

    def __repr__(self):
        return f"CappedCount({int(self)}, capped={self.capped})"


def list_count_cap() -> int:
    return settings.LIST_COUNT_CAP


def capped_count(object_list, cap=None) -> CappedCount:
    """``min(len(object_list), cap)``, reading at most ``cap + 1`` rows of a queryset.

    The ordering is dropped for the count (like Django's own ``count()``), so the database stops
    after ``cap + 1`` matching rows instead of sorting them all first; ``DISTINCT ON`` keeps it.
    """
    cap = list_count_cap() if cap is None else cap
    query = getattr(object_list, "query", None)
    if query is not None and not query.distinct_fields and not query.is_sliced:
        object_list = object_list.order_by()
    head = object_list[: cap + 1]
    count = getattr(head, "count", None)
    if callable(count) and not inspect.isbuiltin(count) and method_has_no_args(count):
        size = count()
    else:
        size = len(head)
    return CappedCount(min(size, cap), capped=size > cap)


class CappedPaginator(Paginator):
    """Django's ``Paginator`` whose ``count`` is ``min(true count, cap)`` (``count_capped`` says
    whether it stopped there). ``num_pages`` follows the capped count, so pages beyond the cap are
    not offered and ``get_page`` past them gives the last one offered, as Django does."""

    def __init__(self, object_list, per_page, *args, cap=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = list_count_cap() if cap is None else cap

    @cached_property
    def count(self):
        return capped_count(self.object_list, self.cap)

    @property
    def count_capped(self) -> bool:
        return self.count.capped
