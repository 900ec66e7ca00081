from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships (role per
    municipality), never from Django's staff or superuser flags."""

    class Meta:
        verbose_name = "bruger"
        verbose_name_plural = "brugere"
