from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case


class AttachmentKind(models.TextChoices):
    STATUSATTEST = "statusattest", "Statusattest"
    LAEGEERKLAERING = "laegeerklaering", "Lægeerklæring"
    UDTALELSE = "udtalelse", "Udtalelse fra tilbud eller andre"
    OTHER = "other", "Andet bilag"


class Attachment(models.Model):
    """A document on the case (a statusattest, say). The file lies outside the web root
    under a random name (``BB103_ATTACHMENT_DIR``) and is served only through a scoped view;
    its checksum shows it has not changed since it was received."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="attachments", verbose_name="sag"
    )
    kind = models.CharField("art", max_length=20, choices=AttachmentKind.choices)
    title = models.CharField("titel", max_length=200)
    original_name = models.CharField("filnavn", max_length=255)
    content_type = models.CharField("filtype", max_length=50)
    size = models.PositiveIntegerField("størrelse (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    stored_name = models.CharField("gemt som", max_length=80, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="af"
    )
    uploaded_at = models.DateTimeField("modtaget", auto_now_add=True)

    class Meta:
        verbose_name = "bilag"
        verbose_name_plural = "bilag"
        ordering = ["case", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title
