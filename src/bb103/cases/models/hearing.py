from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.limits import LONG_TEXT, SHORT_TEXT, limited_text
from bb103.cases.models.outcome import Outcome
from bb103.cases.models.provider import Offer


class DraftKind(models.TextChoices):
    APPLICATION = "application", "Afgørelse om ansøgningen"
    TERMINATION = "termination", "Afgørelse om ophør"
    CHANGE = "change", "Afgørelse om ændring"


class DraftDecision(models.Model):
    """The draft decision the citizen is heard on (partshøring): on the application, or on
    ending a granted effort for a reason the citizen may dispute. A draft is used once: the
    decision (or termination) made on it points to it."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="drafts", verbose_name="sag"
    )
    kind = models.CharField(
        "udkast til", max_length=20, choices=DraftKind.choices, default="application"
    )
    created_on = models.DateField("udarbejdet")
    # Empty for a draft on termination.
    proposed_outcome = models.CharField(
        "foreslået afgørelse", max_length=20, choices=Outcome.choices, blank=True
    )
    termination_reason = models.CharField("foreslået ophørsårsag", max_length=30, blank=True)
    # The day a proposed termination or change takes effect.
    effective_on = models.DateField("foreslået ophørsdato", null=True, blank=True)
    # A draft on a change: the scope proposed (empty where it stays as it is).
    days_per_week = models.PositiveSmallIntegerField(
        "foreslåede dage om ugen", null=True, blank=True
    )
    hours_per_day = models.DecimalField(
        "foreslåede timer pr. dag", max_digits=4, decimal_places=2, null=True, blank=True
    )
    reasons = limited_text("begrundelse", LONG_TEXT, blank=True)
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="foreslået tilbud",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="udarbejdet af",
    )

    class Meta:
        verbose_name = "udkast til afgørelse"
        verbose_name_plural = "udkast til afgørelse"
        ordering = ["created_on", "id"]

    def __str__(self) -> str:
        return f"Udkast {self.created_on}"


class HearingStatus(models.TextChoices):
    SENT = "sent", "Sendt i partshøring"
    CLOSED = "closed", "Partshøring afsluttet"
    SKIPPED = "skipped", "Partshøring undladt (forvaltningsloven § 19, stk. 2)"


class PartyHearing(models.Model):
    """Partshøring on a draft (Forvaltningsloven § 19). The period runs from the citizen's
    receipt of the material; a hearing left out needs its § 19, stk. 2 reason."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="hearings", verbose_name="sag"
    )
    draft = models.ForeignKey(
        DraftDecision, on_delete=models.PROTECT, related_name="hearings", verbose_name="udkast"
    )
    status = models.CharField("status", max_length=20, choices=HearingStatus.choices)
    sent_on = models.DateField("sendt", null=True, blank=True)
    material_received_on = models.DateField("materialet modtaget", null=True, blank=True)
    days = models.PositiveSmallIntegerField(
        "frist for bemærkninger (dage)",
        null=True,
        blank=True,
        help_text="Tom: kvalitetsstandardens frist.",
    )
    comments = limited_text("borgerens bemærkninger", LONG_TEXT, blank=True)
    comments_received_on = models.DateField("bemærkninger modtaget", null=True, blank=True)
    closed_on = models.DateField("afsluttet", null=True, blank=True)
    skip_reason = limited_text(
        "begrundelse efter forvaltningslovens § 19, stk. 2", SHORT_TEXT, blank=True
    )

    class Meta:
        verbose_name = "partshøring"
        verbose_name_plural = "partshøringer"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Partshøring ({self.get_status_display()})"
