"""Issue 21, point 5: the work list's filter and search forms are rendered once for the same
fields, choices and input (forms/rendered_once.py), and the markup reused is the markup a
fresh render gives; other input, other choices or errors are rendered anew."""

from django.http import QueryDict

from bb103.cases.selectors.worklist_search import FilterChoices
from bb103.web.forms import rendered_once
from bb103.web.forms.worklist import WorkListFilterForm, WorkListSearchForm


def _form(query: str, caseworkers=((7, "Rita Rådgiver"),), cls=WorkListFilterForm):
    form = cls(QueryDict(query))
    form.is_valid()
    form.offer_choices(
        FilterChoices(caseworkers=list(caseworkers), offers=[(3, "Værkstedet")], municipalities=[])
    )
    return form


def _fresh(form) -> str:
    return str(super(rendered_once.RenderedOnce, form).render())


def test_the_same_input_gives_the_same_markup_rendered_once(monkeypatch) -> None:
    monkeypatch.setattr(rendered_once, "_rendered", rendered_once.OrderedDict())
    first = _form("status=active&frist=30")
    html = str(first)
    assert len(rendered_once._rendered) == 1
    again = _form("status=active&frist=30")
    assert str(again) == html == _fresh(again)
    assert len(rendered_once._rendered) == 1
    assert 'value="30"' in html


def test_other_input_or_choices_are_rendered_anew(monkeypatch) -> None:
    monkeypatch.setattr(rendered_once, "_rendered", rendered_once.OrderedDict())
    str(_form("status=active"))
    other = _form("status=decided")
    assert str(other) == _fresh(other)
    renamed = _form("status=active", caseworkers=((7, "Rita Nyt-Navn"),))
    assert "Rita Nyt-Navn" in str(renamed)
    search = WorkListSearchForm(initial={"status": "active"})
    assert str(search) == _fresh(search)
    assert len(rendered_once._rendered) == 4


def test_a_form_with_errors_is_rendered_each_time(monkeypatch) -> None:
    monkeypatch.setattr(rendered_once, "_rendered", rendered_once.OrderedDict())
    form = _form("frist=abc")
    assert "Frist inden for (dage): skriv et helt antal dage" in str(form)
    assert len(rendered_once._rendered) == 0


def test_only_the_last_few_hundred_are_kept(monkeypatch) -> None:
    monkeypatch.setattr(rendered_once, "_rendered", rendered_once.OrderedDict())
    monkeypatch.setattr(rendered_once, "LIMIT", 3)
    for days in range(5):
        str(_form(f"frist={days}"))
    assert len(rendered_once._rendered) == 3


def test_a_search_posted_is_not_kept(monkeypatch) -> None:
    monkeypatch.setattr(rendered_once, "_rendered", rendered_once.OrderedDict())
    search = _form("q=Prøvesen&status=active", cls=WorkListSearchForm)
    assert 'value="Prøvesen"' in str(search)
    assert len(rendered_once._rendered) == 0


def test_only_the_forms_own_fields_are_in_the_key(monkeypatch) -> None:
    """A search's words put in the address by hand are not a filter: not kept."""
    monkeypatch.setattr(rendered_once, "_rendered", rendered_once.OrderedDict())
    plain = str(_form("status=active"))
    assert str(_form("status=active&q=Prøvesen")) == plain
    assert "Prøvesen" not in repr(list(rendered_once._rendered))
    assert len(rendered_once._rendered) == 1
