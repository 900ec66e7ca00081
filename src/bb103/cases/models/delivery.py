import uuid

from django.db import models

from bb103.cases.models.letter import Letter
from bb103.cases.models.municipality import Municipality
from bb103.cases.models.task import Task


class DeliveryChannelKind(models.TextChoices):
    DIGITAL_POST = "digital_post", "Digital Post"
    PRINT = "print", "Fysisk brev (print)"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Venter på afsendelse"
    SENT = "sent", "Sendt til Digital Post"
    DELIVERED = "delivered", "Leveret"
    FAILED = "failed", "Fejlet – se opgave"
    PRINTED = "printed", "Sendt til print"


class LetterDelivery(models.Model):
    """How a sent letter travels to the citizen (docs/integrations.md). The letter row
    itself never changes, so its delivery state lives here, one row per letter, made in the
    same transaction as the letter.

    Digital Post: queued -> sent (the channel took the MeMo message) -> delivered, or
    failed (the channel refused it after every retry, or a receipt says it failed), which
    makes a task for the caseworker. A citizen exempt from Digital Post: queued -> printed
    (the letter is in the day's print batch)."""

    letter = models.OneToOneField(
        Letter, on_delete=models.PROTECT, related_name="delivery", verbose_name="brev"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name="kommune"
    )
    channel = models.CharField("kanal", max_length=20, choices=DeliveryChannelKind.choices)
    status = models.CharField(
        "status", max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    # The MeMo messageUUID: the receipt names the message by it, and the receiving side
    # (NgDP) takes a message with a UUID it has seen as the same message, so a retry after a
    # lost answer never sends the letter twice.
    message_uuid = models.UUIDField("meddelelsens UUID", unique=True, default=uuid.uuid4)
    attempts = models.PositiveSmallIntegerField("forsøg", default=0)
    next_attempt_at = models.DateTimeField("næste forsøg", null=True, blank=True)
    file_name = models.CharField("fil", max_length=200, blank=True)
    sent_at = models.DateTimeField("afsendt", null=True, blank=True)
    receipt_at = models.DateTimeField("kvittering", null=True, blank=True)
    failure_reason = models.CharField("fejl", max_length=300, blank=True)
    task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("ændret", auto_now=True)

    class Meta:
        verbose_name = "levering af brev"
        verbose_name_plural = "leveringer af breve"
        indexes = [
            models.Index(
                fields=["municipality", "channel", "status"], name="delivery_muni_channel"
            ),
            models.Index(fields=["status", "next_attempt_at"], name="delivery_status_next"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.letter_id})"
