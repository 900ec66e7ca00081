from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.letter import Letter
from bb103.cases.models.limits import SHORT_TEXT, limited_text


class DelayNotice(models.Model):
    """A notice of delay sent to the citizen (Retssikkerhedsloven § 3, stk. 2): the decision
    deadline cannot be met, and the letter promises a date. The promise is a deadline of
    the case from then on."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="delay_notices", verbose_name="sag"
    )
    letter = models.OneToOneField(
        Letter, on_delete=models.PROTECT, related_name="delay_notice", verbose_name="brev"
    )
    sent_on = models.DateField("sendt")
    expected_on = models.DateField("forventet afgørelse")
    reason = limited_text("hvorfor sagen tager længere tid", SHORT_TEXT)

    class Meta:
        verbose_name = "besked om forsinkelse"
        verbose_name_plural = "beskeder om forsinkelse"
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"Forventet afgørelse {self.expected_on}"
