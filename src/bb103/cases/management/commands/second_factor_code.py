"""Issue a one-time code that lets a user enrol an authenticator app (valid 72 hours)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bb103.cases.models import User
from bb103.cases.services.second_factor import enrolment_code_issue


class Command(BaseCommand):
    help = (
        "Print a one-time code for USERNAME to enrol an authenticator app "
        "(hand it over in person or by another channel than the password)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="also remove the user's enrolled apps (a lost or replaced phone)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"no active user named {options['username']!r}") from None
        issued = enrolment_code_issue(user=user, reset=options["reset"])
        self.stdout.write(issued.code)
        self.stderr.write(f"valid once, until {issued.expires_at:%Y-%m-%d %H:%M} UTC")
