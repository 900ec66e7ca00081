"""Registering, rotating and revoking the API's system clients (issue 18, point 2).

A key is ``bb103_<prefix>_<secret>``: the prefix finds the row, and the SHA-256 of the
whole key is compared in constant time. The key is returned once, to be shown once; it
cannot be read back."""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bb103.cases.errors import CaseError
from bb103.cases.models import (
    ApiClient,
    ApiKey,
    Membership,
    Municipality,
    Provider,
    Role,
    User,
)
from bb103.cases.permissions import require_step
from bb103.cases.selectors.scope import scope_forget
from bb103.cases.services.audit import audit_write
from bb103.cases.services.validation import required_text

KEY_START = "bb103_"
# How long a rotated key keeps working, so the client's system can switch without a gap.
DEFAULT_GRACE = timedelta(hours=24)
# A system acts in the municipality's roles; none of them reads more than it needs.
CLIENT_ROLES = frozenset(
    {Role.CASEWORKER, Role.MANAGER, Role.PROVIDER_STAFF, Role.COMMITTEE_MEMBER}
)


@dataclass(frozen=True)
class IssuedKey:
    """A new key: ``secret`` is shown once and never stored."""

    client: ApiClient
    key: ApiKey
    secret: str


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _issue(client: ApiClient) -> IssuedKey:
    prefix = secrets.token_hex(6)
    secret = f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(client=client, prefix=prefix, key_hash=key_hash(secret))
    return IssuedKey(client, key, secret)


def api_client_register(
    *,
    user: User,
    municipality: Municipality,
    name: str,
    roles: Iterable[str],
    provider: Provider | None = None,
    rate_per_minute: int = 120,
) -> IssuedKey:
    """Register a system client with ``roles`` in ``municipality`` (provider staff: for
    ``provider``) and issue its first key."""
    require_step(user, "api_client_register", municipality.id)
    name = required_text(name, field="name", label="Navn")
    roles = sorted(set(roles))
    if not roles:
        raise CaseError("Vælg mindst én rolle, klienten må handle i.", field="roles")
    for role in roles:
        if role not in CLIENT_ROLES:
            raise CaseError(f"En systemklient kan ikke have rollen »{role}«.", field="roles")
    if (Role.PROVIDER_STAFF in roles) != (provider is not None):
        raise CaseError(
            "Et tilbuds system skal have rollen medarbejder hos tilbud og tilbuddet angivet.",
            field="provider",
        )
    if provider is not None and provider.municipality_id != municipality.id:
        raise CaseError("Tilbuddet hører ikke til kommunen.", field="provider")
    if not 1 <= rate_per_minute <= 100_000:
        raise CaseError("Kald pr. minut skal være mellem 1 og 100.000.", field="rate_per_minute")
    if ApiClient.objects.filter(municipality=municipality, name=name).exists():
        raise CaseError(f"Kommunen har allerede en systemklient med navnet »{name}«.", field="name")
    with transaction.atomic():
        identity = User(
            username=f"api-{secrets.token_hex(8)}",
            first_name=name[:150],
            last_name="(systemklient)",
        )
        identity.set_unusable_password()
        identity.save()
        client = ApiClient.objects.create(
            name=name,
            municipality=municipality,
            provider=provider,
            user=identity,
            rate_per_minute=rate_per_minute,
            created_by=user,
        )
        Membership.objects.bulk_create(
            Membership(
                user=identity,
                municipality=municipality,
                role=role,
                provider=provider if role == Role.PROVIDER_STAFF else None,
            )
            for role in roles
        )
        scope_forget()
        issued = _issue(client)
        audit_write(
            actor=user,
            municipality_id=municipality.id,
            action="api_client_register",
            details={"client": client.pk, "name": name, "roles": roles, "key": issued.key.prefix},
        )
    return issued


def api_key_rotate(*, user: User, client: ApiClient, grace: timedelta = DEFAULT_GRACE) -> IssuedKey:
    """A new key; the client's current keys stop working after ``grace`` (0: now)."""
    require_step(user, "api_key_rotate", client.municipality_id)
    if client.revoked_at is not None:
        raise CaseError("Klienten er spærret. Registrér en ny klient.", field="client")
    now = timezone.now()
    with transaction.atomic():
        ending = now + grace
        for key in client.keys.filter(revoked_at__isnull=True):
            if key.expires_at is None or key.expires_at > ending:
                key.expires_at = ending
                key.save(update_fields=["expires_at"])
        issued = _issue(client)
        audit_write(
            actor=user,
            municipality_id=client.municipality_id,
            action="api_key_rotate",
            details={
                "client": client.pk,
                "key": issued.key.prefix,
                "grace_s": int(grace.total_seconds()),
            },
        )
    return issued


def api_client_revoke(*, user: User, client: ApiClient) -> ApiClient:
    """Block the client at once: its keys and its identity stop working."""
    require_step(user, "api_client_revoke", client.municipality_id)
    now = timezone.now()
    with transaction.atomic():
        client.revoked_at = client.revoked_at or now
        client.save(update_fields=["revoked_at"])
        client.keys.filter(revoked_at__isnull=True).update(revoked_at=now)
        client.user.is_active = False
        client.user.save(update_fields=["is_active"])
        audit_write(
            actor=user,
            municipality_id=client.municipality_id,
            action="api_client_revoke",
            details={"client": client.pk},
        )
    return client


def api_key_authenticate(secret: str) -> ApiClient | None:
    """The client a presented key belongs to, if the key is in force; None otherwise."""
    if not secret.startswith(KEY_START):
        return None
    prefix, _, rest = secret[len(KEY_START) :].partition("_")
    if not prefix or not rest or len(secret) > 200:
        return None
    key = (
        ApiKey.objects.select_related("client__user", "client__municipality")
        .filter(prefix=prefix, revoked_at__isnull=True, client__revoked_at__isnull=True)
        .first()
    )
    if key is None or not hmac.compare_digest(key.key_hash, key_hash(secret)):
        return None
    now = timezone.now()
    if key.expires_at is not None and key.expires_at <= now:
        return None
    if not key.client.user.is_active:
        return None
    # Written at most once a minute: a busy client must not turn every read into a write.
    if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    key.client.key_prefix = key.prefix  # type: ignore[attr-defined]
    return key.client
