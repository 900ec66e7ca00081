from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.limits import TEXT, limited_text


class DeadlineKind(models.TextChoices):
    DECISION = "decision", "Afgørelse"
    # Retssikkerhedsloven § 3, stk. 2: the date promised in a notice of delay.
    EXPECTED_DECISION = "expected_decision", "Afgørelse (dato lovet borgeren)"
    # After Ankestyrelsen sent the decision back: the standard's period, from its answer.
    NEW_DECISION = "new_decision", "Ny afgørelse efter hjemvisning"
    PARTY_HEARING = "party_hearing", "Bemærkninger i partshøring"
    COMPLAINT = "complaint", "Klagefrist (borgerens)"
    FORWARD_COMPLAINT = "forward_complaint", "Klagen sendes til Ankestyrelsen"
    FOLLOW_UP = "follow_up", "Opfølgning"
    PENSION_AGE = "pension_age", "Ophør ved folkepensionsalderen"


class Deadline(models.Model):
    """A deadline of a case as the rules engine computed it, with its Danish explanation and
    sources. Rewritten by the services after every step; never edited by hand."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="deadlines", verbose_name="sag"
    )
    kind = models.CharField("frist", max_length=30, choices=DeadlineKind.choices)
    due_on = models.DateField("senest")
    met_on = models.DateField("overholdt", null=True, blank=True)
    explanation = limited_text("forklaring", TEXT)
    sources = models.JSONField("kilder", default=list)

    class Meta:
        verbose_name = "frist"
        verbose_name_plural = "frister"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="deadline_one_per_kind")
        ]
        indexes = [
            models.Index(fields=["due_on", "met_on"], name="deadline_due_met"),
            # The overview's decisions within and past their deadline, by the day met.
            models.Index(
                fields=["kind", "met_on"], include=["case", "due_on"], name="deadline_kind_met"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} senest {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.met_on is None
