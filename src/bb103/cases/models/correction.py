from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from bb103.cases.models.assessment import Assessment
from bb103.cases.models.case import Case
from bb103.cases.models.citizen import Citizen, Representative
from bb103.cases.models.limits import SHORT_TEXT, limited_text
from bb103.cases.models.municipality import Municipality


class CorrectionSubject(models.TextChoices):
    CITIZEN = "citizen", "Borgeren"
    REPRESENTATIVE = "representative", "Repræsentant"
    ASSESSMENT = "assessment", "Udredningen"


class Correction(models.Model):
    """A correction of what was registered (issue 17, item 1): the old and the new values
    and the caseworker's reason. Kept here, not in the audit entry, because the audit log
    is append-only and never anonymised, while the old name or address must go with the
    citizen's other data when the retention period ends (GDPR art. 5, stk. 1, litra e);
    the audit entry holds this row's id and the names of the changed fields."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name="kommune"
    )
    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="corrections", verbose_name="borger"
    )
    # The assessment's case; none for the citizen's own data and their representatives.
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="sag",
    )
    subject = models.CharField("rettet", max_length=20, choices=CorrectionSubject.choices)
    # Kept when the representative is removed: the correction was made all the same.
    representative = models.ForeignKey(
        Representative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="repræsentant",
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="udredning",
    )
    # {field: {"old", "new"}}; the CPR number masked (DDMMÅÅ-xxxx).
    changes = models.JSONField("ændringer", default=dict, encoder=DjangoJSONEncoder)
    # The deadlines the correction moved: [{"case", "deadline", "old", "new"}] (the
    # pension-age date among them tells the birth date, so it is not in the audit log).
    deadlines = models.JSONField("flyttede frister", default=list, encoder=DjangoJSONEncoder)
    reason = limited_text("begrundelse", SHORT_TEXT)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="rettet af",
    )
    corrected_at = models.DateTimeField("rettet", default=timezone.now)

    class Meta:
        verbose_name = "rettelse"
        verbose_name_plural = "rettelser"
        ordering = ["-corrected_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} rettet {self.corrected_at:%Y-%m-%d}"

    @property
    def fields(self) -> list[str]:
        """The names of the corrected fields (what the audit entry holds), sorted: PostgreSQL's
        jsonb does not keep the order the keys were written in."""
        return sorted(self.changes)
