"""Write the ZIP of an access request (GDPR art. 15) for one citizen, as a named user."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bb103.cases.errors import AccessDenied, NotFound
from bb103.cases.models import User
from bb103.cases.request_context import origin
from bb103.cases.services.gdpr import gdpr_export


class Command(BaseCommand):
    help = (
        "Export everything held about a citizen (GDPR art. 15) as a ZIP: oversigt.html, "
        "data.json and the letters' PDFs. The user must be a caseworker or manager of the "
        "citizen's municipality; the export is written to the audit log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--citizen", type=int, required=True, help="the citizen's id")
        parser.add_argument("--out", required=True, help="the ZIP file to write")
        parser.add_argument("--user", required=True, help="the acting user's username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['user']!r}")
        try:
            with origin(None, "cli"):
                result = gdpr_export(user=user, citizen_id=options["citizen"])
        except (NotFound, AccessDenied) as exc:
            # Same answer whether the citizen is missing or not the user's: nothing revealed.
            raise CommandError(
                f"citizen {options['citizen']} not found for user {user.username}"
            ) from exc
        out = Path(options["out"])
        out.write_bytes(result.content)
        self.stdout.write(f"{out}: {len(result.content)} bytes, logged as gdpr_export.")
