"""Many prefetches of one row read in one query (issue 21: the case page's budget of 8).

``prefetch_related_objects`` reads each relation with a query of its own; the case page
reads some fifteen (the case's state as its actions read it, its deadlines, history, tasks
and what the citizen sent). Here each relation's queryset is compiled by the ORM as
usual, and all of them are read as columns of one statement, each a JSON array of its
rows (PostgreSQL ``json_agg``, SQLite ``json_group_array``). The rows are then made into
instances the way the ORM makes them (``from_db``, ``select_related``, annotations) and put
where ``prefetch_related_objects`` puts them, so the code reading them (the case actions'
``CaseState``) finds them prefetched and reads the same objects as before, with no query.

Reverse foreign keys (a case's rows) with one level of nested ones (a draft's hearings);
other lookups are left to ``prefetch_related_objects``. ``read_in_one_query`` reads
independent querysets the same way (the work list's tasks and its filter's choices).
"""

import json
from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects
from django.db.models.query import ModelIterable, ValuesListIterable

from bb103.cases.selectors.instances import from_db, populators
from bb103.cases.selectors.json_rows import json_array_of_rows

# What PostgreSQL's JSON gives as text or number, as psycopg would have given it.
_FROM_JSON: dict[str, Callable[[Any], Any]] = {
    "DateField": date.fromisoformat,
    "DateTimeField": datetime.fromisoformat,
    "TimeField": time.fromisoformat,
    "DecimalField": Decimal,
    "UUIDField": UUID,
}
# Read as text inside the JSON: exact (numeric), or the text Django's field decodes.
_AS_TEXT = {"DecimalField", "JSONField"}


class _Read:
    """One queryset, compiled by the ORM, read as a JSON array of its rows."""

    def __init__(self, queryset: QuerySet[Any], compiler: Any = None) -> None:
        self.queryset = queryset
        self.rows: list[Any] = []
        if compiler is not None:  # compiled before (read_in_one_query_compiled)
            self.compiler = compiler

    def sql(self, connection: Any) -> tuple[str, list[Any]]:
        self.compiler = self.queryset.query.get_compiler(connection=connection)
        inner, params = self.compiler.as_sql(with_col_aliases=True)
        columns = []
        postgresql = connection.vendor == "postgresql"
        for expression, _, alias in self.compiler.select:
            column = f"s.{connection.ops.quote_name(alias)}"
            kind = expression.output_field.get_internal_type()
            if kind == "BinaryField":  # JSON holds no bytes: as hex digits
                column = f"encode({column}, 'hex')" if postgresql else f"hex({column})"
            elif postgresql and kind in _AS_TEXT:
                column = f"CAST({column} AS text)"
            columns.append(column)
        # The aggregate takes the rows in the subquery's order (its ORDER BY), as both
        # databases do for a plain aggregate over an ordered subquery;
        # tests/cases/test_one_query_prefetch.py compares the order with Django's.
        rows = json_array_of_rows(", ".join(columns), connection.vendor)
        return f"(SELECT {rows} FROM ({inner}) s)", list(params)

    def load(self, text: str | None, connection: Any) -> None:
        """The rows from the JSON, as the ORM's ModelIterable makes them."""
        compiler = self.compiler
        select = compiler.select
        values = json.loads(text) if text else []
        postgresql = connection.vendor == "postgresql"
        kinds = [expression.output_field.get_internal_type() for expression, _, _ in select]
        # PostgreSQL's types as psycopg gives them; SQLite's are text, as its driver gives
        # them, and Django's converters (below) make them dates and the like.
        decode = [
            bytes.fromhex if kind == "BinaryField" else _FROM_JSON.get(kind) if postgresql else None
            for kind in kinds
        ]
        if any(decode):
            values = [
                [v if f is None or v is None else f(v) for f, v in zip(decode, row, strict=True)]
                for row in values
            ]
        converters = compiler.get_converters([s[0] for s in select[: compiler.col_count]])
        rows = compiler.apply_converters(values, converters) if converters else values
        if self.queryset._iterable_class is ValuesListIterable:  # values_list(): tuples
            self.rows = [tuple(row) for row in rows]
            return
        if self.queryset._iterable_class is not ModelIterable:
            raise TypeError("instances or values_list() tuples only")
        info = compiler.klass_info
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        names = [s[0].target.attname for s in select[start:end]]
        related = populators(info, select, connection.alias)
        model = info["model"]
        for row in rows:
            obj = from_db(model, connection.alias, names, row[start:end])
            for populator in related:
                populator.populate(row, obj)
            for name, position in compiler.annotation_col_map.items():
                setattr(obj, name, row[position])
            self.rows.append(obj)


