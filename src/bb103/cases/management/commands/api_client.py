"""Register, list, rotate and revoke the API's system clients, as the municipality's
administrator (``--by``). A new key is printed once, on stdout; it cannot be read back."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bb103.cases import services
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import ApiClient, Municipality, Provider, Role, User
from bb103.cases.request_context import origin


class Command(BaseCommand):
    help = "System clients of the API: register, list, rotate, revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="command", required=True)
        reg = sub.add_parser("register", help="register a client and print its first key")
        reg.add_argument("--by", required=True, help="the administrator's username")
        reg.add_argument("--municipality", required=True, help="municipality code, e.g. 0265")
        reg.add_argument("--name", required=True)
        reg.add_argument(
            "--role",
            action="append",
            required=True,
            choices=[r.value for r in Role if r != Role.ADMINISTRATOR],
            help="a role the client may act in (repeat for several)",
        )
        reg.add_argument("--provider", type=int, help="provider id (a provider's own system)")
        reg.add_argument("--rate", type=int, default=120, help="requests per minute")
        rot = sub.add_parser("rotate", help="issue a new key; the old ones run out")
        rot.add_argument("--by", required=True)
        rot.add_argument("client", type=int)
        rot.add_argument("--grace-hours", type=float, default=24.0)
        rev = sub.add_parser("revoke", help="block a client and all its keys at once")
        rev.add_argument("--by", required=True)
        rev.add_argument("client", type=int)
        lst = sub.add_parser("list", help="the clients and their keys (never the keys)")
        lst.add_argument("--municipality")

    def handle(self, *args: Any, **options: Any) -> None:
        command = options["command"]
        if command == "list":
            return self._list(options.get("municipality"))
        admin = _user(options["by"])
        try:
            with origin(None, "cli"):
                if command == "register":
                    issued = services.api_client_register(
                        user=admin,
                        municipality=_get(Municipality, options["municipality"], "municipality"),
                        name=options["name"],
                        roles=options["role"],
                        provider=_get(Provider, options["provider"], "provider")
                        if options["provider"]
                        else None,
                        rate_per_minute=options["rate"],
                    )
                elif command == "rotate":
                    issued = services.api_key_rotate(
                        user=admin,
                        client=_get(ApiClient, options["client"], "client"),
                        grace=timedelta(hours=options["grace_hours"]),
                    )
                else:
                    client = _get(ApiClient, options["client"], "client")
                    services.api_client_revoke(user=admin, client=client)
                    self.stderr.write(f"client {client.pk} ({client.name}) is revoked")
                    return None
        except AccessDenied:
            raise CommandError(f"--by: {admin.username} is not administrator there") from None
        except CaseError as exc:
            raise CommandError(f"{exc.field or 'input'}: refused: {exc.message}") from None
        self.stdout.write(issued.secret)
        self.stderr.write(
            f"client {issued.client.pk} ({issued.client.name}), key {issued.key.prefix}: "
            "shown once; store it in the client system's secret store now"
        )
        return None

    def _list(self, municipality: str | None) -> None:
        clients = ApiClient.objects.prefetch_related("keys", "user__memberships")
        if municipality:
            clients = clients.filter(municipality_id=municipality)
        now = timezone.now()
        for client in clients:
            roles = ",".join(sorted(m.role for m in client.user.memberships.all()))
            state = "revoked" if client.revoked_at else "active"
            self.stdout.write(
                f"{client.pk}\t{client.municipality_id}\t{client.name}\t{roles}\t{state}"
            )
            for key in client.keys.all():
                live = key.revoked_at is None and (key.expires_at is None or key.expires_at > now)
                until = f" until {key.expires_at:%Y-%m-%d %H:%M}" if key.expires_at else ""
                self.stdout.write(f"\tkey {key.prefix}\t{'in force' if live else 'ended'}{until}")


def _user(username: str) -> User:
    try:
        return User.objects.get(username=username, is_active=True)
    except User.DoesNotExist:
        raise CommandError(f"--by: no active user named {username!r}") from None


def _get(model: Any, pk: Any, name: str) -> Any:
    try:
        return model.objects.get(pk=pk)
    except (model.DoesNotExist, ValueError):
        raise CommandError(f"--{name}: no {name} {pk!r}") from None
