"""``bb103 manage digital_post_receipts``: read the Digital Post receipts that have come in
(every configured channel's inbox) and settle the letters they name; queue again a letter
whose delivery job has gone missing. Run it every few minutes (cron, a systemd timer)."""

from typing import Any

from django.core.management.base import BaseCommand

from bb103.cases.services.delivery import receipts_process


class Command(BaseCommand):
    help = (
        "Apply the Digital Post delivery receipts in the channels' inboxes (delivered, or "
        "failed with a task for the caseworker); malformed receipts are moved aside."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = receipts_process()
        self.stdout.write(
            f"receipts applied: {result.processed}; moved aside: {len(result.rejected)}; "
            f"letters queued again: {result.requeued}"
        )
        for name in result.rejected:
            self.stdout.write(f"  moved aside: {name}")
