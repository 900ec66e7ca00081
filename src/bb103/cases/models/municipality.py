from django.db import models


class Municipality(models.Model):
    """A municipality; its id is the policy id the rules engine knows (``roskilde``,
    ``vejen``, ...), so its service level comes from its policy file, not from here."""

    id = models.SlugField("id (kvalitetsstandardens id)", primary_key=True, max_length=40)
    name = models.CharField("navn", max_length=100)

    class Meta:
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
