"""The municipality's own contact data, kept by its administrator (issue 20, point 4).

The quality standard's contact data (the policy file, each field sourced to the standard)
is the fallback; a field filled in here replaces the standard's on letters, Min sag, the
accessibility statement and the case file from the moment it is saved, so a new phone
number needs no developer. A blank field falls back to the standard's."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from bb103.cases.models.municipality import Municipality

# The fields that can be replaced, with the policy's Contact field of the same name.
CONTACT_OVERRIDES = ("unit", "address", "phone", "email", "hours", "web")


class MunicipalityContact(models.Model):
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="contact_override",
        verbose_name="kommune",
    )
    unit = models.CharField("afdeling", max_length=200, blank=True)
    # One line per line of the letterhead ("Hold-an Vej 7", "2750 Ballerup").
    address = models.CharField("adresse", max_length=300, blank=True)
    phone = models.CharField("telefon", max_length=40, blank=True)
    email = models.CharField("e-mail", max_length=254, blank=True)
    hours = models.CharField("telefontid og åbningstid", max_length=200, blank=True)
    web = models.CharField("hjemmeside", max_length=200, blank=True)
    updated_at = models.DateTimeField("ændret", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="ændret af",
    )

    class Meta:
        verbose_name = "kommunens kontaktoplysninger"
        verbose_name_plural = "kommunernes kontaktoplysninger"

    def __str__(self) -> str:
        return f"Kontaktoplysninger for {self.municipality_id}"

    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]
