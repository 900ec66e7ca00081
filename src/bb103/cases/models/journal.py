from django.conf import settings
from django.db import models
from django.utils import timezone

from bb103.cases.models.case import Case
from bb103.cases.models.limits import TEXT, limited_text


class JournalKind(models.TextChoices):
    PHONE = "phone", "Telefonsamtale"
    MEETING = "meeting", "Møde"
    EMAIL = "email", "E-mail"
    OBSERVATION = "observation", "Observation"
    OTHER = "other", "Andet"


class JournalNote(models.Model):
    """A journal note on a case (journalnotat): a phone call, a meeting, an e-mail or an
    observation, in the caseworker's own words, dated the day it happened. Notes are the
    case's record (the duty to take notes, offentlighedsloven § 13), so a note is never
    changed: a correction is a new note that points to the one it corrects."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="journal_notes", verbose_name="sag"
    )
    kind = models.CharField("art", max_length=20, choices=JournalKind.choices)
    occurred_on = models.DateField("dato")
    text = limited_text("notat", TEXT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="skrevet af",
    )
    created_at = models.DateTimeField("skrevet", default=timezone.now)
    # One correction per note: a note corrected twice would leave two versions in force.
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name="retter notat",
    )

    class Meta:
        verbose_name = "journalnotat"
        verbose_name_plural = "journalnotater"
        ordering = ["-occurred_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["case", "occurred_on"], name="journal_case_occurred")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"

    def save(self, *args: object, **kwargs: object) -> None:
        # A note is the case's record as written: refuse any update of an existing row.
        if self.pk is not None and not self._state.adding:
            raise ValueError("Et journalnotat kan ikke ændres. Skriv et nyt notat som rettelse.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
