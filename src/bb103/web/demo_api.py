"""The demo's system client for the API: Ballerup's "Demo-system" (caseworker and
manager), registered by Ballerup's administrator. Its key is shown once, so each load of
the demo issues a fresh one (the old stops at once) and prints it."""

from datetime import timedelta

from bb103.cases import services
from bb103.cases.models import ApiClient, Municipality, Role, User

NAME = "Demo-system"


def demo_api_key(municipality_id: str = "ballerup") -> str | None:
    """A working key for the demo client, or None where the municipality is not loaded."""
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    admin = User.objects.filter(username=f"{municipality_id}-admin").first()
    if municipality is None or admin is None:
        return None
    client = ApiClient.objects.filter(
        municipality=municipality, name=NAME, revoked_at__isnull=True
    ).first()
    if client is None:
        issued = services.api_client_register(
            user=admin,
            municipality=municipality,
            name=NAME,
            roles=[Role.CASEWORKER, Role.MANAGER],
        )
    else:
        issued = services.api_key_rotate(user=admin, client=client, grace=timedelta(0))
    return issued.secret
