from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.citizen import Representative
from bb103.cases.models.limits import LONG_TEXT, limited_text


class Applicant(models.TextChoices):
    CITIZEN = "citizen", "Borgeren selv"
    REPRESENTATIVE = "representative", "En anden med borgerens samtykke"


class Channel(models.TextChoices):
    DIGITAL = "digital", "Digital selvbetjening"
    PHONE = "phone", "Telefon"
    LETTER = "letter", "Brev"
    IN_PERSON = "in_person", "Personligt fremmøde"


class Application(models.Model):
    """The application that opens a case; the decision deadline runs from ``received_on``."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="application", verbose_name="sag"
    )
    applicant = models.CharField("ansøger", max_length=20, choices=Applicant.choices)
    representative = models.ForeignKey(
        Representative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="ansøgt af",
    )
    channel = models.CharField("ansøgt via", max_length=20, choices=Channel.choices)
    received_on = models.DateField("modtaget")
    receipt_sent_on = models.DateField("kvittering sendt", null=True, blank=True)
    description = limited_text("ansøgningen", LONG_TEXT, blank=True)
    # The citizen's answer in Min sag to whether the municipality may gather information
    # from doctors and others (Retssikkerhedsloven § 11 c); None where it was not asked
    # (an application registered by staff, who record a consent in the journal).
    information_consent = models.BooleanField(
        "samtykke til at indhente oplysninger", null=True, blank=True
    )

    class Meta:
        verbose_name = "ansøgning"
        verbose_name_plural = "ansøgninger"

    def __str__(self) -> str:
        return f"Ansøgning modtaget {self.received_on}"
