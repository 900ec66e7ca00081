from datetime import date

from django.core.validators import RegexValidator
from django.db import models

from bb103.cases.models.municipality import Municipality
from bb103.cases.models.portal import PortalAccess

# Normalised form DDMMÅÅ-XXXX; the service checks the date it encodes.
cpr_validator = RegexValidator(r"^[0-9]{6}-[0-9]{4}$", "CPR-nummeret skal skrives DDMMÅÅ-XXXX.")


class LivingSituation(models.TextChoices):
    # The values are the engine's (bb103.rules.policy.values.LIVING_SITUATIONS).
    OWN_HOME = "own_home", "Egen bolig"
    BOTILBUD = "botilbud", "Botilbud"
    WITH_FAMILY = "with_family", "Hos familien"


class Citizen(models.Model):
    """The citizen a case is about. The CPR number is sensitive personal data: it is shown
    masked in lists and reached only through the scoped selectors."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="citizens", verbose_name="kommune"
    )
    cpr = models.CharField("CPR-nummer", max_length=11, validators=[cpr_validator])
    # The keyed hash the search looks up (bb103.cases.cpr_index); set with ``cpr``.
    cpr_key = models.CharField(
        "CPR-søgenøgle", max_length=64, db_index=True, editable=False, default=""
    )
    first_name = models.CharField("fornavn", max_length=100)
    last_name = models.CharField("efternavn", max_length=100)
    address = models.CharField("adresse", max_length=200, blank=True)
    phone = models.CharField("telefon", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)
    living_situation = models.CharField(
        "boform", max_length=20, choices=LivingSituation.choices, blank=True
    )
    # Fritaget for Digital Post (Lov om Digital Post fra offentlige afsendere): letters to
    # the citizen go in the municipality's daily print batch instead of to the channel.
    digital_post_exempt = models.BooleanField("fritaget for Digital Post", default=False)
    # Set when the retention period ran out and the identifying data were removed
    # (services/retention.py); the row stays for the statistics and the audit log.
    anonymised_on = models.DateField("anonymiseret", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "borger"
        verbose_name_plural = "borgere"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "cpr"], name="citizen_cpr_once")
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relation(models.TextChoices):
    RELATIVE = "relative", "Pårørende"
    BISIDDER = "bisidder", "Bisidder"
    PARTSREPRAESENTANT = "partsrepraesentant", "Partsrepræsentant"
    GUARDIAN = "guardian", "Værge"
    OTHER = "other", "Anden person"


class Representative(models.Model):
    """Someone acting with the citizen's consent; without a recorded consent they cannot
    apply or act on the citizen's behalf."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="representatives", verbose_name="borger"
    )
    name = models.CharField("navn", max_length=200)
    relation = models.CharField("relation", max_length=30, choices=Relation.choices)
    contact = models.CharField("kontaktoplysninger", max_length=200, blank=True)
    consent_given_on = models.DateField("samtykke givet", null=True, blank=True)
    consent_scope = models.CharField("samtykket omfatter", max_length=300, blank=True)
    consent_withdrawn_on = models.DateField("samtykke trukket tilbage", null=True, blank=True)
    # A copy of every letter to the citizen goes to this person while the consent holds
    # (issue 17, item 8). For a værge the consent date is the day of the appointment.
    receives_letters = models.BooleanField("skal have kopi af breve", default=False)
    # Min sag (issue 19): the representative logs in with their own MitID; the broker's
    # CPR number is matched by its keyed hash only (the number itself is not kept here).
    cpr_key = models.CharField("CPR-søgenøgle (Min sag)", max_length=64, blank=True)
    portal_access = models.CharField(
        "adgang til Min sag",
        max_length=10,
        choices=PortalAccess.choices,
        default=PortalAccess.NONE,
    )

    class Meta:
        verbose_name = "repræsentant"
        verbose_name_plural = "repræsentanter"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"

    def has_consent_on(self, day: date) -> bool:
        return (
            self.consent_given_on is not None
            and self.consent_given_on <= day
            and (self.consent_withdrawn_on is None or day < self.consent_withdrawn_on)
        )