class _Part(_Read):
    """One relation of the instance: its compiled query and where its rows go."""

    def __init__(self, instance: Model, lookup: Prefetch, parent: "_Part | None") -> None:
        self.lookup = lookup
        self.parent = parent
        owner = parent.model if parent else type(instance)
        relation = owner._meta.get_field(lookup.prefetch_through)
        self.field = relation.remote_field  # the child's foreign key to the owner
        self.model: type[Model] = relation.related_model
        self.owner_id = instance.pk
        queryset = lookup.queryset if lookup.queryset is not None else self.model._base_manager
        path = self.field.name if parent is None else f"{self.field.name}__{parent.field.name}"
        # Compiled once for the placeholder, then for every instance with its own id.
        super().__init__(queryset.filter(**{path: _PLACEHOLDER}))
        inner = [_as_prefetch(i) for i in getattr(lookup.queryset, "_prefetch_related_lookups", ())]
        self.nested = [_Part(instance, i, self) for i in inner if _one_to_many(self.model, i)]
        # Others (a many-to-many: a hearing answer's documents) by Django, when there are
        # rows to read them for.
        self.later = [i for i in inner if not _one_to_many(self.model, i)]

    def sql(self, connection: Any) -> tuple[str, list[Any]]:
        """The statement compiled the first time this lookup is read (compiling some fifteen
        querysets was a third of the case page's CPU), with this instance's id."""
        key = (id(self.lookup), id(self.parent.lookup) if self.parent else 0, connection.alias)
        compiled = _COMPILED.get(key)
        # The lookup itself is kept in the entry, so its id is not another object's.
        if compiled is None or compiled[0] is not self.lookup:
            sql, params = super().sql(connection)
            at = [i for i, p in enumerate(params) if p == _PLACEHOLDER]
            if len(_COMPILED) > 256:  # lookups made anew for each call: not worth keeping
                _COMPILED.clear()
            compiled = _COMPILED[key] = (self.lookup, self.compiler, sql, params, at)
        _, self.compiler, sql, params, at = compiled
        params = list(params)
        for i in at:
            params[i] = self.owner_id
        return sql, params


# Stands for the owner's id in a compiled part (no row has it).
_PLACEHOLDER = -2_103_021_005
_COMPILED: dict[tuple[int, int, str], tuple[Prefetch, Any, str, list[Any], list[int]]] = {}


def _one_to_many(model: type[Model], lookup: Prefetch) -> bool:
    """A reverse foreign key: rows pointing to the owner (what this module reads)."""
    return bool(model._meta.get_field(lookup.prefetch_through).one_to_many)


def _as_prefetch(lookup: str | Prefetch) -> Prefetch:
    return lookup if isinstance(lookup, Prefetch) else Prefetch(lookup)


def _fetched(instance: Model, lookup: Prefetch) -> bool:
    if lookup.to_attr:
        return hasattr(instance, lookup.to_attr)
    cache = getattr(instance, "_prefetched_objects_cache", {})
    return lookup.prefetch_through in cache


def prefetch_in_one_query(instance: Model, lookups: Sequence[str | Prefetch]) -> None:
    """Prefetch ``lookups`` (reverse foreign keys of ``instance``, as for
    ``prefetch_related_objects``) in one query; those already prefetched are skipped."""
    wanted = [p for p in map(_as_prefetch, lookups) if not _fetched(instance, p)]
    if others := [p for p in wanted if not _one_to_many(type(instance), p)]:
        prefetch_related_objects([instance], *others)
        wanted = [p for p in wanted if p not in others]
    if not wanted:
        return
    connection = connections[instance._state.db or "default"]
    parts = [_Part(instance, lookup, None) for lookup in wanted]
    _read(connection, [p for part in parts for p in (part, *part.nested)])
    for part in parts:
        for nested in part.nested:
            by_parent: dict[Any, list[Model]] = {}
            for row in nested.rows:
                by_parent.setdefault(getattr(row, nested.field.attname), []).append(row)
            for owner in part.rows:
                _store(owner, nested, by_parent.get(owner.pk, []))
        if part.later and part.rows:
            prefetch_related_objects(part.rows, *part.later)
        _store(instance, part, part.rows)


def read_in_one_query(*querysets: QuerySet[Any]) -> list[list[Any]]:
    """Each queryset's rows (instances, or tuples for ``values_list``), all read in one
    statement: for a page's independent reads, one round trip instead of one each."""
    reads = [_Read(queryset) for queryset in querysets]
    _read(connections[querysets[0].db], reads)
    return [read.rows for read in reads]


