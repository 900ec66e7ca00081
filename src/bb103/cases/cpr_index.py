"""The CPR number's search key: a keyed hash (HMAC-SHA256), stored beside the number and
indexed, so a citizen is found by an exact CPR number in one index lookup without scanning
or comparing every row, and the key column alone does not give the numbers away (a CPR
number has only about 3.7 million values a year, so a plain hash could be reversed by trying
them all; without the key it cannot).

The key is ``BB103_CPR_HASH_KEY`` (required in production). After changing it, run
``bb103 manage cpr_rehash``.
"""

import hashlib
import hmac

from django.conf import settings
from django.core import checks
from django.views.decorators.debug import sensitive_variables

# The development settings' key: public, in the repository, so never good enough in
# production (issue 14, point 6).
DEVELOPMENT_KEY = "bb103-local-development-only"
# As long as a key for HMAC-SHA256 needs to be (32 bytes), so no short or guessable key.
MINIMUM_KEY_LENGTH = 32


def cpr_hash_key_problem(key: str) -> str | None:
    """Why ``key`` is not fit to protect CPR numbers, or None."""
    if key == DEVELOPMENT_KEY:
        return "BB103_CPR_HASH_KEY is the public development key."
    if len(key) < MINIMUM_KEY_LENGTH:
        return f"BB103_CPR_HASH_KEY must be at least {MINIMUM_KEY_LENGTH} characters."
    if len(set(key)) < 8:
        return "BB103_CPR_HASH_KEY repeats too few characters to be secret."
    return None


@checks.register(checks.Tags.security, deploy=True)
def check_cpr_hash_key(**kwargs: object) -> list[checks.CheckMessage]:
    problem = cpr_hash_key_problem(str(getattr(settings, "BB103_CPR_HASH_KEY", "")))
    if problem is None:
        return []
    return [
        checks.Error(
            problem,
            hint="Set it to a long random value, e.g. python -c "
            "'import secrets; print(secrets.token_urlsafe(48))', and run cpr_rehash.",
            id="bb103.E001",
        )
    ]


@sensitive_variables("cpr", "digits")
def cpr_search_key(cpr: str) -> str:
    """The search key of a normalised CPR number (DDMMÅÅ-XXXX)."""
    digits = cpr.replace("-", "")
    key = settings.BB103_CPR_HASH_KEY.encode()
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
