from django.db import models

from bb103.cases.models.limits import TEXT, limited_text
from bb103.cases.models.municipality import Municipality


class ProviderKind(models.TextChoices):
    OWN_MUNICIPAL = "own_municipal", "Kommunens eget tilbud"
    OTHER_MUNICIPALITY = "other_municipality", "Anden kommunes tilbud"
    PRIVATE_PROVIDER = "private_provider", "Privat leverandør"
    PRIVATE_COMPANY = "private_company", "Privat virksomhed"


class Provider(models.Model):
    """A provider in one municipality's catalogue. The same real provider used by two
    municipalities is two rows, so each municipality's catalogue is its own."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="providers", verbose_name="kommune"
    )
    name = models.CharField("navn", max_length=200)
    kind = models.CharField("type", max_length=30, choices=ProviderKind.choices)
    operator = models.CharField(
        "drives af", max_length=200, blank=True, help_text="Fx den anden kommune eller firmaet."
    )
    address = models.CharField("adresse", max_length=200, blank=True)
    # Blank only on providers registered before the finance file; a month whose provider
    # has none cannot be approved (the finance file names the provider by it).
    cvr = models.CharField("CVR-nummer", max_length=8, blank=True)

    class Meta:
        verbose_name = "leverandør"
        verbose_name_plural = "leverandører"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.TextChoices):
    HANDICAP = "handicap", "Handicap"
    SOCIALPSYKIATRI = "socialpsykiatri", "Socialpsykiatri"


class PriceUnit(models.TextChoices):
    DAY = "day", "pr. dag"
    MONTH = "month", "pr. måned"


class Offer(models.Model):
    """A § 103 offer at a provider. Whether it may be used (Tilbudsportalen, socialtilsyn)
    is decided against the municipality's policy when a case is placed, not stored here."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="offers", verbose_name="leverandør"
    )
    name = models.CharField("navn", max_length=200)
    tilbudsportalen_id = models.CharField("Tilbudsportalen-id", max_length=40, blank=True)
    socialtilsyn_approved = models.BooleanField("godkendt af socialtilsynet", default=False)
    places = models.PositiveIntegerField("pladser", null=True, blank=True)
    description = limited_text("beskrivelse", TEXT, blank=True)
    # Lists of TargetGroup values and of free-text work types (arbejdsopgaver); JSON so
    # the same column works on SQLite and PostgreSQL. The services validate them.
    target_groups = models.JSONField("målgrupper", default=list, blank=True)
    work_types = models.JSONField("arbejdsopgaver", default=list, blank=True)
    # Registered for § 103 on Tilbudsportalen (or, for a private company, the exception).
    section_103 = models.BooleanField("registreret som § 103-tilbud", default=True)
    # When the Tilbudsportalen data was last checked; a placement warns when it is older
    # than a year.
    registry_checked_on = models.DateField(
        "Tilbudsportalen-oplysninger kontrolleret", null=True, blank=True
    )
    # The collective agreement whose lowest wage is the floor for this line of work
    # (a key of the law file's minimum_wages).
    collective_agreement = models.CharField(
        "overenskomst (mindsteløn)", max_length=60, default="industriens_overenskomst"
    )

    class Meta:
        verbose_name = "tilbud"
        verbose_name_plural = "tilbud"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OfferPrice(models.Model):
    """The offer's price (takst) from a date: what the municipality pays the provider per
    day or per month. A new price is a new row; earlier rows are never changed."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="prices", verbose_name="tilbud"
    )
    valid_from = models.DateField("gælder fra")
    unit = models.CharField("enhed", max_length=10, choices=PriceUnit.choices)
    amount = models.DecimalField("takst (kr.)", max_digits=12, decimal_places=2)
    note = models.CharField("bemærkning", max_length=300, blank=True)

    class Meta:
        verbose_name = "takst"
        verbose_name_plural = "takster"
        ordering = ["offer", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "valid_from"], name="offer_price_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.amount} kr. {self.get_unit_display()} fra {self.valid_from}"
