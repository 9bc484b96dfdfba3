"""Helpers for services: refuse an action the user may not take."""

from django.utils.translation import gettext as _

from thidua.core.exceptions import Forbidden


def require(user, perm, obj=None, message=None):
    """Raise ``Forbidden`` unless ``user`` has ``perm`` on ``obj`` (a ``rules`` permission)."""
    if user is None or not user.has_perm(perm, obj):
        raise Forbidden(message or _("You are not allowed to do this."))
