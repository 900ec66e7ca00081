from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.limits import LONG_TEXT, limited_text


class VumLevel(models.IntegerChoices):
    # Voksenudredningsmetoden's scale; the engine's policy data carries the same labels.
    NONE = 0, "0 – ingen nedsat funktionsevne"
    LIGHT = 1, "1 – let nedsat funktionsevne"
    MODERATE = 2, "2 – moderat nedsat funktionsevne"
    SEVERE = 3, "3 – svært nedsat funktionsevne"
    COMPLETE = 4, "4 – fuldstændigt nedsat funktionsevne"


def _fact(label: str) -> models.BooleanField:
    # Three-valued: yes, no, or not yet clarified (null), as the engine takes it.
    return models.BooleanField(label, null=True, blank=True)


class Assessment(models.Model):
    """An assessment (udredning) by VUM, with the target-group facts it establishes. A case
    may be reassessed; the latest one is the one the engine sees."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="assessments", verbose_name="sag"
    )
    assessed_on = models.DateField("udredt")
    vum_level = models.PositiveSmallIntegerField(
        "VUM-niveau", choices=VumLevel.choices, null=True, blank=True
    )
    vum_notes = limited_text("VUM-vurdering", LONG_TEXT, blank=True)
    interview_place = models.CharField("samtalen holdt", max_length=200, blank=True)
    # The target-group facts (Serviceloven § 103, stk. 1, and the municipal criteria).
    significant_reduced_function = _fact("betydelig nedsat fysisk eller psykisk funktionsevne")
    special_social_problems = _fact("særlige sociale problemer")
    can_work_on_normal_terms = _fact("kan opnå eller fastholde beskæftigelse på normale vilkår")
    other_legislation_exhausted = _fact("tilbud efter anden lovgivning er afklaret og ikke mulige")
    receives_foertidspension = _fact("modtager førtidspension")
    motivated = _fact("motiveret")
    can_transport_self = _fact("kan selv transportere sig")
    # Information gathered.
    medical_certificate = models.BooleanField("lægeattest indhentet", default=False)
    status_certificate = models.BooleanField("statusattest indhentet", default=False)
    medical_consultant = models.BooleanField("lægekonsulent inddraget", default=False)
    jobcenter_clarified_on = models.DateField("afklaret med jobcentret", null=True, blank=True)
    information_notes = limited_text("andre oplysninger", LONG_TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registreret af",
    )

    class Meta:
        verbose_name = "udredning"
        verbose_name_plural = "udredninger"
        ordering = ["assessed_on", "id"]

    def __str__(self) -> str:
        return f"Udredning {self.assessed_on}"
