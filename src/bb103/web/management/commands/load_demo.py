"""``bb103 manage load_demo``: demo municipalities, offers, users and cases (idempotent)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bb103.cases.engine.policy import known_municipalities
from bb103.web.demo import PASSWORD, demo_logins, load_demo
from bb103.web.demo_api import demo_api_key


class Command(BaseCommand):
    help = "Indlæs demodata: kommuner, tilbud, brugere og fiktive borgere med sager."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--per-municipality", type=int, default=12)
        parser.add_argument(
            "--only",
            default="",
            help="comma-separated municipality ids (e.g. ballerup,vejen); default: all",
        )
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="leave out the year of decided cases, complaints and approved settlements "
            "(faster; the managers' overview then has little to show)",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="load the demo even with the production settings (a test installation)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Demo users share one known password: in a production database they would be a
        # way in (issue 14, point 6).
        if getattr(settings, "BB103_PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "refusing to load demo users with a known password into a production "
                "database; pass --allow-production for a test installation"
            )
        only = frozenset(m.strip() for m in options["only"].split(",") if m.strip()) or None
        if only is not None:
            known = set(known_municipalities())
            unknown = sorted(only - known)
            if unknown:
                raise CommandError(
                    f"--only: unknown municipality {', '.join(unknown)}; "
                    f"known: {', '.join(sorted(known))}"
                )
        load_demo(
            per_municipality=options["per_municipality"],
            only=only,
            history=not options["no_history"],
            log=self.stdout.write,
        )
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (adgangskode for alle: {PASSWORD}):")
        logins = demo_logins()
        # The README's two suggestions first, then the others by id.
        first = ["ballerup", "vejen"]
        for mid in sorted(logins, key=lambda m: (first.index(m) if m in first else 2, m)):
            self.stdout.write(f"  {', '.join(logins[mid])}")
        self.stdout.write(
            "Roller: raadgiver/raadgiver2 = rådgiver, udvalg = visitationsudvalg (kun hvor "
            "kvalitetsstandarden har et), "
        )
        self.stdout.write(
            "        leder = leder, admin = administrator, tilbud = medarbejder hos tilbud"
        )
        if getattr(settings, "BB103_CITIZEN_DEV_LOGIN", False):
            self.stdout.write("")
            self.stdout.write(
                "Min sag: http://127.0.0.1:8000/min-sag/log-ind/udvikling/ — vælg fx "
                "Mikkel Kopisen (Ballerup), eller hans værge Birgitte Værgesen"
            )
        key = demo_api_key()
        if key is not None:
            self.stdout.write("")
            self.stdout.write(
                "API (http://127.0.0.1:8000/api/v1/docs/): Ballerups »Demo-system« "
                "(rådgiver og leder), ny nøgle ved hver indlæsning:"
            )
            self.stdout.write(
                f"  curl -H 'Authorization: Bearer {key}' http://127.0.0.1:8000/api/v1/cases"
            )