def read_in_one_query_compiled(
    key: Hashable | None,
    build: Callable[[int], Sequence[QuerySet[Any]]],
    *,
    user_id: int,
    using: str = "default",
) -> list[list[Any]]:
    """As :func:`read_in_one_query`, for the querysets ``build(user_id)`` makes; made and
    compiled once per process for each ``key`` (building and compiling a page's querysets
    was some 40 % of its selector's CPU, issue 21): ``key`` must name everything the
    querysets depend on but the user's id, which ``build`` is given as a placeholder and
    each read puts in. No ``key`` (a search, say): built and compiled for this read only."""
    connection = connections[using]
    compiled = None if key is None else _COMPILED_READS.get((key, connection.alias))
    if compiled is None:
        stand_in = user_id if key is None else _PLACEHOLDER
        reads = [_Read(queryset) for queryset in build(stand_in)]
        sql, params, asked = _statement(connection, reads)
        at = [i for i, p in enumerate(params) if p == _PLACEHOLDER] if key is not None else []
        compiled = (
            [(r.queryset, getattr(r, "compiler", None)) for r in reads],
            asked,
            sql,
            params,
            at,
            _bound_around_user(connection, sql, params, at) if key is not None else None,
        )
        if key is not None:
            if len(_COMPILED_READS) > 256:  # a day's lists of a few hundred users: start anew
                _COMPILED_READS.clear()
            _COMPILED_READS[(key, connection.alias)] = compiled
    parts, asked, sql, params, at, bound = compiled
    # Fresh reads around the compiled queries: their rows are this call's own.
    reads = [_Read(queryset, compiler) for queryset, compiler in parts]
    if bound is not None:
        sql, params = str(int(user_id)).join(bound), None
    else:
        params = list(params)
        for i in at:
            params[i] = user_id
    if asked:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            texts = cursor.fetchone()
        for i, text in zip(asked, texts, strict=True):
            reads[i].load(text, connection)
    return [read.rows for read in reads]


_COMPILED_READS: dict[
    Hashable,
    tuple[list[tuple[QuerySet[Any], Any]], list[int], str, list[Any], list[int], list[str] | None],
] = {}


def _bound_around_user(
    connection: Any, sql: str, params: list[Any], at: list[int]
) -> list[str] | None:
    """PostgreSQL: the statement with every parameter but the user's id written in, split
    where the id goes. psycopg (client-side binding, Django's default) otherwise quotes the
    page's some 40 constant parameters into the text again on every read, a twentieth of the
    work list's CPU; each read now puts in only the id, an integer. SQLite binds its
    parameters itself at no such cost: None there, and the parameters are passed."""
    if connection.vendor != "postgresql":
        return None
    text = connection.ops.compose_sql(sql, params)
    mark = connection.ops.compose_sql("%s", [_PLACEHOLDER])
    pieces = text.split(mark)
    # The mark is a number no id or constant has; anything else: bind as before.
    return pieces if len(pieces) == len(at) + 1 else None


def _statement(connection: Any, reads: Sequence[_Read]) -> tuple[str, list[Any], list[int]]:
    """The one statement reading ``reads``, its parameters, and which reads it asks (an
    empty queryset asks nothing)."""
    selects, params, asked = [], [], []
    for i, read in enumerate(reads):
        try:
            if read.queryset.query.is_empty():
                raise EmptyResultSet
            sql, more = read.sql(connection)
        except EmptyResultSet:  # none(), or an empty __in: no rows, nothing to ask
            continue
        selects.append(sql)
        params += more
        asked.append(i)
    return f"SELECT {', '.join(selects)}", params, asked


def _read(connection: Any, reads: Sequence[_Read]) -> None:
    sql, params, asked = _statement(connection, reads)
    if not asked:
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        texts = cursor.fetchone()
    for i, text in zip(asked, texts, strict=True):
        reads[i].load(text, connection)


def _store(owner: Model, part: _Part, rows: list[Model]) -> None:
    """Where ``prefetch_related_objects`` keeps them, each row pointing back to ``owner``."""
    for row in rows:
        part.field.set_cached_value(row, owner)
    if part.lookup.to_attr:
        setattr(owner, part.lookup.to_attr, rows)
        return
    manager = getattr(owner, part.lookup.prefetch_through)
    if part.lookup.queryset is not None:
        queryset = manager._apply_rel_filters(part.lookup.queryset)
    else:
        queryset = manager.get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    if not hasattr(owner, "_prefetched_objects_cache"):
        owner._prefetched_objects_cache = {}
    owner._prefetched_objects_cache[part.field.remote_field.cache_name] = queryset
