from django import template

register = template.Library()

_WEEKDAYS = {1: "man", 2: "tir", 3: "ons", 4: "tor", 5: "fre", 6: "lør", 7: "søn"}


@register.filter
def weekday_names(weekdays: str) -> str:
    """ "1234" (ISO weekday numbers) -> "man, tir, ons, tor"."""
    return ", ".join(
        _WEEKDAYS[int(c)] for c in sorted(weekdays) if c.isdigit() and int(c) in _WEEKDAYS
    )
