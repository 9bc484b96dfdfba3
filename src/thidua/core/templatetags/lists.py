"""``{{ page.paginator.count|capped_count }}``: a list's count grouped by the locale ("1.234"), or
"more than 10.000" when ``core.pagination`` stopped counting at the cap. Takes a ``CappedCount``
or a paginator; a plain number is shown as it is."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def capped_count(value):
    count = getattr(value, "count", value)
    shown = intcomma(count)
    if getattr(count, "capped", False):
        return _("more than %(n)s") % {"n": shown}
    return shown
