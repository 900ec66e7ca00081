from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.hearing import DraftDecision
from bb103.cases.models.limits import TEXT, limited_text


class TerminationReason(models.TextChoices):
    PENSION_AGE = "pension_age", "Borgeren har nået folkepensionsalderen"
    GOALS_REACHED = "goals_reached", "Målene er nået"
    NO_EFFECT = "no_effect", "Indsatsen giver ikke den forventede effekt"
    NO_COOPERATION = "no_cooperation", "Borgeren medvirker ikke til planen"
    SITUATION_CHANGED = "situation_changed", "Borgerens situation har ændret sig"
    CITIZEN_WISH = "citizen_wish", "Borgeren ønsker at stoppe"
    MOVED = "moved", "Borgeren er flyttet fra kommunen"
    DIED = "died", "Borgeren er død"


class Termination(models.Model):
    """The decision to end a granted effort, and the day it ends (``terminated_on``), which
    may lie in the future: until then the effort runs, and the daily sweep ends it on the
    day (the case's status is then »Ophørt«)."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="termination", verbose_name="sag"
    )
    reason = models.CharField("årsag", max_length=30, choices=TerminationReason.choices)
    decided_on = models.DateField("besluttet", null=True, blank=True)
    terminated_on = models.DateField("ophører")
    draft = models.OneToOneField(
        DraftDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="termination",
        verbose_name="udkast, der er partshørt",
    )
    notes = limited_text("bemærkninger", TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registreret af",
    )

    class Meta:
        verbose_name = "ophør"
        verbose_name_plural = "ophør"

    def __str__(self) -> str:
        return f"Ophør {self.terminated_on}"
