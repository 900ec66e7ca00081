"""A case's few child rows read with the case itself, as one JSON array per case (a
correlated subquery), instead of a prefetch query of their own: one query fewer per page,
and no model instances built for rows a list only shows. PostgreSQL and SQLite."""

import json
from datetime import date
from typing import Any

from django.db.models import Aggregate, Model, OuterRef, QuerySet, Subquery, TextField

from bb103.cases.selectors.instances import from_db


def json_array_of_rows(values: str, vendor: str) -> str:
    """SQL of an aggregate: the group's rows as a JSON array of arrays, as text
    (``[[v1, v2, ...], ...]``), ``values`` being the SQL of a row's values, comma-separated.
    Also one_query_prefetch's."""
    if vendor == "postgresql":
        return f"CAST(json_agg(json_build_array({values})) AS text)"
    return f"json_group_array(json_array({values}))"


class _JSONRows(Aggregate):
    """The group's rows as a JSON array of arrays, as text: ``[[v1, v2, ...], ...]``."""

    function = "json_agg"
    template = json_array_of_rows("%(expressions)s", "postgresql")
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):  # type: ignore[no-untyped-def]
        return self.as_sql(
            compiler,
            connection,
            template=json_array_of_rows("%(expressions)s", "sqlite"),
            **extra_context,
        )


def json_rows(rows: QuerySet[Any], *, parent: str, columns: list[str]) -> Subquery:
    """``rows`` of each outer row (``parent``: the field pointing to it), ``columns`` of
    each, as a JSON text to give to :func:`json_rows_load`."""
    return Subquery(
        rows.filter(**{parent: OuterRef("pk")})
        .order_by()
        .values(parent)
        .annotate(rows=_JSONRows(*columns))
        .values("rows")
    )


def json_rows_load(
    text: str | None, model: type[Model], columns: list[str], *, dates: tuple[str, ...] = ()
) -> list[Any]:
    """The instances of ``model`` from :func:`json_rows`' text, with only ``columns`` set
    (the others deferred, read if asked for); ``dates`` are ISO dates in JSON."""
    found = []
    for values in json.loads(text) if text else ():
        row = dict(zip(columns, values, strict=True))
        for name in dates:
            if row[name] is not None:
                row[name] = date.fromisoformat(row[name])
        found.append(from_db(model, None, columns, [row[c] for c in columns]))
    return found
