from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.limits import TEXT, limited_text


class HandleplanStatus(models.TextChoices):
    OFFERED = "offered", "Tilbudt"
    ACCEPTED = "accepted", "Tilbudt og udarbejdet"
    DECLINED = "declined", "Tilbudt, borgeren har takket nej"


class Handleplan(models.Model):
    """The § 141 plan offered to everyone granted § 103 (stk. 2); its required contents
    (stk. 3) are filled in when the citizen accepts it."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="handleplans", verbose_name="sag"
    )
    status = models.CharField("status", max_length=20, choices=HandleplanStatus.choices)
    offered_on = models.DateField("tilbudt")
    purpose = limited_text("formål med indsatsen", TEXT, blank=True)
    effort = limited_text("indsats, der skal til for at nå formålet", TEXT, blank=True)
    expected_duration = models.CharField("forventet varighed", max_length=200, blank=True)
    other_matters = limited_text(
        "andre særlige forhold (bolig, beskæftigelse, personlig hjælp, behandling, hjælpemidler)",
        TEXT,
        blank=True,
    )
    # Why the citizen declined, in their own words: where the standard has the plan made
    # together with the citizen (Lejre), a no is recorded as the citizen's own wish.
    declined_note = limited_text("borgerens eget ønske", TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registreret af",
    )

    class Meta:
        verbose_name = "handleplan"
        verbose_name_plural = "handleplaner"
        ordering = ["offered_on", "id"]

    def __str__(self) -> str:
        return f"Handleplan ({self.get_status_display()})"
