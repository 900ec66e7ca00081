"""What a citizen (or their representative) sends in Min sag (issue 19, point 4), kept as
received: the caseworker's later steps never overwrite it. A partshøring's answer is its own
row because closing the hearing writes the caseworker's summary into ``PartyHearing``."""

from django.conf import settings
from django.db import models

from bb103.cases.models.attachment import Attachment
from bb103.cases.models.case import Case
from bb103.cases.models.hearing import PartyHearing
from bb103.cases.models.limits import LONG_TEXT, limited_text


class HearingAnswer(models.Model):
    """The citizen's comments on a draft in partshøring (Forvaltningsloven § 19), sent in
    Min sag within the period, with the documents sent with them."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="hearing_answers", verbose_name="sag"
    )
    hearing = models.ForeignKey(
        PartyHearing, on_delete=models.PROTECT, related_name="answers", verbose_name="partshøring"
    )
    text = limited_text("bemærkninger", LONG_TEXT, blank=True)
    received_on = models.DateField("modtaget")
    attachments = models.ManyToManyField(
        Attachment, blank=True, related_name="hearing_answers", verbose_name="bilag"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="af"
    )
    sent_at = models.DateTimeField("modtaget (tidspunkt)", auto_now_add=True)

    class Meta:
        verbose_name = "svar på partshøring"
        verbose_name_plural = "svar på partshøring"
        ordering = ["case", "sent_at", "id"]

    def __str__(self) -> str:
        return f"Svar på partshøring {self.received_on}"


class CitizenReportKind(models.TextChoices):
    """The changes Roskilde's standard asks the citizen and relatives to report."""

    ADDRESS = "address", "Ny adresse"
    HEALTH = "health", "Mit helbred har ændret sig"
    LIVING = "living", "Jeg bor på en ny måde"
    STOP = "stop", "Jeg vil gerne stoppe"
    OTHER = "other", "Noget andet"


class CitizenReport(models.Model):
    """A change the citizen reported in Min sag (Retssikkerhedsloven § 11: the citizen
    tells the municipality of changes that matter for the help)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="citizen_reports", verbose_name="sag"
    )
    kind = models.CharField("ændring", max_length=20, choices=CitizenReportKind.choices)
    text = limited_text("beskrivelse", LONG_TEXT)
    reported_on = models.DateField("modtaget")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="af"
    )
    sent_at = models.DateTimeField("modtaget (tidspunkt)", auto_now_add=True)

    class Meta:
        verbose_name = "ændring fra borgeren"
        verbose_name_plural = "ændringer fra borgeren"
        ordering = ["case", "sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.reported_on})"
