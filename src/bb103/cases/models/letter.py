from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from bb103.cases.models.case import Case


class Letter(models.Model):
    """A letter sent to the citizen. Once sent it never changes: the data it was made from,
    the policy version, the PDF and its SHA-256 are stored, and rendering the data again
    gives the same bytes. A correction is a new letter."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="letters", verbose_name="sag"
    )
    kind = models.CharField("brevtype", max_length=30)
    # The decision a decision letter communicates: the complaint period runs from it.
    decision = models.ForeignKey(
        "cases.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name="afgørelse",
    )
    title = models.CharField("overskrift", max_length=200)
    data = models.JSONField("brevets data", encoder=DjangoJSONEncoder)
    policy_id = models.CharField("kvalitetsstandard", max_length=40)
    policy_version = models.CharField("version af kvalitetsstandarden", max_length=40)
    pdf = models.BinaryField("PDF")
    sha256 = models.CharField("SHA-256 af PDF'en", max_length=64)
    sent_on = models.DateField("brevets dato")
    sent_at = models.DateTimeField("sendt")
    # The form (or API request) the letter was sent from: a second submission of the same
    # one (a double click, a retried request) finds this letter instead of sending another.
    request_key = models.CharField("afsendelsens nøgle", max_length=64, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="sendt af",
    )

    class Meta:
        verbose_name = "brev"
        verbose_name_plural = "breve"
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["case", "sent_at"], name="letter_case_sent")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "request_key"],
                condition=~models.Q(request_key=""),
                name="letter_sent_once_per_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.sent_on})"

    def save(self, *args: object, **kwargs: object) -> None:
        # A sent letter is never changed: refuse any update of an existing row.
        if self.pk is not None and not self._state.adding:
            raise ValueError("Et sendt brev kan ikke ændres. Send et nyt brev som rettelse.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
