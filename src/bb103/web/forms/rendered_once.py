"""A form whose markup is made once for the same fields, choices and input, and then reused
(the work list's filter and search forms, on every work-list page: some 7 % of its CPU went
to rendering the same two forms again, issue 21, point 5).

The markup of such a form depends only on what is in the key: its class, fields, the
choices of its selects, the data it was bound to (or its initial values) and the language.
The CSRF token is not in a form's own markup (the page's template writes it beside the
form), so nothing of one request or user can reach another's page. Kept per process, the
last few hundred; a form with errors, or posted with what a user typed (a search), is
rendered each time.
"""

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock
from typing import Any

from django import forms
from django.utils.safestring import SafeString
from django.utils.translation import get_language

LIMIT = 256
_rendered: OrderedDict[Hashable, SafeString] = OrderedDict()
_lock = Lock()


def _frozen(value: Any) -> Hashable:
    if isinstance(value, list | tuple):
        # Choices: a list of (value, label) pairs, already hashable but for the list.
        if all(type(v) is tuple for v in value):
            try:
                hash(items := tuple(value))
                return items
            except TypeError:
                pass
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    return value if isinstance(value, Hashable) else repr(value)


class RenderedOnce(forms.Form):
    # False for a form posted with what a user typed (a search for a name): that is not kept.
    rendered_once_when_bound = True

    def _render_key(self) -> Hashable:
        # Only the form's own fields' input: the markup depends on nothing else, and nothing
        # else in the address (a search's words put there by hand, say) is kept.
        getlist = getattr(self.data, "getlist", lambda name: [self.data.get(name)])
        data = tuple((name, tuple(getlist(self.add_prefix(name)))) for name in self.fields)
        fields = tuple(
            (name, type(field.widget).__name__, _frozen(getattr(field.widget, "choices", None)))
            for name, field in self.fields.items()
        )
        return (type(self), get_language(), self.is_bound, data, _frozen(self.initial), fields)

    def render(self, template_name=None, context=None, renderer=None) -> SafeString:  # type: ignore[no-untyped-def]
        bound = self.is_bound and (self.errors or not self.rendered_once_when_bound)
        if template_name or context or renderer or bound:
            return super().render(template_name, context, renderer)
        key = self._render_key()
        with _lock:
            found = _rendered.get(key)
            if found is not None:
                _rendered.move_to_end(key)
                return found
        html = super().render()
        with _lock:
            _rendered[key] = html
            if len(_rendered) > LIMIT:
                _rendered.popitem(last=False)
        return html

    # Django's forms bind these to its own render, so a template's {{ form }} would not come
    # here without them.
    __str__ = render
    __html__ = render
