"""The main menu: each app registers its entries in ``AppConfig.ready``; each entry says who sees it."""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str = ""
    order: int = 100
    # A callable(user) -> bool; the entry shows only when it returns True.
    visible: object = field(default=lambda user: user.is_authenticated)


_registry: list[NavItem] = []


def register(*items: NavItem):
    for item in items:
        if item not in _registry:
            _registry.append(item)


def navigation_for(user):
    """The entries ``user`` may use, in menu order, as ``{"label", "url", "icon", "url_name"}``."""
    if not user.is_authenticated:
        return []
    entries = []
    for item in sorted(_registry, key=lambda i: i.order):
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": item.label, "url": url, "icon": item.icon, "url_name": item.url_name})
    return entries
