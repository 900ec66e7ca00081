from django.conf import settings
from django.db import models

from bb103.cases.models.limits import SHORT_TEXT, TEXT, limited_text
from bb103.cases.models.placement import Placement


class PedagogicalPlan(models.Model):
    """The provider's pedagogical plan for a placement (Ballerup: »Leverandøren skal
    udarbejde en pædagogisk plan«). Each save is a new version; the newest is in force."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="pedagogical_plans",
        verbose_name="placering",
    )
    goals = limited_text("mål for indsatsen", TEXT)
    methods = limited_text("pædagogiske metoder og støtte", TEXT)
    work_tasks = limited_text("arbejdsopgaver", TEXT, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="skrevet af",
    )
    written_at = models.DateTimeField("skrevet", auto_now_add=True)

    class Meta:
        verbose_name = "pædagogisk plan"
        verbose_name_plural = "pædagogiske planer"
        ordering = ["placement", "-written_at", "-id"]


class Deviation(models.Model):
    """A significant deviation from the handleplan, reported by the provider to the
    caseworker (Vejen afsnit 4.5: »tilbuddet er forpligtiget til at meddele det«)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="deviations", verbose_name="placering"
    )
    observed_on = models.DateField("iagttaget")
    text = limited_text("hvad afviger", SHORT_TEXT)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="meldt af",
    )
    reported_at = models.DateTimeField("meldt", auto_now_add=True)

    class Meta:
        verbose_name = "afvigelse"
        verbose_name_plural = "afvigelser"
        ordering = ["placement", "-observed_on", "-id"]
