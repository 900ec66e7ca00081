from datetime import date

from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.decision import Decision
from bb103.cases.models.limits import LONG_TEXT, SHORT_TEXT, limited_text


class ComplaintForm(models.TextChoices):
    WRITTEN = "written", "Skriftlig"
    ORAL = "oral", "Mundtlig"


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "Modtaget, afventer genvurdering"
    REASSESSED = "reassessed", "Genvurderet, afventer videresendelse"
    FORWARDED = "forwarded", "Sendt til Ankestyrelsen"
    CLOSED = "closed", "Afsluttet"


class Reassessment(models.TextChoices):
    UPHELD = "upheld", "Afgørelsen fastholdes"
    PARTLY_UPHELD = "partly_upheld", "Afgørelsen fastholdes delvist"
    CHANGED = "changed", "Borgeren får medhold; afgørelsen ændres"


class AnkeOutcome(models.TextChoices):
    UPHELD = "upheld", "Stadfæstet"
    CHANGED = "changed", "Ændret"
    SENT_BACK = "sent_back", "Hjemvist"
    ANNULLED = "annulled", "Ophævet"
    REJECTED = "rejected", "Afvist"


class ComplaintAbout(models.TextChoices):
    APPLICATION = "application", "Afgørelsen om ansøgningen"
    TERMINATION = "termination", "Afgørelsen om ophør"
    CHANGE = "change", "Afgørelsen om ændring"


class Complaint(models.Model):
    """A complaint about the decision (Retssikkerhedsloven §§ 66–67): always to the
    municipality, which reassesses it and forwards it to Ankestyrelsen if it upholds the
    decision wholly or partly. A late complaint is flagged and still forwarded."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="complaints", verbose_name="sag"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="complaints", verbose_name="afgørelse"
    )
    about = models.CharField(
        "klagen gælder", max_length=20, choices=ComplaintAbout.choices, default="application"
    )
    received_on = models.DateField("modtaget")
    form = models.CharField("form", max_length=20, choices=ComplaintForm.choices)
    grounds = limited_text("borgerens begrundelse", LONG_TEXT, blank=True)
    late = models.BooleanField("modtaget efter klagefristen", default=False)
    status = models.CharField(
        "status", max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    reassessed_on = models.DateField("genvurderet", null=True, blank=True)
    reassessment = models.CharField(
        "genvurdering", max_length=20, choices=Reassessment.choices, blank=True
    )
    reassessment_notes = limited_text("begrundelse for genvurderingen", LONG_TEXT, blank=True)
    forwarded_on = models.DateField("sendt til Ankestyrelsen", null=True, blank=True)
    anke_outcome = models.CharField(
        "Ankestyrelsens afgørelse", max_length=20, choices=AnkeOutcome.choices, blank=True
    )
    anke_outcome_on = models.DateField("Ankestyrelsens afgørelse modtaget", null=True, blank=True)
    anke_notes = limited_text("Ankestyrelsens afgørelse, kort", SHORT_TEXT, blank=True)
    # The case file sent with the complaint (Retssikkerhedsloven § 66, stk. 2): one PDF
    # of the decision, the letters, the assessment and the complaint, kept as sent.
    case_file = models.BinaryField("sagsakter (PDF)", null=True, blank=True, editable=False)
    case_file_sha256 = models.CharField("SHA-256 af sagsakterne", max_length=64, blank=True)

    class Meta:
        verbose_name = "klage"
        verbose_name_plural = "klager"
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"Klage modtaget {self.received_on}"


def reopening_date(complaints: "list[Complaint]") -> "date | None":
    """The latest day the decision on the application was set aside to be made again: sent
    back or annulled by Ankestyrelsen, or changed at the municipality's own reassessment
    (the citizen was given what they asked for). None if it never was."""
    latest = None
    for c in sorted(complaints, key=lambda c: (c.received_on, c.pk)):
        if c.about != ComplaintAbout.APPLICATION:
            continue
        if c.anke_outcome in (AnkeOutcome.SENT_BACK, AnkeOutcome.ANNULLED):
            latest = c.anke_outcome_on
        elif c.reassessment == Reassessment.CHANGED:
            latest = c.reassessed_on
    return latest
