"""Issue 21, point 5: the instances the one-statement reads make (selectors/instances.py)
are the ones ``Model.from_db`` makes, for every model of the case system, whole and with
fields deferred; a model with an init signal's receiver is made by ``from_db`` itself."""

from datetime import date

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import post_init

from bb103.cases.models import Case, Citizen
from bb103.cases.selectors import instances


def _sample(model: type[Model]) -> tuple[list[str], list[object]]:
    """Every concrete field's attribute name, with a value of the field's kind."""
    names, values = [], []
    for i, field in enumerate(model._meta.concrete_fields):
        names.append(field.attname)
        values.append(date(2026, 1, 1 + i % 28) if field.get_internal_type() == "DateField" else i)
    return names, values


def _same(made: Model, expected: Model) -> None:
    assert type(made) is type(expected)
    assert vars(made).keys() == vars(expected).keys()
    for name, value in vars(expected).items():
        if name != "_state":
            assert getattr(made, name) == value, name
    assert (made._state.adding, made._state.db) == (False, expected._state.db)
    assert made.get_deferred_fields() == expected.get_deferred_fields()
    assert made._state.fields_cache == {}


def test_every_model_made_as_from_db_makes_it() -> None:
    for model in apps.get_app_config("cases").get_models():
        names, values = _sample(model)
        _same(
            instances.from_db(model, "default", names, values),
            model.from_db("default", names, values),
        )


def test_deferred_fields_stay_deferred() -> None:
    names, values = _sample(Case)
    some = [
        (n, v) for n, v in zip(names, values, strict=True) if n in ("id", "status", "citizen_id")
    ]
    made = instances.from_db(Case, None, [n for n, _ in some], [v for _, v in some])
    _same(made, Case.from_db(None, [n for n, _ in some], [v for _, v in some]))
    assert "municipality_id" in made.get_deferred_fields()


def test_the_plain_models_of_the_work_list_take_the_short_way() -> None:
    assert instances.plain(Case) and instances.plain(Citizen)


def test_a_model_with_an_init_receiver_is_made_by_from_db() -> None:
    seen = []

    def receiver(sender: type[Model], instance: Model, **kwargs: object) -> None:
        seen.append(instance)

    post_init.connect(receiver, sender=Citizen)
    instances.plain.cache_clear()
    try:
        assert not instances.plain(Citizen)
        names, values = _sample(Citizen)
        made = instances.from_db(Citizen, None, names, values)
        assert seen == [made]
    finally:
        post_init.disconnect(receiver, sender=Citizen)
        instances.plain.cache_clear()
