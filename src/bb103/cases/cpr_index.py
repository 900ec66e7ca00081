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
from django.views.decorators.debug import sensitive_variables


@sensitive_variables("cpr", "digits")
def cpr_search_key(cpr: str) -> str:
    """The search key of a normalised CPR number (DDMMÅÅ-XXXX)."""
    digits = cpr.replace("-", "")
    key = settings.BB103_CPR_HASH_KEY.encode()
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
