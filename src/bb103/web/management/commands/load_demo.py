"""``bb103 manage load_demo``: demo municipalities, offers, users and cases (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from bb103.web.demo import PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "Indlæs demodata: kommuner, tilbud, brugere og fiktive borgere med sager."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--per-municipality", type=int, default=12)

    def handle(self, *args: Any, **options: Any) -> None:
        load_demo(per_municipality=options["per_municipality"], log=self.stdout.write)
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (adgangskode for alle: {PASSWORD}):")
        for mid in ("ballerup", "vejen", "roskilde", "lejre", "soenderborg"):
            names = ", ".join(f"{mid}-{suffix}" for suffix, *_ in USERS)
            self.stdout.write(f"  {names}")
        self.stdout.write("Roller: raadgiver/raadgiver2 = rådgiver, udvalg = visitationsudvalg, ")
        self.stdout.write(
            "        leder = leder, admin = administrator, tilbud = medarbejder hos tilbud"
        )
