from django.db import models


class Outcome(models.TextChoices):
    GRANT = "grant", "Bevilling"
    REFUSAL = "refusal", "Afslag"
