"""How long a typed text may be (issue 14, point 10): a 10 000-character name broke the
page, and a 240 000-character application was stored and shown whole.

A name or a short field is a ``CharField`` with its ``max_length`` as before. A free text is
a ``TextField`` with a limit that fits its use (a validator, not ``max_length``, which would
make SQLite copy every table it is added to for nothing), kept by the application, not the
database:
the model's validator, the form's ``max_length`` (so the browser stops at it too) and the
services' check before every save (``services.validation.within_limits``), so the screens,
the CLI and anything later refuse the same text with the same Danish message. A
``varchar(n)`` would let PostgreSQL enforce it too, but SQLite ignores the length, so the
application's check is the one that holds on both, and a limit raised later is a change of
code, not a rewrite of a large table's column.
"""

from django.core.validators import MaxLengthValidator
from django.db import models

# A reason or a note: why a hearing was skipped, why the case is delayed, a deviation, the
# caseworker's own text in a letter, Ankestyrelsen's decision in brief.
SHORT_TEXT = 5_000
# A plan or notes: the committee's notes, the handleplan, the pedagogical plan, an offer's
# description, a termination's notes.
TEXT = 10_000
# An account that may run to several pages: the application, the assessment, a decision's
# reasons and individual assessment, the citizen's comments and complaint, minutes.
LONG_TEXT = 20_000

TOO_LONG = "Teksten må højst være %(limit_value)d tegn (den er %(show_value)d)."


def limited_text(verbose_name: str, limit: int, **kwargs) -> models.TextField:
    """A free text of at most ``limit`` characters, refused in Danish beyond it."""
    return models.TextField(
        verbose_name, validators=[MaxLengthValidator(limit, message=TOO_LONG)], **kwargs
    )


def limit_of(field: models.Field) -> int | None:
    """A text column's limit: a ``CharField``'s ``max_length`` or a ``limited_text``'s."""
    if field.max_length:
        return int(field.max_length)
    for validator in field.validators:
        if isinstance(validator, MaxLengthValidator):
            return int(validator.limit_value)
    return None
