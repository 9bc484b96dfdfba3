"""Small template filters of the account pages."""

import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value):
    """A ``timedelta`` in whole minutes, rounded up (15 for the default lockout cool-off)."""
    if not isinstance(value, timedelta):
        return ""
    return max(1, math.ceil(value.total_seconds() / 60))
