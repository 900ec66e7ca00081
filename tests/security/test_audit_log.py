"""Issue 7, audit log: every read of a citizen's case, citizen page or letter is logged with
who, when, which citizen and from where; the log is append-only on PostgreSQL; reads older
than the retention period are purged, changes never."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from bb103.cases.models import AuditEntry, AuditKind
from bb103.cases.services.audit import audit_purge

on_postgresql = pytest.mark.skipif(
    "postgresql" not in django_settings.DATABASES["default"]["ENGINE"],
    reason="the append-only trigger is PostgreSQL's; .ci/run runs the suite on it",
)


def test_reading_a_case_is_logged_with_the_reader_and_address(world, client_for, ballerup):
    case, _, _ = world
    client = client_for(ballerup.manager)
    assert client.get(reverse("case", args=[case.pk]), REMOTE_ADDR="10.1.2.3").status_code == 200
    read = AuditEntry.objects.filter(kind=AuditKind.READ).get()
    assert read.actor == ballerup.manager
    assert read.case == case and read.citizen_id == case.citizen_id
    assert read.action == "case_read"
    assert read.ip == "10.1.2.3" and read.via == "web"


def test_reading_the_citizen_page_is_logged(world, client_for, ballerup):
    case, _, _ = world
    client_for(ballerup.caseworker).get(reverse("citizen", args=[case.citizen_id]))
    read = AuditEntry.objects.get(kind=AuditKind.READ)
    assert read.action == "citizen_read" and read.citizen_id == case.citizen_id


def test_a_refused_read_is_not_logged_as_a_read(world, client_for, vejen):
    case, _, _ = world
    assert client_for(vejen.caseworker).get(reverse("case", args=[case.pk])).status_code == 404
    assert not AuditEntry.objects.filter(kind=AuditKind.READ).exists()


def test_the_case_history_shows_changes_not_reads(world, client_for, ballerup):
    case, _, _ = world
    client = client_for(ballerup.caseworker)
    client.get(reverse("case", args=[case.pk]))
    page = client.get(reverse("case", args=[case.pk]))
    assert "case_read" not in page.text
    assert page.context["page"].audit
    assert all(e.kind == AuditKind.WRITE for e in page.context["page"].audit)


def test_changes_carry_the_citizen(world):
    case, _, _ = world
    writes = AuditEntry.objects.filter(case=case, kind=AuditKind.WRITE)
    assert writes.exists()
    assert set(writes.values_list("citizen_id", flat=True)) == {case.citizen_id}


def test_purge_removes_only_old_reads_after_a_dry_run(world, client_for, ballerup, settings):
    case, _, _ = world
    settings.BB103_AUDIT_READ_RETENTION_DAYS = 30
    client_for(ballerup.caseworker).get(reverse("case", args=[case.pk]))
    fresh = AuditEntry.objects.get(kind=AuditKind.READ)
    # Older than the database's own period too (PostgreSQL's trigger, issue 14 point 2).
    fresh.pk, fresh.at = None, timezone.now() - timedelta(days=3000)
    fresh.save()
    writes = AuditEntry.objects.filter(kind=AuditKind.WRITE).count()
    dry = audit_purge()
    assert (dry.count, dry.done) == (1, False)
    assert AuditEntry.objects.filter(kind=AuditKind.READ).count() == 2
    done = audit_purge(dry_run=False)
    assert (done.count, done.done) == (1, True)
    assert AuditEntry.objects.filter(kind=AuditKind.READ).get().at > timezone.now() - timedelta(1)
    assert AuditEntry.objects.filter(kind=AuditKind.WRITE).count() == writes


@on_postgresql
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE cases_auditentry SET action = 'forged'",
        "DELETE FROM cases_auditentry",
        "DELETE FROM cases_auditentry WHERE kind = 'write'",
    ],
)
def test_the_audit_table_refuses_tampering_on_postgresql(world, statement):
    assert AuditEntry.objects.exists()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)


@on_postgresql
def test_the_orm_cannot_change_an_entry_either(world):
    entry = AuditEntry.objects.first()
    entry.action = "forged"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entry.save()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()


@on_postgresql
def test_the_purge_setting_never_lets_a_change_be_deleted(world):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL bb103.audit_purge = 'on'")
        cursor.execute("DELETE FROM cases_auditentry WHERE kind = 'write'")


def test_the_manager_searches_the_log_by_cpr_without_it_in_the_url(world, client_for, ballerup):
    case, _, _ = world
    client_for(ballerup.caseworker).get(reverse("case", args=[case.pk]))
    manager = client_for(ballerup.manager)
    found = manager.post(reverse("audit-search"), {"cpr": case.citizen.cpr, "kind": "read"})
    assert found.status_code == 200
    page = found.context["page"]
    assert [e.action for e in page.entries] == ["case_read"]
    assert page.entries[0].actor == ballerup.caseworker
    # Masked in the list: the whole number is only in the search field the manager typed in.
    assert found.text.count(case.citizen.cpr) == 1
    assert case.citizen.cpr[:6] + "-xxxx" in found.text
    bad = manager.post(reverse("audit-search"), {"cpr": "0101", "date_from": "2026-13-01"})
    assert "Skriv hele CPR-nummeret" in bad.text and "gyldig dato" in bad.text


def test_only_managers_search_the_log_and_only_their_own(world, client_for, ballerup, vejen):
    case, _, _ = world
    client_for(ballerup.caseworker).get(reverse("case", args=[case.pk]))
    assert client_for(ballerup.caseworker).get(reverse("audit-search")).status_code == 404
    other = client_for(vejen.manager).post(reverse("audit-search"), {"cpr": case.citizen.cpr})
    assert other.status_code == 200 and other.context["page"].entries == []


def test_the_citizens_access_log_lists_who_looked(world, client_for, ballerup, vejen):
    case, _, _ = world
    client_for(ballerup.manager).get(reverse("case", args=[case.pk]))
    url = reverse("citizen-access-log", args=[case.citizen_id])
    log = client_for(ballerup.caseworker).get(url)
    assert log.status_code == 200
    assert "Så sagen" in log.text and "artikel 15" in log.text
    assert client_for(vejen.caseworker).get(url).status_code == 404


def test_the_provider_reading_an_order_is_logged(world, client_for):
    """Provider staff's reads are logged like everyone's: the order names the citizen."""
    case, _, staff = world
    placement = case.placements.get()
    page = client_for(staff).get(reverse("provider-order", args=[placement.pk]))
    assert page.status_code == 200
    read = AuditEntry.objects.get(kind=AuditKind.READ)
    assert (read.actor, read.action, read.citizen_id) == (staff, "order_read", case.citizen_id)


def test_the_purge_command_counts_first_and_deletes_with_apply(
    world, client_for, ballerup, settings
):
    from io import StringIO

    from django.core.management import call_command

    case, _, _ = world
    client_for(ballerup.caseworker).get(reverse("case", args=[case.pk]))
    # A read older than any retention period beside the fresh one, which no setting lets
    # the purge delete on PostgreSQL (issue 14, point 2).
    old = AuditEntry.objects.get(kind=AuditKind.READ)
    old.pk, old.at = None, timezone.now() - timedelta(days=3000)
    old.save()
    settings.BB103_AUDIT_READ_RETENTION_DAYS = 30
    out = StringIO()
    call_command("audit_purge", stdout=out)
    assert "1 reads" in out.getvalue() and "dry run" in out.getvalue()
    assert AuditEntry.objects.filter(kind=AuditKind.READ).count() == 2
    call_command("audit_purge", "--apply", stdout=out)
    assert AuditEntry.objects.filter(kind=AuditKind.READ).count() == 1
