"""``bb103 manage sync_municipalities``: one Municipality row per shipped policy file."""

from typing import Any

from django.core.management.base import BaseCommand

from bb103.cases.services import municipalities_sync


class Command(BaseCommand):
    help = "Opret eller opdater en kommune for hver kvalitetsstandard (policy-fil)."

    def handle(self, *args: Any, **options: Any) -> None:
        for row in municipalities_sync():
            self.stdout.write(f"{row.id}: {row.name}")
