"""Issue 14, point 2: the audit trigger cannot be switched off for fresh reads. The purge
setting (``bb103.audit_purge``) lets a transaction delete only reads older than the
retention period the database holds (migration 0015), whoever sets it; proved here with a
role that does not own the table, as the application's role in production, connected on
its own."""

import secrets
from datetime import timedelta

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from bb103.cases.models import AuditEntry, AuditKind
from bb103.cases.services.audit import audit_purge

on_postgresql = pytest.mark.skipif(
    "postgresql" not in django_settings.DATABASES["default"]["ENGINE"],
    reason="the append-only trigger is PostgreSQL's (SQLite has none: whoever can write the "
    "file can do anything); .ci/run's PostgreSQL pass runs this",
)


def _read(ballerup, case, *, age: timedelta) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=ballerup.caseworker,
        municipality_id=case.municipality_id,
        case=case,
        citizen_id=case.citizen_id,
        kind=AuditKind.READ,
        action="case_read",
        at=timezone.now() - age,
    )


@pytest.fixture
def app_role():
    """A fresh login role with what the application needs on the test database (read and
    write every table, use the sequences) but owning nothing; dropped afterwards."""
    name = f"bb103_app_{secrets.token_hex(4)}"
    database = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        cursor.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {name}')
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {name}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}"
        )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}")
    params = connection.get_connection_params()
    with psycopg.connect(
        dbname=database,
        user=name,
        host=params.get("host") or "127.0.0.1",
        port=params.get("port") or 5432,
        autocommit=True,
    ) as app:
        yield app
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {name}")
        cursor.execute(f"DROP ROLE {name}")


def _refused(app: psycopg.Connection, *statements: str) -> str:
    """Run the statements in one transaction; the error it ends with (it must end with one,
    or delete nothing)."""
    try:
        with app.transaction():
            deleted = 0
            for statement in statements:
                deleted = app.execute(statement).rowcount
    except psycopg.Error as error:
        return str(error)
    assert deleted <= 0, f"{statements[-1]!r} went through"
    return ""


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_purge_setting_does_not_let_a_role_delete_fresh_reads(world, ballerup, app_role):
    """Issue 14, point 2: set_config or SET for the session, then DELETE a read of minutes
    ago: refused, for a role that owns nothing, however it switches the setting."""
    case, _, _ = world
    fresh = _read(ballerup, case, age=timedelta(minutes=5))
    delete = f"DELETE FROM cases_auditentry WHERE id = {fresh.pk}"
    for switch in (
        "SELECT set_config('bb103.audit_purge', 'on', true)",
        "SET bb103.audit_purge = 'on'",
        "SET LOCAL bb103.audit_purge = 'on'",
    ):
        assert "append-only" in _refused(app_role, switch, delete)
    assert AuditEntry.objects.filter(pk=fresh.pk).exists()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_retention_policy_cannot_be_shortened_or_shadowed(world, ballerup, app_role):
    """Issue 14, point 2: the period the trigger checks is out of the role's reach: the
    policy row cannot be changed, removed or emptied, and a temporary table of the same name
    (first on a session's search path) is not the one the trigger reads."""
    case, _, _ = world
    fresh = _read(ballerup, case, age=timedelta(days=2))
    for statement in (
        "UPDATE bb103_audit_policy SET read_retention_days = 1",
        "DELETE FROM bb103_audit_policy",
        "TRUNCATE bb103_audit_policy",
        "INSERT INTO bb103_audit_policy VALUES (2, 1)",
    ):
        assert _refused(app_role, statement), statement
    shadow = _refused(
        app_role,
        "CREATE TEMP TABLE bb103_audit_policy (id int, read_retention_days int)",
        "INSERT INTO bb103_audit_policy VALUES (1, 1)",
        "SELECT set_config('bb103.audit_purge', 'on', true)",
        f"DELETE FROM cases_auditentry WHERE id = {fresh.pk}",
    )
    assert "append-only" in shadow
    assert AuditEntry.objects.filter(pk=fresh.pk).exists()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_purge_still_deletes_old_reads_and_only_those(world, ballerup, app_role, settings):
    """Issue 14, point 2: the purge the role runs (as ``audit_purge`` does it) deletes a read
    older than the retention period; ``audit_purge`` itself does too, and a shorter setting
    than the database's period deletes no read the database keeps."""
    case, _, _ = world
    retention = timedelta(days=django_settings.BB103_AUDIT_READ_RETENTION_DAYS)
    old = _read(ballerup, case, age=retention + timedelta(days=3))
    older = _read(ballerup, case, age=retention + timedelta(days=4))
    recent = _read(ballerup, case, age=timedelta(days=40))
    with app_role.transaction():
        app_role.execute("SET LOCAL bb103.audit_purge = 'on'")
        done = app_role.execute(f"DELETE FROM cases_auditentry WHERE id = {old.pk}")
        assert done.rowcount == 1
    settings.BB103_AUDIT_READ_RETENTION_DAYS = 30
    assert audit_purge(dry_run=True).count == 1
    purge = audit_purge(dry_run=False)
    assert purge.count == 1
    reads = set(AuditEntry.objects.filter(kind=AuditKind.READ).values_list("pk", flat=True))
    assert recent.pk in reads and old.pk not in reads and older.pk not in reads


@on_postgresql
def test_the_owner_too_needs_the_setting_to_delete_an_old_read(world, ballerup):
    """Issue 14, point 2: an old read is deleted by the purge only, not by a stray delete."""
    case, _, _ = world
    old = _read(ballerup, case, age=timedelta(days=10_000))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=old.pk).delete()
