from django.db import models

from bb103.cases.models.citizen import Relation, Representative
from bb103.cases.models.letter import Letter


class LetterCopy(models.Model):
    """A copy of a sent letter that went to one of the citizen's representatives (a værge,
    a fuldmagt) with a valid consent on the letter's date (issue 17, item 8). The name, the
    relation and the contact are kept as they were that day, as the letter itself is: a
    later correction of the representative does not change to whom the copy went."""

    letter = models.ForeignKey(
        Letter, on_delete=models.PROTECT, related_name="copies", verbose_name="brev"
    )
    # Kept when the representative is removed: the copy was sent all the same.
    representative = models.ForeignKey(
        Representative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letter_copies",
        verbose_name="repræsentant",
    )
    name = models.CharField("navn", max_length=200)
    relation = models.CharField("relation", max_length=30)
    contact = models.CharField("kontaktoplysninger", max_length=200, blank=True)
    sent_on = models.DateField("sendt")

    class Meta:
        verbose_name = "kopi af brev"
        verbose_name_plural = "kopier af breve"
        ordering = ["letter", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relation_label})"

    @property
    def relation_label(self) -> str:
        """The relation in words, lower case, as the letter prints it: »værge«."""
        try:
            return str(Relation(self.relation).label).lower()
        except ValueError:
            return self.relation
