"""``bb103 manage sweep`` (and ``bb103 sweep``): the daily sweep that makes caseworkers'
tasks. Prints a short English summary for the operator; the tasks themselves are Danish."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bb103.cases.models import Municipality, TaskKind
from bb103.cases.services import sweep_run
from bb103.cases.services.sweep import BATCH_SIZE, SweepResult


class Command(BaseCommand):
    help = (
        "Find deadlines about to expire or overdue, follow-ups due, placements ending at "
        "folkepensionsalder, wage renegotiations and complaints to forward, and make tasks "
        "for the caseworkers. Safe to repeat, to rerun after a crash and to run on several "
        "workers at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=_iso_date,
            help="sweep as of this day (YYYY-MM-DD; default: today in Europe/Copenhagen)",
        )
        parser.add_argument("--municipality", help="only this municipality's cases (its id)")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"cases per transaction (default {BATCH_SIZE})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        municipality = options["municipality"]
        if municipality is not None and not Municipality.objects.filter(pk=municipality).exists():
            known = ", ".join(Municipality.objects.order_by("pk").values_list("pk", flat=True))
            raise CommandError(f"unknown municipality {municipality!r} (known: {known})")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        result = sweep_run(
            today=today, municipality_id=municipality, batch_size=options["batch_size"]
        )
        self.stdout.write(summary(result))


def summary(result: SweepResult) -> str:
    lines = [
        f"sweep as of {result.today.isoformat()}: {', '.join(result.municipalities) or 'none'}",
        f"  cases looked at: {result.cases}"
        + (f" ({result.skipped} locked by another worker, skipped)" if result.skipped else ""),
        f"  tasks created: {sum(result.created.values())}; closed as settled: {result.closed}",
        f"  endings that took effect: {result.terminated}",
        f"  print batches written: {result.printed}",
    ]
    lines += [f"    {kind:<20} {result.created[kind]}" for kind in TaskKind.values]
    return "\n".join(lines)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {text!r}") from None
