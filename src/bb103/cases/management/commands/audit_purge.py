"""Purge the audit log's reads older than the retention period; a dry run unless --apply."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bb103.cases.services.audit import audit_purge, read_retention


class Command(BaseCommand):
    help = "Delete audit-log reads older than BB103_AUDIT_READ_RETENTION_DAYS (dry run first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="delete them (else: count)")

    def handle(self, *args: Any, **options: Any) -> None:
        purge = audit_purge(dry_run=not options["apply"])
        verb = "deleted" if purge.done else "would be deleted (dry run; --apply deletes)"
        self.stdout.write(
            f"{purge.count} reads older than {purge.before:%Y-%m-%d} "
            f"({read_retention().days} days) {verb}."
        )
