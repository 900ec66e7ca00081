"""Model instances made from rows a selector read itself (one_query_prefetch, json_rows), as
``Model.from_db`` makes them but in a quarter of its time (issue 21, point 5: the work list
makes some 370 a page, and ``Model.__init__`` was a sixth of its CPU).

``Model.__init__`` sends ``pre_init`` and ``post_init`` and sets each value through its
field's descriptor. For a model that has no receivers of either signal, no ``__init__`` or
``from_db`` of its own, and only the plain descriptors (a field's ``DeferredAttribute``, a
foreign key's ``ForeignKeyDeferredAttribute``, which on a new instance only stores the value),
that comes down to storing the values in the instance's ``__dict__``, which is what is done
here. Any other model is made by ``from_db`` itself. ``tests/cases/test_instances.py``
compares the two for every model of the app.
"""

from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import RelatedPopulator
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

M = TypeVar("M", bound=Model)

_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)


@cache
def plain(model: type[Model]) -> bool:
    """Whether ``from_db`` would only store the values (see the module's docstring)."""
    if model.__init__ is not Model.__init__:
        return False
    if model.from_db.__func__ is not Model.from_db.__func__:  # type: ignore[attr-defined]
        return False
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return False
    for field in model._meta.concrete_fields:
        descriptor = next(
            (c.__dict__[field.attname] for c in model.__mro__ if field.attname in c.__dict__),
            None,
        )
        if type(descriptor) not in _PLAIN_DESCRIPTORS:
            return False
    return True


def from_db(model: type[M], db: str | None, names: Sequence[str], values: Sequence[Any]) -> M:
    """``model.from_db(db, names, values)``: the fields in ``names`` set to ``values``, the
    others deferred (read when first asked for, as Django does)."""
    if not plain(model):
        return model.from_db(db, names, values)
    instance = model.__new__(model)
    state = instance._state = ModelState()
    state.adding = False
    state.db = db
    instance.__dict__.update(zip(names, values, strict=True))
    return instance


class Populator(RelatedPopulator):
    """Django's ``select_related`` populator, making its instances with :func:`from_db`."""

    def __init__(self, klass_info: dict[str, Any], select: list[Any], db: str) -> None:
        super().__init__(klass_info, select, db)
        self.related_populators = populators(klass_info, select, db)

    def populate(self, row: Sequence[Any], from_obj: Model) -> None:
        data = (
            self.reorder_for_init(row)
            if self.reorder_for_init
            else row[self.cols_start : self.cols_end]
        )
        if data[self.pk_idx] is None:
            obj = None
        else:
            obj = from_db(self.model_cls, self.db, self.init_list, data)
            for populator in self.related_populators:
                populator.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)


def populators(klass_info: dict[str, Any], select: list[Any], db: str) -> list[Populator]:
    """As ``django.db.models.query.get_related_populators``."""
    return [Populator(info, select, db) for info in klass_info.get("related_klass_infos", [])]
