"""The main menu (``<nav aria-label="Hovedmenu">`` in base.html): the areas the user may
open, in a fixed order, each area decided by :mod:`bb103.cases.selectors.access`, the same
functions the areas' own pages ask. So the menu holds no list of roles of its own, and a
link in it never ends in "Siden findes ikke" (issue 16, point 7)."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from bb103.cases import selectors


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: bool


# (area in bb103.cases.selectors.access.AREAS, the menu's text, the URL's name), in the
# order the menu shows them.
MENU = (
    ("worklist", "Arbejdsliste", "worklist"),
    ("overview", "Overblik", "overview"),
    ("citizens", "Søg borger", "citizen-search"),
    ("catalogue", "Tilbud", "providers"),
    ("audit_log", "Log", "audit-search"),
    ("settlement", "Afregning", "settlement-index"),
    ("provider_work", "Mit tilbud", "provider-start"),
    ("retention", "Opbevaring", "retention-report"),
    ("team", "Team", "team"),
    ("administration", "Administration", "administration"),
)


def menu_for(request: HttpRequest) -> list[MenuItem]:
    areas = selectors.areas_for_user(request.user)
    items = []
    for area, label, name in MENU:
        if area in areas:
            url = reverse(name)
            items.append(MenuItem(label, url, request.path == url))
    return items


def menu(request: HttpRequest) -> dict[str, object]:
    """Context processor. Lazy: the one query runs only when a page shows the menu (never
    for an htmx fragment or a page without the frame)."""
    return {"main_menu": SimpleLazyObject(lambda: menu_for(request))}
