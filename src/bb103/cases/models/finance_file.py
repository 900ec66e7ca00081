from django.conf import settings
from django.db import models

from bb103.cases.models.municipality import Municipality
from bb103.cases.models.settlement import SettlementMonth


class FinanceFile(models.Model):
    """The finance system's posting file of one approved settlement month: made once, when
    the month is approved, and never changed (``save`` refuses an update; on PostgreSQL a
    trigger refuses UPDATE and DELETE, migration 0027). The bytes are kept as made, with
    their SHA-256, so the file fetched a year later is the file finance imported."""

    settlement = models.OneToOneField(
        SettlementMonth,
        on_delete=models.PROTECT,
        related_name="finance_file",
        verbose_name="afregning",
    )
    # Also on the settlement; kept here so the file is found and scoped without a join.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name="kommune"
    )
    month = models.DateField("måned")
    content = models.BinaryField("indhold")
    sha256 = models.CharField("SHA-256", max_length=64)
    format_version = models.PositiveSmallIntegerField("formatversion")
    lines = models.PositiveIntegerField("posteringer")
    total = models.DecimalField("i alt", max_digits=14, decimal_places=2)
    generated_at = models.DateTimeField("dannet")
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="dannet af",
    )

    class Meta:
        verbose_name = "bogføringsfil"
        verbose_name_plural = "bogføringsfiler"
        ordering = ["municipality", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "month"], name="finance_file_once")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.month:%Y-%m}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Finance may already have imported it: a file once made is never changed.
        if self.pk is not None and not self._state.adding:
            raise ValueError("En bogføringsfil kan ikke ændres, når den er dannet.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("En bogføringsfil kan ikke slettes.")
