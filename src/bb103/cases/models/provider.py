from django.db import models

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

    class Meta:
        verbose_name = "leverandør"
        verbose_name_plural = "leverandører"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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
    description = models.TextField("beskrivelse", blank=True)

    class Meta:
        verbose_name = "tilbud"
        verbose_name_plural = "tilbud"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
