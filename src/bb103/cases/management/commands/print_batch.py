"""``bb103 manage print_batch [--day YYYY-MM-DD] [--municipality ID]``: the letters to
citizens exempt from Digital Post as one PDF per municipality and day, in BB103_PRINT_DIR.
Without --day: every day before today with letters still waiting (the daily sweep does the
same); with it, that day only (today too, for a batch before the day is over)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bb103.cases.models import Municipality
from bb103.cases.services.delivery import print_batch_run, print_days_pending


class Command(BaseCommand):
    help = "Write the print batch PDFs of letters to citizens exempt from Digital Post."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", type=_iso_date, help="only this day (YYYY-MM-DD)")
        parser.add_argument("--municipality", help="only this municipality (its id)")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = options["municipality"]
        if municipality is not None and not Municipality.objects.filter(pk=municipality).exists():
            known = ", ".join(Municipality.objects.order_by("pk").values_list("pk", flat=True))
            raise CommandError(f"unknown municipality {municipality!r} (known: {known})")
        day = options["day"]
        if day is not None and day > timezone.localdate():
            raise CommandError(f"--day {day.isoformat()} is after today")
        days = [day] if day else print_days_pending(
            before=timezone.localdate(), municipality_id=municipality
        )  # fmt: skip
        written = [
            path for d in days for path in print_batch_run(day=d, municipality_id=municipality)
        ]
        self.stdout.write(f"print batches written: {len(written)}")
        for path in written:
            self.stdout.write(f"  {path}")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--day must be YYYY-MM-DD, not {text!r}") from None
