"""The audit trail: one entry per change, written in the same transaction as the change, and
one per read of a citizen's data: a page, a letter, a file, or a list the citizen is on
(search results, work lists, the settlement). Entries are never changed; reads
older than the retention period are purged by ``audit_purge`` (a dry run first)."""

import logging
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from bb103.cases.models import AuditEntry, AuditKind, Case, Citizen, User
from bb103.cases.request_context import current_origin

security_log = logging.getLogger("bb103.security")


def audit_write(
    *,
    actor: User,
    municipality_id: str,
    action: str,
    case: Case | None = None,
    citizen: Citizen | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    return _entry(
        actor=actor,
        municipality_id=municipality_id,
        action=action,
        kind=AuditKind.WRITE,
        case=case,
        citizen=citizen,
        details=details,
    )


def audit_read(
    *,
    actor: User,
    action: str,
    case: Case | None = None,
    citizen: Citizen | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``actor`` looked at a citizen's case (or citizen page, or letter)."""
    target = case.citizen if citizen is None and case is not None else citizen
    if target is None:
        raise ValueError("a read is of a case or a citizen")
    return _entry(
        actor=actor,
        municipality_id=target.municipality_id,
        action=action,
        kind=AuditKind.READ,
        case=case,
        citizen=target,
        details=details,
    )


def audit_listed(
    *,
    actor: User,
    action: str,
    cases: Iterable[Case] = (),
    citizens: Iterable[Citizen] = (),
    details: dict[str, Any] | None = None,
) -> int:
    """Record that ``actor`` was shown these citizens in a list (search results, a work list,
    a settlement): one read entry per citizen, so each citizen's own access log tells it
    (GDPR art. 15), written in one statement. Returns the number of entries."""
    # Per citizen: (municipality, case, citizen), the only columns that differ.
    seen: dict[int, tuple[str, int | None, int]] = {}
    for case in cases:
        if case.citizen_id not in seen:
            seen[case.citizen_id] = (case.municipality_id, case.pk, case.citizen_id)
    for citizen in citizens:
        if citizen.pk not in seen:
            seen[citizen.pk] = (citizen.municipality_id, None, citizen.pk)
    rows = list(seen.values())
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        entries = []
        for municipality_id, case_id, citizen_id in rows:
            entry = _new(actor, municipality_id, action, AuditKind.READ, None, citizen_id, details)
            entry.case_id = case_id
            entries.append(entry)
        _insert(entries)
        return len(rows)
    # The rest of an entry is the same on every row: made and converted for the database
    # once, and sent once, not once per citizen (a work list logs some 70; issue 21). One
    # moment for the whole list, as it was shown at one moment.
    shared = _new(actor, rows[0][0], action, AuditKind.READ, None, None, details)
    # In the statement's order: the shared values (its SELECT list), then the arrays.
    params = [
        f.get_db_prep_save(f.pre_save(shared, True), connection)
        for f in _insert_fields()
        if f.name not in _PER_ROW
    ] + [
        [row[0] for row in rows],
        # The ids as one array text ('{17,15,NULL}'), which PostgreSQL reads at the cast:
        # psycopg would otherwise quote each of some 140 numbers in Python.
        _id_array(row[1] for row in rows),
        _id_array(row[2] for row in rows),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_unnest_insert_sql(_PER_ROW), params)
    return len(rows)


def _id_array(ids: Iterable[int | None]) -> str:
    return "{" + ",".join("NULL" if i is None else str(int(i)) for i in ids) + "}"


def audit_searched(
    *,
    actor: User,
    action: str,
    cases: Iterable[Case],
    municipality_ids: Iterable[str],
    details: dict[str, Any],
) -> int:
    """Record a search: as :func:`audit_listed`, one read entry per citizen it found; a
    search that found no one is one entry (without a citizen) in each municipality
    searched, so every search is in the log, with what kind of term it was."""
    found = list(cases)
    if found:
        return audit_listed(actor=actor, action=action, cases=found, details=details)
    entries = [
        _new(actor, municipality_id, action, AuditKind.READ, None, None, details)
        for municipality_id in sorted(set(municipality_ids))
    ]
    _insert(entries)
    return len(entries)


def _insert(entries: list[AuditEntry]) -> None:
    """The entries of one list page in one INSERT (on PostgreSQL of a few arrays, so the
    statement stays short however many rows), without a transaction of its own when one
    statement does it: bulk_create wraps even one statement in BEGIN and COMMIT, two round
    trips more on every list page (issue 21). Several statements are one transaction."""
    if not entries:
        return
    fields = _insert_fields()
    if connection.vendor == "postgresql":
        # One array per column: a short statement whatever the number of rows, built
        # here (the ORM's compiler took as long as the database took to insert).
        with connection.cursor() as cursor:
            cursor.execute(
                _unnest_insert_sql(tuple(f.name for f in fields)), _columns(entries, fields)
            )
        return
    size = max(connection.ops.bulk_batch_size(fields, entries), 1)
    batches = [entries[start : start + size] for start in range(0, len(entries), size)]
    with transaction.atomic() if len(batches) > 1 else nullcontext():
        for batch in batches:
            # The queryset's own insert, which bulk_create runs inside its transaction.
            AuditEntry.objects._insert(batch, fields=fields)


@lru_cache(maxsize=1)
def _insert_fields() -> list[Any]:
    return [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]


# A list's read entries differ only in these columns (audit_listed's rows, in this order).
_PER_ROW = ("municipality", "case", "citizen")


@lru_cache(maxsize=2)
def _unnest_insert_sql(per_row: tuple[str, ...]) -> str:
    """An INSERT of one array per column in ``per_row`` (a value per entry) and one value for
    each other column (the same on every entry): a short statement however many rows. Its
    parameters: the shared values first (they stand in the SELECT list), then the arrays."""
    fields = _insert_fields()
    by_name = {f.name: f for f in fields}
    shared = [f for f in fields if f.name not in per_row]
    quote = connection.ops.quote_name
    columns = [by_name[name].column for name in per_row] + [f.column for f in shared]
    select = ["*"] + [f"%s::{f.db_type(connection)}" for f in shared]
    arrays = [f"%s::{by_name[name].db_type(connection)}[]" for name in per_row]
    return (
        f"INSERT INTO {quote(AuditEntry._meta.db_table)} "
        f"({', '.join(quote(c) for c in columns)}) "
        f"SELECT {', '.join(select)} FROM UNNEST({', '.join(arrays)})"
    )


def _columns(entries: list[AuditEntry], fields: list[Any]) -> list[list[Any]]:
    return [[f.get_db_prep_save(f.pre_save(e, True), connection) for e in entries] for f in fields]


def _entry(
    *,
    actor: User,
    municipality_id: str,
    action: str,
    kind: str,
    case: Case | None,
    citizen: Citizen | None,
    details: dict[str, Any] | None,
) -> AuditEntry:
    if citizen is None and case is not None:
        citizen_id = case.citizen_id
    else:
        citizen_id = None if citizen is None else citizen.pk
    entry = _new(actor, municipality_id, action, kind, case, citizen_id, details)
    entry.save()
    return entry


def _new(
    actor: User,
    municipality_id: str,
    action: str,
    kind: str,
    case: Case | None,
    citizen_id: int | None,
    details: dict[str, Any] | None,
) -> AuditEntry:
    """An entry not yet saved, with where the request came from (web or CLI, address)."""
    where = current_origin()
    return AuditEntry(
        actor=actor,
        municipality_id=municipality_id,
        case=case,
        citizen_id=citizen_id,
        kind=kind,
        action=action,
        details=details or {},
        ip=None if where is None else where.ip,
        via="" if where is None else where.via,
    )


def audit_security_event(*, request: HttpRequest, action: str) -> None:
    """Security events without a citizen (a wrong one-time code) go to the security log,
    with the user and address but never a CPR number."""
    where = current_origin()
    security_log.warning(
        "%s user=%s ip=%s", action, getattr(request.user, "pk", None), where and where.ip
    )


def read_retention() -> timedelta:
    return timedelta(days=int(getattr(settings, "BB103_AUDIT_READ_RETENTION_DAYS", 5 * 365)))


@dataclass(frozen=True)
class Purge:
    before: datetime
    count: int
    done: bool


def audit_purge(*, now: datetime | None = None, dry_run: bool = True) -> Purge:
    """Delete the read entries older than the retention period (changes stay with the case).
    A dry run only counts them. On PostgreSQL the append-only trigger lets this one
    transaction delete reads, by the setting it makes for itself, and only reads older than
    the database's own retention period (migration 0015), which a shorter setting cannot
    shorten: the longer of the two holds."""
    before = (now or timezone.now()) - read_retention()
    if connection.vendor == "postgresql":
        before = min(before, _database_cutoff())
    old = AuditEntry.objects.filter(kind=AuditKind.READ, at__lt=before)
    if dry_run:
        return Purge(before, old.count(), False)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL bb103.audit_purge = 'on'")
        count, _ = old.delete()
    return Purge(before, count, True)


def _database_cutoff() -> datetime:
    """The newest read the database's trigger lets the purge delete (by its clock)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT now() - make_interval(days => bb103_audit_read_retention_days())")
        (cutoff,) = cursor.fetchone()
    return cutoff
