"""CPR numbers: validation and the birth date they encode.

The century follows the 7th digit (CPR-kontoret's rule):

==========  =============  ===========
7th digit   year 00-36      year 37-99
==========  =============  ===========
0-3         19xx           19xx
4, 9        20xx           19xx
5-8         20xx (00-57)   18xx (58-99)
==========  =============  ===========

The modulus-11 check is not applied: CPR numbers without it have been issued since 2007.
"""

import re
from datetime import date

# [0-9], not \d: other scripts' digits are not CPR digits.
_CPR = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})-?([0-9])([0-9]{3})")


def birth_date_from_cpr(cpr: str) -> date:
    """The birth date encoded in ``cpr``. Raises ValueError with a reason naming the value."""
    match = _CPR.fullmatch(cpr)
    if not match:
        raise ValueError(f"{cpr} is not 10 digits (DDMMÅÅ-XXXX, the hyphen is optional)")
    dd, mm, yy, seventh = (int(match.group(i)) for i in range(1, 5))
    year = _century(seventh, yy) + yy
    try:
        return date(year, mm, dd)
    except ValueError:
        raise ValueError(f"{cpr} is not a valid date") from None


def _century(seventh: int, yy: int) -> int:
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def mask_cpr(cpr: str) -> str:
    """``010190-1234`` -> ``010190-xxxx``: the form shown in lists."""
    digits = cpr.replace("-", "")
    return f"{digits[:6]}-xxxx"
