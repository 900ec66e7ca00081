from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.limits import SHORT_TEXT, TEXT, limited_text


class ClosureReason(models.TextChoices):
    WITHDRAWN = "withdrawn", "Borgeren har trukket ansøgningen tilbage"
    MISTAKE = "mistake", "Sagen er oprettet ved en fejl"
    DUPLICATE = "duplicate", "Sagen er en dublet af en anden sag"
    MOVED = "moved", "Borgeren er flyttet til en anden kommune"
    DIED = "died", "Borgeren er død"


class CaseClosure(models.Model):
    """Why and when a case was closed before any placement started (the case's status is
    then »Lukket«). A running effort ends by a termination instead (models/termination.py).

    For a move, the new municipality and what it needs to take over (Retssikkerhedsloven
    § 9 b); the deadlines open at the closing are kept here, since the case's own deadline
    rows end with it."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="closure", verbose_name="sag"
    )
    reason = models.CharField("årsag", max_length=20, choices=ClosureReason.choices)
    closed_on = models.DateField("lukket")
    duplicate_of = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="dublet af sag",
    )
    moved_to = models.CharField("ny kommune", max_length=100, blank=True)
    moved_on = models.DateField("flyttet", null=True, blank=True)
    new_address = models.CharField("ny adresse", max_length=300, blank=True)
    handover_notes = limited_text("til den nye kommune", SHORT_TEXT, blank=True)
    notes = limited_text("bemærkninger", TEXT, blank=True)
    # [{"kind", "label", "due_on", "explanation"}]: the deadlines still open at closing.
    open_deadlines = models.JSONField("åbne frister ved lukningen", default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registreret af",
    )

    class Meta:
        verbose_name = "lukning af sag"
        verbose_name_plural = "lukninger af sager"

    def __str__(self) -> str:
        return f"Lukket {self.closed_on}"
