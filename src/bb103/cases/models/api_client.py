"""The systems that talk to BB103 over the API (issue 18, point 2): a system client is
registered by an administrator for one municipality (or one provider) with the roles it may
act in, and authenticates with an API key of which only a hash is kept."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from bb103.cases.models.municipality import Municipality
from bb103.cases.models.provider import Provider


class ApiClient(models.Model):
    """A system client. It acts as its own user (``user``), whose memberships are the roles
    it was given, so every action asks the same role question of it as of a person, and
    every audit entry names it. That user has no password and cannot log in on a screen."""

    name = models.CharField("navn", max_length=100)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="api_clients", verbose_name="kommune"
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_clients",
        verbose_name="tilbud (for en leverandørs system)",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        verbose_name="klientens bruger",
    )
    # Requests per minute; beyond it the client gets 429 with Retry-After.
    rate_per_minute = models.PositiveIntegerField("kald pr. minut", default=120)
    created_at = models.DateTimeField("oprettet", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="af"
    )
    revoked_at = models.DateTimeField("spærret", null=True, blank=True)

    class Meta:
        verbose_name = "systemklient"
        verbose_name_plural = "systemklienter"
        ordering = ["municipality_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="api_client_name_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality_id})"


class ApiKey(models.Model):
    """One key of a client. The key is shown once, when it is made; only its SHA-256 is
    kept (a key is 256 random bits, so a slow password hash adds nothing). ``prefix`` is
    the key's public part, to find the row and to name the key in logs. Rotating gives a
    new key and lets the old one run out after a grace period, so the client's system can
    switch without downtime."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="keys", verbose_name="klient"
    )
    prefix = models.CharField("nøglens id", max_length=16, unique=True)
    key_hash = models.CharField("nøglens SHA-256", max_length=64)
    created_at = models.DateTimeField("udstedt", default=timezone.now)
    expires_at = models.DateTimeField("udløber", null=True, blank=True)
    revoked_at = models.DateTimeField("spærret", null=True, blank=True)
    last_used_at = models.DateTimeField("sidst brugt", null=True, blank=True)

    class Meta:
        verbose_name = "API-nøgle"
        verbose_name_plural = "API-nøgler"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.prefix


class IdempotentRequest(models.Model):
    """The first answer to a POST with an ``Idempotency-Key``: a repeated key from the same
    client gets this answer again instead of a second letter or case."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="+", verbose_name="klient"
    )
    key = models.CharField("nøgle", max_length=200)
    method = models.CharField("metode", max_length=10)
    path = models.CharField("sti", max_length=300)
    # SHA-256 of the request body: the same key with another body is refused (422).
    fingerprint = models.CharField("kroppens SHA-256", max_length=64)
    status_code = models.PositiveSmallIntegerField("status")
    body = models.JSONField("svar", null=True, encoder=DjangoJSONEncoder)
    headers = models.JSONField("svarets headere", default=dict)
    created_at = models.DateTimeField("modtaget", default=timezone.now)

    class Meta:
        verbose_name = "idempotent kald"
        verbose_name_plural = "idempotente kald"
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_once")
        ]
