"""Citizens whose cases ended longer ago than the retention period: a dry-run report, or
with --apply their anonymisation (one transaction per citizen; a second run does nothing)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bb103.cases.request_context import origin
from bb103.cases.services.retention import retention_apply, retention_report


class Command(BaseCommand):
    help = (
        "List (--dry-run, the default) or anonymise (--apply) the citizens whose every case "
        "ended longer ago than the retention period in bb103/data/gdpr/retention.toml."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="only list them (default)")
        mode.add_argument("--apply", action="store_true", help="anonymise them")
        parser.add_argument("--date", help="as of this day, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from exc
        today = today or timezone.localdate()
        report = retention_report(today=today)
        for line in report.lines():
            self.stdout.write(line)
        if not options["apply"]:
            self.stdout.write("Tørkørsel: intet er ændret (--apply anonymiserer).")
            return
        with origin(None, "cli"):
            result = retention_apply(today=today)
        self.stdout.write(f"{len(result.anonymised)} borgere er anonymiseret.")
