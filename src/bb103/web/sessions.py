"""The database session store (``SESSION_ENGINE``), reading a session with one statement
written once instead of a queryset built and compiled on every request: the session is read
on every page, and building its query was some 5 % of the work list's CPU (issue 21,
point 5). Everything else, and the table and its rows, is Django's own ``db`` store: a
session logged out anywhere is gone everywhere at once, which a per-process cache would
not give."""

from functools import cached_property

from django.contrib.sessions.backends import db
from django.db import connections
from django.utils import timezone

from bb103.cases.selectors.instances import from_db

_COLUMNS = ["session_key", "session_data", "expire_date"]


class SessionStore(db.SessionStore):
    @cached_property
    def _select(self) -> str:
        opts = self.model._meta
        quote = connections[self.model.objects.db].ops.quote_name
        columns = ", ".join(quote(opts.get_field(name).column) for name in _COLUMNS)
        key = quote(opts.get_field("session_key").column)
        expires = quote(opts.get_field("expire_date").column)
        return f"SELECT {columns} FROM {quote(opts.db_table)} WHERE {key} = %s AND {expires} > %s"

    def _get_session_from_db(self):  # type: ignore[no-untyped-def]
        """As Django's: the session unless it expired, else None and no key."""
        alias = self.model.objects.db
        with connections[alias].cursor() as cursor:
            cursor.execute(self._select, [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return from_db(self.model, alias, _COLUMNS, list(row))
