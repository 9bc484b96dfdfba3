"""The main menu: apps register entries in ``AppConfig.ready``; each entry says who sees it."""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The menu's groups; apps put their entries in one of these.
ORGANISATION = _("Organisation")
EMULATION = _("Emulation")
DOCUMENTS = _("Documents")
ADMINISTRATION = _("Administration")


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str = ""
    order: int = 100
    # Entries with the same group share a dropdown menu labelled with the group.
    group: str = ""
    # A callable(user) -> bool; the entry shows only when it returns True.
    visible: object = field(default=lambda user: user.is_authenticated)


_registry: list[NavItem] = []


def register(*items: NavItem):
    for item in items:
        if item not in _registry:
            _registry.append(item)


def navigation_for(user):
    """The menu for ``user``: entries they may use, in order, grouped into dropdowns.

    Each element is ``{"label", "icon", "url", "url_name"}`` for a single entry, or
    ``{"label", "children": [entries]}`` for a group.
    """
    if not user.is_authenticated:
        return []
    menu, groups = [], {}
    for item in sorted(_registry, key=lambda i: i.order):
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entry = {"label": item.label, "url": url, "icon": item.icon, "url_name": item.url_name}
        if not item.group:
            menu.append(entry)
            continue
        if item.group not in groups:
            groups[item.group] = {"label": item.group, "children": []}
            menu.append(groups[item.group])
        groups[item.group]["children"].append(entry)
    return menu
