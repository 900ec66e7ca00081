"""Recompute every citizen's CPR search key, after BB103_CPR_HASH_KEY has changed."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.models import Citizen


class Command(BaseCommand):
    help = "Recompute the CPR search keys with the current BB103_CPR_HASH_KEY."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        with transaction.atomic():
            for citizen in Citizen.objects.only("id", "cpr", "cpr_key").iterator():
                key = cpr_search_key(citizen.cpr)
                if key != citizen.cpr_key:
                    Citizen.objects.filter(pk=citizen.pk).update(cpr_key=key)
                    changed += 1
        self.stdout.write(f"{changed} CPR search keys recomputed.")
