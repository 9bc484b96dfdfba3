"""Panels of the start page: what each user must do now, contributed by the apps.

An app registers a function ``panel(user) -> Panel | None`` in ``AppConfig.ready``; the start page
shows the panels that return something, in registration order.
"""

from dataclasses import dataclass, field


@dataclass
class PanelItem:
    label: str
    url: str
    detail: str = ""
    due_on: object = None
    late: bool = False


@dataclass
class Panel:
    title: str
    items: list[PanelItem] = field(default_factory=list)
    # Shown instead of the list when there is nothing to do.
    empty: str = ""
    more_url: str = ""
    more_label: str = ""


_panels = []


def register(function):
    if function not in _panels:
        _panels.append(function)
    return function


def panels_for(user):
    if not user.is_authenticated:
        return []
    return [panel for panel in (function(user) for function in _panels) if panel is not None]
