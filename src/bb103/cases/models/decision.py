from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.hearing import DraftDecision
from bb103.cases.models.limits import LONG_TEXT, TEXT, limited_text
from bb103.cases.models.outcome import Outcome
from bb103.cases.models.provider import Offer


class DecisionOrigin(models.TextChoices):
    MUNICIPALITY = "municipality", "Kommunen"
    # Ankestyrelsen changed the municipality's decision: its decision is the one in force.
    ANKESTYRELSEN = "ankestyrelsen", "Ankestyrelsen"


class DecisionKind(models.TextChoices):
    APPLICATION = "application", "Afgørelse om ansøgningen"
    # A later change of a grant's scope or offer (an ændringsafgørelse): a decision of its
    # own, with its own letter, klagevejledning and complaint period.
    CHANGE = "change", "Afgørelse om ændring"


class Decision(models.Model):
    """A written decision on the application. The policy version and the engine's whole
    evaluation, with its explanations and sources, are frozen as they were on the day of
    the decision. A case may have several over time (a decision sent back by Ankestyrelsen
    is decided again); ``Case.decision`` points to the one in force."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="decisions", verbose_name="sag"
    )
    origin = models.CharField(
        "truffet af", max_length=20, choices=DecisionOrigin.choices, default="municipality"
    )
    kind = models.CharField(
        "afgørelse om", max_length=20, choices=DecisionKind.choices, default="application"
    )
    # The decision a change decision changes (the one in force until it).
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changed_by",
        verbose_name="ændrer afgørelsen",
    )
    # A change decision's scope applies from this day; the running placement follows then.
    effective_on = models.DateField("gælder fra", null=True, blank=True)
    # The scope granted. Empty on a refusal and on a grant made before the scope was
    # recorded (the letter then gives the standard's range).
    days_per_week = models.PositiveSmallIntegerField("dage om ugen", null=True, blank=True)
    # Per day, as the placement and the provider's attendance count hours (a day's hours
    # times the planned days gives the week).
    hours_per_day = models.DecimalField(
        "timer pr. dag", max_digits=4, decimal_places=2, null=True, blank=True
    )
    # Forvaltningsloven § 19, stk. 2, nr. 1: a change the citizen asked for needs no
    # partshøring.
    at_citizens_request = models.BooleanField("på borgerens eget ønske", default=False)
    outcome = models.CharField("afgørelse", max_length=20, choices=Outcome.choices)
    decided_on = models.DateField("truffet")
    # Forvaltningsloven and Retssikkerhedsloven § 67: the complaint period runs from the
    # citizen's receipt of the written decision. Set when the decision letter is sent
    # (Digital Post: received the day it is sent) or a later known receipt is recorded;
    # empty while the citizen has not been told.
    received_on = models.DateField(
        "modtaget af borgeren",
        null=True,
        blank=True,
        help_text="Digital Post: den dag, brevet er sendt; ellers den kendte modtagelsesdato.",
    )
    reasons = limited_text("begrundelse", LONG_TEXT, blank=True)
    # A refusal needs a statutory criterion not met or this: the individual assessment
    # that carries it (the municipality's starting points alone never suffice).
    individual_assessment = limited_text("konkret, individuel vurdering", LONG_TEXT, blank=True)
    # Vejen: a decision against the visitation committee's recommendation, and why.
    committee_deviation_reason = limited_text(
        "begrundelse for at afvige fra visitationsudvalget", TEXT, blank=True
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tilbud",
    )
    draft = models.OneToOneField(
        DraftDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
        verbose_name="udkast",
    )
    with_klagevejledning = models.BooleanField("med klagevejledning", default=True)
    policy_id = models.CharField("kvalitetsstandard", max_length=40)
    policy_version = models.CharField("version af kvalitetsstandarden", max_length=40)
    engine_outcome = models.CharField("regelmotorens anbefaling", max_length=30)
    evaluation = models.JSONField("regelmotorens vurdering med forklaringer")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registreret af",
    )
    # When Ankestyrelsen sent it back or annulled it (or changed it): no longer in force.
    set_aside_on = models.DateField("tilsidesat", null=True, blank=True)

    class Meta:
        verbose_name = "afgørelse"
        verbose_name_plural = "afgørelser"
        ordering = ["decided_on", "id"]
        indexes = [
            # The overview's days from application to decision: the year's first decisions
            # on applications, without reading the table.
            models.Index(
                fields=["decided_on"],
                include=["case", "id"],
                condition=models.Q(kind="application", origin="municipality"),
                name="decision_application_day",
            ),
            # Is the decision in force a refusal (the rule of an open case): a few rows.
            models.Index(
                fields=["id"], condition=models.Q(outcome="refusal"), name="decision_refusal"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == DecisionKind.CHANGE:
            return f"Ændring {self.decided_on}"
        return f"{self.get_outcome_display()} {self.decided_on}"
