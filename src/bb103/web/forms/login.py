"""The login form with Django's error messages said plainly.

Django's Danish translation says "Bemærk at begge felter kan være versalfølsomme", a word
few users know (issue 16, point 9; WCAG 2.1 3.3.1 Error Identification and 3.3.3 Error
Suggestion: say what is wrong and how to fix it, in words the user reads)."""

from typing import ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField

from bb103.cases.models import User
from bb103.web.forms.base import LimitedCharField, max_length_of

# Far beyond any password a person types; only a guard against hashing megabytes
# (issue 14, point 10: every text a form takes has a limit). No password is refused for
# its length when it is set, so the limit must stay far above what anyone uses.
PASSWORD_MAX = 4096


class _UsernameField(LimitedCharField, UsernameField):
    """Django's username field (NFKC-normalised) with the Danish message past its limit."""


class LoginForm(AuthenticationForm):
    username = _UsernameField(
        max_length=max_length_of(User, "username"),
        widget=forms.TextInput(attrs={"autofocus": True}),
        error_messages={"required": "Skriv dit brugernavn."},
    )
    password = LimitedCharField(
        max_length=PASSWORD_MAX,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Skriv din adgangskode."},
    )
    error_messages: ClassVar[dict[str, str]] = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Brugernavn eller adgangskode er forkert. Husk, at store og små bogstaver skal "
            "være som da du fik dem."
        ),
        "inactive": "Din bruger er lukket. Kontakt din administrator.",
    }
